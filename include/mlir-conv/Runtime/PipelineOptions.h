//===- PipelineOptions.h - CompileOptions as pipeline options ---*- C++ -*-===//
//
// Part of mlir-conv. The one conversion from the runtime's CompileOptions to
// the options of the conv-to-llvm and conv-to-nvvm pipelines, so that what
// the runtime compiles is what `conv-opt --conv-to-llvm=...` replays. Not
// included by the embedding headers (it pulls in the pipelines).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_PIPELINEOPTIONS_H
#define MLIR_CONV_RUNTIME_PIPELINEOPTIONS_H

#include "mlir-conv/Pipelines/Pipelines.h"
#include "mlir-conv/Runtime/CompileOptions.h"

namespace mlir::conv::runtime {

/// Sets every conv-to-llvm option `options` stands for (device CPU), with
/// results as out-params when `destinationPassing` and the scratch buffers
/// hoisted to arguments (the runtime keeps them across calls).
void setConvToLLVMOptions(ConvToLLVMOptions &pipeline,
                          const CompileOptions &options,
                          bool destinationPassing);

/// Sets every conv-to-nvvm option `options` stands for (device GPU): chip,
/// tiling, host target and destination passing.
void setConvToNVVMOptions(ConvToNVVMOptions &pipeline,
                          const CompileOptions &options,
                          bool destinationPassing);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_PIPELINEOPTIONS_H
