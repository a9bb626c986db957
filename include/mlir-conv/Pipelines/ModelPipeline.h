//===- ModelPipeline.h - Whole models from TOSA -----------------*- C++ -*-===//
//
// Part of mlir-conv. The model pipeline: a network in TOSA (as an importer
// or another compiler produces it) -> layouts propagated -> convs raised to
// conv.conv2d -> the rest through upstream tosa-to-linalg -> the CPU
// pipeline (conv-to-llvm).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_PIPELINES_MODELPIPELINE_H
#define MLIR_CONV_PIPELINES_MODELPIPELINE_H

#include "mlir-conv/Pipelines/Pipelines.h"

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class DialectRegistry;
class OpPassManager;
class Operation;
namespace conv {

/// Options of `tosa-model-to-conv`.
struct TosaModelToConvOptions
    : public PassPipelineOptions<TosaModelToConvOptions> {
  PassOptions::Option<bool> raiseConvs{
      *this, "raise-convs",
      llvm::cl::desc("Raise the TOSA convs to conv.conv2d (false: leave them "
                     "to upstream tosa-to-linalg, to measure what the plugin "
                     "is worth)"),
      llvm::cl::init(true)};
};

/// TOSA -> conv.conv2d + linalg/tensor/arith on tensors:
///   canonicalize, conv-sink-transposes, tosa-reduce-transposes (an NCHW
///   model's transposes around
///   each conv cancel: NHWC between its input and output), canonicalize,
///   convert-tosa-to-conv, tosa-to-linalg-named, tosa-to-linalg,
///   tosa-to-arith, tosa-to-tensor, conv-math-approximation, canonicalize,
///   linalg-fuse-elementwise-ops.
void buildTosaModelToConvPipeline(OpPassManager &pm,
                                  const TosaModelToConvOptions &options = {});

/// Whether `root` holds TOSA ops (a network for the model pipeline rather
/// than convs for conv-to-llvm alone).
bool containsTosaOps(Operation *root);

/// buildTosaModelToConvPipeline, then buildConvToLLVMPipeline.
void buildConvModelToLLVMPipeline(OpPassManager &pm,
                                  const ConvToLLVMOptions &options);

/// The dialects the model pipeline creates, beyond the conv pipeline's.
void registerConvModelDialects(DialectRegistry &registry);

/// Registers `tosa-model-to-conv` and `conv-model-to-llvm`.
void registerConvModelPipelines();

} // namespace conv
} // namespace mlir

#endif // MLIR_CONV_PIPELINES_MODELPIPELINE_H
