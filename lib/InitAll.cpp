//===- InitAll.cpp - Register everything mlir-conv uses -------------------===//
//
// Part of mlir-conv. See InitAll.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/InitAll.h"
#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/Transforms/Passes.h"
#include "mlir-conv/Pipelines/ModelPipeline.h"
#include "mlir-conv/Pipelines/Pipelines.h"
#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::conv::registerAllDialects(DialectRegistry &registry) {
  registerConvPipelineDialects(registry);
  // What the import passes read.
  registry.insert<quant::QuantDialect, tosa::TosaDialect>();
}

void mlir::conv::registerAllPasses() {
  // Ours.
  registerConversionPasses();
  registerConvTransformsPasses();
  registerTransformsPasses();
  registerConvPipelines();
  registerConvModelPipelines();
  // The model pipeline's stages, so that each replays.
  tosa::registerTosaReduceTransposes();
  registerTosaToLinalg();
  registerTosaToLinalgNamed();
  registerTosaToArithPass();
  registerTosaToTensorPass();
  registerLinalgElementwiseOpFusionPass();
  // The upstream passes our pipeline is built from.
  registerCanonicalizerPass();
  registerCSEPass();
  registerLoopInvariantCodeMotion();
  bufferization::registerOneShotBufferizePass();
  bufferization::registerBufferResultsToOutParamsPass();
  bufferization::registerBufferizationPipelines();
  // What buffer-deallocation-pipeline expands to, so a dumped pipeline
  // replays as it is printed.
  memref::registerExpandReallocPass();
  bufferization::registerOwnershipBasedBufferDeallocationPass();
  bufferization::registerBufferDeallocationSimplificationPass();
  bufferization::registerLowerDeallocationsPass();
  registerConvertBufferizationToMemRefPass();
  registerConvertLinalgToLoopsPass();
  memref::registerExpandStridedMetadataPass();
  registerLowerAffinePass();
  arith::registerArithExpandOpsPass();
  registerSCFToControlFlowPass();
  registerSCFForallToForLoop();
  registerSCFForallToParallelLoop();
  registerConvertSCFToOpenMPPass();
  registerConvertOpenMPToLLVMPass();
  registerConvertVectorToSCF();
  registerConvertVectorToLLVMPass();
  registerFinalizeMemRefToLLVMConversionPass();
  registerConvertMathToLLVMPass();
  registerArithToLLVMConversionPass();
  registerConvertIndexToLLVMPass();
  registerUBToLLVMConversionPass();
  registerConvertFuncToLLVMPass();
  registerConvertControlFlowToLLVMPass();
  registerReconcileUnrealizedCastsPass();
  // The GPU stages of conv-to-nvvm.
  registerGpuLaunchSinkIndexComputationsPass();
  registerGpuKernelOutliningPass();
  registerGpuNVVMAttachTarget();
  registerConvertGpuOpsToNVVMOps();
  registerGpuModuleToBinaryPass();
  registerGpuToLLVMConversionPass();
}
