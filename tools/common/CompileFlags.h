//===- CompileFlags.h - Command-line flags of CompileOptions ----*- C++ -*-===//
//
// Part of mlir-conv. The flags that fill runtime::CompileOptions, declared
// once for every tool that compiles (conv-run, conv-bench): each flag's name,
// help and typed values (enums parsed by the command line) live here, and
// `apply` is the one place they are copied into the options.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TOOLS_COMMON_COMPILEFLAGS_H
#define MLIR_CONV_TOOLS_COMMON_COMPILEFLAGS_H

#include "mlir-conv/Runtime/CompileOptions.h"

#include "llvm/Support/CommandLine.h"

#include <string>

namespace mlir::conv::tools {

/// The CPU flags: target, strategy, register and reduction blocks, Winograd
/// policy, exact. Registered in `category` while the object lives (make it
/// in main, before parsing the command line).
class CpuCompileFlags {
public:
  explicit CpuCompileFlags(llvm::cl::OptionCategory &category);
  /// Sets the options these flags stand for (not threads: tools read those
  /// in their own way).
  void apply(runtime::CompileOptions &options) const;

private:
  llvm::cl::opt<std::string> targetTriple, targetCPU, targetFeatures;
  llvm::cl::opt<ConvStrategy> strategy;
  llvm::cl::opt<int64_t> owBlock, ohBlock, cBlock, ocVectors;
  llvm::cl::opt<WinogradPolicy> winograd;
  llvm::cl::opt<bool> exact;
};

/// The device flag and the GPU kernel flags.
class GpuCompileFlags {
public:
  explicit GpuCompileFlags(llvm::cl::OptionCategory &category);
  /// Sets the options these flags stand for; an empty --cuda-runtime keeps
  /// `options.cudaRuntimeLibrary`.
  void apply(runtime::CompileOptions &options) const;

private:
  llvm::cl::opt<Device> device;
  llvm::cl::opt<std::string> gpuChip;
  llvm::cl::opt<int64_t> gpuRegM, gpuRegN, gpuTileK, gpuSplitK;
  llvm::cl::opt<bool> gpuDepthwiseKernel;
  llvm::cl::opt<std::string> cudaRuntime;
};

} // namespace mlir::conv::tools

#endif // MLIR_CONV_TOOLS_COMMON_COMPILEFLAGS_H
