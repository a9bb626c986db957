//===- Driver.h - What conv-run does, as a library --------------*- C++ -*-===//
//
// Part of mlir-conv. Input parsing, timing, printing and conformance runs
// shared by conv-run and the embedding APIs.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TESTING_DRIVER_H
#define MLIR_CONV_TESTING_DRIVER_H

#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/Support/raw_ostream.h"

namespace mlir::conv::testing {

/// Makes the tensor for one `--input` value: `@path.npy` reads a file,
/// `SHAPExDTYPE` (e.g. `2x8x8x4xf32`) draws seeded random values, and the
/// empty string draws random values of `spec` (which must be static).
llvm::Expected<runtime::Tensor> makeInput(llvm::StringRef value,
                                          const runtime::TensorSpec &spec,
                                          uint64_t seed);

/// Timing of repeated calls.
struct BenchmarkResult {
  double medianMs = 0, bestMs = 0;
  /// cuda: median device time of the kernels of one call (-1: CPU).
  double kernelMedianMs = -1;
  int iterations = 0;
};

/// Calls `exe` once to warm up, then `iterations` times into preallocated
/// outputs, and returns the median and best wall time of one call.
llvm::Expected<BenchmarkResult>
benchmark(const runtime::Executable &exe,
          llvm::ArrayRef<const runtime::Tensor *> inputs, int iterations);

/// Prints `tensor` as nested brackets; elides the middle of tensors with more
/// than `maxElements` elements.
void printTensor(llvm::raw_ostream &os, const runtime::Tensor &tensor,
                 int64_t maxElements = 1024);

/// The FLOPs one call of `funcName` does in convs (2·N·OH·OW·OC·KH·KW·IC/g):
/// the single conv's for the actual `inputs`, or the sum over its convs with
/// static shapes.
double countConvFlops(ModuleOp module, llvm::StringRef funcName,
                      llvm::ArrayRef<const runtime::Tensor *> inputs);

/// The target line (CPU) and one line per conv: what the lowering decided
/// (`records`, Executable::getLoweringRecords), with the threads of a CPU
/// call.
std::string reportConvLowering(llvm::ArrayRef<std::string> records,
                               const runtime::CompileOptions &options);

/// Runs every case under `root`, prints one line per failing case and ends
/// with `N passed, M failed`. Returns the number of failures.
int runConformance(MLIRContext &context, llvm::StringRef root,
                   const runtime::CompileOptions &options,
                   llvm::raw_ostream &os);

/// Lowers every case under `root` for the GPU and writes its kernels
/// (`exportGpuKernels`) to `<outDir>/<case name>`; prints one line per
/// failing case and ends with `N lowered to PTX (K kernels), M failed`.
/// Needs no GPU. Returns the number of failures.
int exportConformanceKernels(MLIRContext &context, llvm::StringRef root,
                             const runtime::CompileOptions &options,
                             llvm::StringRef outDir, llvm::raw_ostream &os);

} // namespace mlir::conv::testing

#endif // MLIR_CONV_TESTING_DRIVER_H
