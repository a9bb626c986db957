//===- PipelineOptions.cpp - CompileOptions as pipeline options -----------===//
//
// Part of mlir-conv. See PipelineOptions.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/PipelineOptions.h"

#include <algorithm>

using namespace mlir::conv;
using namespace mlir::conv::runtime;

void mlir::conv::runtime::setConvToLLVMOptions(ConvToLLVMOptions &pipeline,
                                               const CompileOptions &options,
                                               bool destinationPassing) {
  pipeline.destinationPassing = destinationPassing;
  pipeline.hoistScratch = true;
  pipeline.recordLowering = true;
  pipeline.targetTriple = options.targetTriple;
  pipeline.targetCPU = options.targetCPU;
  pipeline.targetFeatures = options.targetFeatures;
  pipeline.strategy = options.strategy;
  pipeline.threads = std::max(1u, options.threads);
  pipeline.owBlock = options.owBlock;
  pipeline.ocVectors = options.ocVectors;
  pipeline.ohBlock = options.ohBlock;
  pipeline.cBlock = options.cBlock;
  pipeline.winograd = options.winograd;
  pipeline.exact = options.exact;
}

void mlir::conv::runtime::setConvToNVVMOptions(ConvToNVVMOptions &pipeline,
                                               const CompileOptions &options,
                                               bool destinationPassing) {
  pipeline.destinationPassing = destinationPassing;
  pipeline.targetCPU = options.targetCPU;
  pipeline.targetFeatures = options.targetFeatures;
  pipeline.chip = options.gpuChip;
  pipeline.regM = options.gpuRegM;
  pipeline.regN = options.gpuRegN;
  pipeline.tileK = options.gpuTileK;
  pipeline.splitK = options.gpuSplitK;
  pipeline.depthwiseKernel = options.gpuDepthwiseKernel;
  pipeline.recordLowering = true;
}
