//===- GpuKernels.h - Ahead-of-time export of GPU conv kernels --*- C++ -*-===//
//
// Part of mlir-conv. Lowers a function with the conv-to-nvvm pipeline and
// writes its kernels as PTX files plus a kernels.json manifest with the
// launch parameters, so they can be shipped to and launched on a machine
// without MLIR (cuModuleLoadData + cuLaunchKernel, or CuPy's RawModule).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_GPUKERNELS_H
#define MLIR_CONV_RUNTIME_GPUKERNELS_H

#include "mlir-conv/Runtime/Executable.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::conv::runtime {

/// Writes `<dir>/<kernel>.ptx` for every GPU conv kernel of `funcName` (a
/// clone of `module` is lowered with `options`' GPU settings) and
/// `<dir>/kernels.json`:
///
///   {"function": "conv", "chip": "sm_90", "kernels": [{
///     "name": "conv2d_gpu_kernel", "ptx": "conv2d_gpu_kernel.ptx",
///     "grid": [196, 1, 1], "block": [256, 1, 1], "tiling": "...",
///     "dtype": "f32", "input": [N, H, W, C], "filter": [KH, KW, C/g, OC],
///     "output": [N, OH, OW, OC], "bias": true, "strides": [..],
///     "dilations": [..], "padding": [t, b, l, r], "groups": 1,
///     "args": ["input", "filter", "bias", "output"]}]}
///
/// Kernels take one device pointer per entry of "args" (NHWC input, HWIO
/// filter, NHWC output); layouts other than these are transposed on the
/// host by the compiled function and are not part of the export. Returns the
/// number of kernels written; `records` (when given) gets what the lowering
/// decided per conv (Executable::getLoweringRecords).
llvm::Expected<unsigned>
exportGpuKernels(ModuleOp module, llvm::StringRef funcName,
                 const CompileOptions &options, llvm::StringRef dir,
                 std::vector<std::string> *records = nullptr);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_GPUKERNELS_H
