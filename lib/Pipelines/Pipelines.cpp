//===- Pipelines.cpp - Pass pipelines of mlir-conv ------------------------===//
//
// Part of mlir-conv. Builds and registers the conv-to-llvm (CPU) and
// conv-to-nvvm (NVIDIA GPU) pipelines from shared stages.
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
#include "mlir/Conversion/GPUCommon/GPUCommonPass.h"
#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::conv;

/// Tensors -> buffers, with identity-layout memrefs at function boundaries
/// (callers pass plain contiguous buffers) and, optionally, results turned
/// into caller-provided out-params.
static void addBufferizationPasses(OpPassManager &pm, bool destinationPassing) {
  // A tensor returned twice gets a buffer per result.
  pm.addNestedPass<func::FuncOp>(createConvDistinctResultsPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  if (destinationPassing) {
    // Folds loops that carry a buffer through iter_args unchanged (the
    // direct kernel's input-channel blocks): the function then returns the
    // allocation itself, which becomes the caller's buffer rather than a
    // scratch buffer copied into it on every call.
    pm.addPass(createCanonicalizerPass());
    bufferization::BufferResultsToOutParamsPassOptions outParams;
    outParams.hoistStaticAllocs = true;
    outParams.modifyPublicFunctions = true;
    pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  }
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  // Clones the deallocation pipeline leaves (returned buffers) -> memref.
  pm.addPass(createConvertBufferizationToMemRefPass());
}

/// Buffers -> loops: linalg on buffers and affine maps become scf loops
/// over plain memref accesses.
static void addLoopLoweringPasses(OpPassManager &pm) {
  // Strided copies as loops, not calls of MLIR's runtime (memrefCopy).
  pm.addNestedPass<func::FuncOp>(createConvStridedCopiesToLinalgPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLoopInvariantCodeMotionPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
}

/// The host code -> LLVM dialect (`gpuToLLVM`: with GPU launches and
/// copies, kernels taking bare pointers), with the host's target attributes.
static void addHostToLLVMPasses(OpPassManager &pm, bool openMP, bool gpuToLLVM,
                                const std::string &targetTriple,
                                const std::string &targetCPU,
                                const std::string &targetFeatures) {
  // bf16 conversions become integer arithmetic: correct on every host.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createSCFToControlFlowPass());
  // x86vector: the vdpbf16ps of bf16 direct kernels.
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.x86Vector = true;
  // Register-block transposes (NCHW stores, filter tiles) as one shuffle
  // rather than an extract/insert per element.
  vectorToLLVM.vectorTransposeLowering =
      vector::VectorTransposeLowering::Shuffle1D;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  if (gpuToLLVM) {
    GpuToLLVMConversionPassOptions gpu;
    gpu.kernelBarePtrCallConv = true;
    pm.addPass(createGpuToLLVMConversionPass(gpu));
  }
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (openMP)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());

  ConvSetLLVMTargetPassOptions target;
  target.targetTriple = targetTriple;
  target.targetCPU = targetCPU;
  target.targetFeatures = targetFeatures;
  pm.addPass(createConvSetLLVMTargetPass(target));
}

void mlir::conv::buildConvToLLVMPipeline(OpPassManager &pm,
                                         const ConvToLLVMOptions &options) {
  // conv -> vector loops (direct strategy) or linalg, on tensors.
  if (options.strategy == ConvStrategy::Direct) {
    ConvertConvToVectorPassOptions direct;
    direct.targetTriple = options.targetTriple;
    direct.targetCPU = options.targetCPU;
    direct.targetFeatures = options.targetFeatures;
    direct.owBlock = options.owBlock;
    direct.ocVectors = options.ocVectors;
    direct.ohBlock = options.ohBlock;
    direct.cBlock = options.cBlock;
    direct.winograd = options.winograd;
    direct.exact = options.exact;
    direct.recordLowering = options.recordLowering;
    direct.threads = options.threads;
    pm.addNestedPass<func::FuncOp>(createConvertConvToVectorPass(direct));
  }
  ConvertConvToLinalgPassOptions linalg;
  linalg.recordLowering = options.recordLowering;
  pm.addNestedPass<func::FuncOp>(createConvertConvToLinalgPass(linalg));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addBufferizationPasses(pm, options.destinationPassing);
  if (options.hoistScratch)
    pm.addPass(createConvHoistScratchPass());

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
  addLoopLoweringPasses(pm);
  // n-D vector transfers (the NCHW stores' channels x pixels writes) ->
  // unrolled 1-D transfers.
  VectorTransferToSCFOptions transfers;
  transfers.enableFullUnroll(true);
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass(transfers));
  addHostToLLVMPasses(pm, /*openMP=*/options.threads > 1, /*gpuToLLVM=*/false,
                      options.targetTriple, options.targetCPU,
                      options.targetFeatures);
}

void mlir::conv::buildConvToNVVMPipeline(OpPassManager &pm,
                                         const ConvToNVVMOptions &options) {
  // conv -> host copies around a gpu.launch; what stays (dynamic shapes,
  // the layout transposes) is lowered for the host.
  ConvertConvToGPUPassOptions kernel;
  kernel.regM = options.regM;
  kernel.regN = options.regN;
  kernel.tileK = options.tileK;
  kernel.threads = options.threads;
  kernel.fillBlocks = options.fillBlocks;
  kernel.splitK = options.splitK;
  kernel.multiprocessors = options.multiprocessors;
  kernel.depthwiseKernel = options.depthwiseKernel;
  kernel.recordLowering = options.recordLowering;
  pm.addPass(createConvertConvToGPUPass(kernel));
  ConvertConvToLinalgPassOptions linalg;
  linalg.recordLowering = options.recordLowering;
  pm.addNestedPass<func::FuncOp>(createConvertConvToLinalgPass(linalg));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addBufferizationPasses(pm, options.destinationPassing);
  pm.addPass(createForallToForLoopPass());
  pm.addPass(createConvBuildGpuKernelsPass());
  addLoopLoweringPasses(pm);

  // Kernels -> NVVM -> PTX (or cubin) embedded in a gpu.binary.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));
  OpPassManager &kernels = pm.nest<gpu::GPUModuleOp>();
  kernels.addPass(createSCFToControlFlowPass());
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.useBarePtrCallConv = true;
  kernels.addPass(createConvertGpuOpsToNVVMOps(nvvm));
  kernels.addPass(createCanonicalizerPass());
  kernels.addPass(createCSEPass());
  kernels.addPass(createReconcileUnrealizedCastsPass());
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = options.format;
  binary.toolkitPath = options.toolkit;
  pm.addPass(createGpuModuleToBinaryPass(binary));
  if (!options.hostToLLVM)
    return;
  addHostToLLVMPasses(pm, /*openMP=*/false, /*gpuToLLVM=*/true,
                      /*targetTriple=*/"", options.targetCPU,
                      options.targetFeatures);
}

void mlir::conv::registerConvPipelines() {
  PassPipelineRegistration<ConvToLLVMOptions>(
      "conv-to-llvm",
      "Lower the conv dialect (and linalg/tensor/arith around it) to the LLVM "
      "dialect for the CPU",
      buildConvToLLVMPipeline);
  PassPipelineRegistration<ConvToNVVMOptions>(
      "conv-to-nvvm",
      "Lower the conv dialect to NVIDIA GPU kernels (PTX or cubin in a "
      "gpu.binary) and host code in the LLVM dialect that launches them",
      buildConvToNVVMPipeline);
}
