//===- Pipelines.cpp - Pass pipelines of mlir-conv ------------------------===//
//
// Part of mlir-conv. Builds and registers the conv-to-llvm pipeline.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Pipelines/Pipelines.h"
#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::conv;

void mlir::conv::buildConvToLLVMPipeline(OpPassManager &pm,
                                         const ConvToLLVMOptions &options) {
  // conv -> vector loops (direct strategy) or linalg, on tensors.
  if (options.strategy == ConvStrategy::Direct) {
    ConvertConvToVectorPassOptions direct;
    direct.targetFeatures = options.targetFeatures;
    direct.owBlock = options.owBlock;
    direct.ocVectors = options.ocVectors;
    direct.ohBlock = options.ohBlock;
    direct.cBlock = options.cBlock;
    pm.addNestedPass<func::FuncOp>(createConvertConvToVectorPass(direct));
  }
  pm.addNestedPass<func::FuncOp>(createConvertConvToLinalgPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Tensors -> buffers. Function boundaries get identity-layout memrefs so
  // that callers pass plain contiguous buffers.
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  if (options.destinationPassing) {
    bufferization::BufferResultsToOutParamsPassOptions outParams;
    outParams.hoistStaticAllocs = true;
    outParams.modifyPublicFunctions = true;
    pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  }
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  // Clones the deallocation pipeline leaves (returned buffers) -> memref.
  pm.addPass(createConvertBufferizationToMemRefPass());

  // Parallel rows -> OpenMP threads, or sequential loops.
  if (options.threads > 1) {
    pm.addPass(createForallToParallelLoopPass());
    ConvertSCFToOpenMPPassOptions omp;
    omp.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(omp));
    // Keeps the alloca scopes of the loop bodies single-block.
    pm.addPass(createCanonicalizerPass());
  } else {
    pm.addPass(createForallToForLoopPass());
  }

  // Buffers -> loops.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLoopInvariantCodeMotionPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // bf16 conversions become integer arithmetic: correct on every host.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createSCFToControlFlowPass());

  // Everything -> LLVM dialect.
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (options.threads > 1)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());

  ConvSetLLVMTargetPassOptions target;
  target.targetCPU = options.targetCPU;
  target.targetFeatures = options.targetFeatures;
  pm.addPass(createConvSetLLVMTargetPass(target));
}

void mlir::conv::registerConvPipelines() {
  PassPipelineRegistration<ConvToLLVMOptions>(
      "conv-to-llvm",
      "Lower the conv dialect (and linalg/tensor/arith around it) to the LLVM "
      "dialect for the CPU",
      buildConvToLLVMPipeline);
}
