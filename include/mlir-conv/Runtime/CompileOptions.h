//===- CompileOptions.h - How the runtime compiles a function ---*- C++ -*-===//
//
// Part of mlir-conv. The one typed compile configuration of the runtime: the
// tools' flags, Conv2d, the C API and Python all fill this struct; it is
// checked once (`validate`), turned into the pipelines' options by one
// conversion (Runtime/PipelineOptions.h), and compared and hashed field by
// field as the kernel cache's key.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_COMPILEOPTIONS_H
#define MLIR_CONV_RUNTIME_COMPILEOPTIONS_H

#include "mlir-conv/Support/LoweringChoices.h"

#include "llvm/ADT/Hashing.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir::conv::runtime {

/// How to compile. Every field takes part in `operator==` and `hash_value`
/// (CompileOptions.cpp binds them all by position, so a new field that is
/// not added there does not compile).
struct CompileOptions {
  /// The target, as resolveCpuTarget reads them: the LLVM triple ('' for
  /// this process's; another architecture only compiles ahead of time);
  /// CPU 'host' is the one MLIR_CONV_HOST_CPU names, or this machine's;
  /// features 'host' are the CPU's own, anything else +name/-name changes
  /// on top of them.
  std::string targetTriple;
  std::string targetCPU = "host";
  std::string targetFeatures = "host";
  /// LLVM optimization level of the JIT (0-3).
  unsigned optLevel = 3;
  ConvStrategy strategy = ConvStrategy::Direct;
  /// Threads a call uses (OpenMP when above 1; at least 1).
  unsigned threads = 1;
  /// Direct strategy: the register and reduction blocks (0 = choose; cBlock
  /// -1 = never split the reduction).
  int64_t owBlock = 0, ocVectors = 0, ohBlock = 0, cBlock = 0;
  /// Direct strategy: Winograd F(2x2, 3x3) for dense 3x3 stride-1 f32 convs.
  WinogradPolicy winograd = WinogradPolicy::Auto;
  /// Direct strategy: exact strategies only (no Winograd), so that a
  /// non-finite input reaches only the outputs whose window reads it
  /// (docs/Numerics.md). Contradicts winograd Always.
  bool exact = false;
  /// CPU, or an NVIDIA GPU through the conv-to-nvvm pipeline.
  Device device = Device::CPU;
  /// GPU: the architecture and the kernel tiling (0 = choose).
  std::string gpuChip = "sm_90";
  int64_t gpuRegM = 0, gpuRegN = 0, gpuTileK = 0, gpuSplitK = 0;
  bool gpuDepthwiseKernel = true;
  /// GPU: path of libmlir_conv_cuda_runtime.so (empty: the one built with
  /// mlir-conv).
  std::string cudaRuntimeLibrary;

  /// Checks every field against its rule; the error names the field, its
  /// value and what it must be. The target names are checked where they are
  /// resolved (resolveCpuTarget).
  llvm::Error validate() const;

  bool operator==(const CompileOptions &other) const;
  bool operator!=(const CompileOptions &other) const {
    return !(*this == other);
  }
};

llvm::hash_code hash_value(const CompileOptions &options);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_COMPILEOPTIONS_H
