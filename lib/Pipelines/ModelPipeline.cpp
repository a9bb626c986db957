//===- ModelPipeline.cpp - Whole models from TOSA -------------------------===//
//
// Part of mlir-conv. See ModelPipeline.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Pipelines/ModelPipeline.h"
#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Conversion/TosaToArith/TosaToArith.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/TosaToTensor/TosaToTensor.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::conv;

void mlir::conv::buildTosaModelToConvPipeline(
    OpPassManager &pm, const TosaModelToConvOptions &options) {
  {
    OpPassManager &func = pm.nest<func::FuncOp>();
    func.addPass(createCanonicalizerPass());
    func.addPass(createConvSinkTransposesPass());
    func.addPass(tosa::createTosaReduceTransposes());
    func.addPass(createCanonicalizerPass());
  }
  if (options.raiseConvs)
    pm.addPass(createConvertTosaToConvPass());
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(tosa::createTosaToLinalgNamed({}));
  // Pools: channels innermost, so that LLVM vectorizes their loops.
  func.addPass(createConvPoolingChannelsInnermostPass());
  func.addPass(tosa::createTosaToLinalg());
  func.addPass(createTosaToArithPass());
  func.addPass(createTosaToTensorPass());
  // Sigmoid's exp (SiLU, squeeze-excitation) as vectorizable arithmetic.
  func.addPass(createConvMathApproximationPass());
  func.addPass(createCanonicalizerPass());
  func.addPass(createLinalgElementwiseOpFusionPass());
}

bool mlir::conv::containsTosaOps(Operation *root) {
  return root
      ->walk([](Operation *op) {
        return isa_and_present<tosa::TosaDialect>(op->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

void mlir::conv::buildConvModelToLLVMPipeline(
    OpPassManager &pm, const ConvToLLVMOptions &options) {
  buildTosaModelToConvPipeline(pm);
  buildConvToLLVMPipeline(pm, options);
}

void mlir::conv::registerConvModelDialects(DialectRegistry &registry) {
  registry.insert<tosa::TosaDialect>();
}

void mlir::conv::registerConvModelPipelines() {
  PassPipelineRegistration<TosaModelToConvOptions>(
      "tosa-model-to-conv",
      "A network in TOSA -> conv.conv2d (layouts propagated: NHWC between "
      "convs) and linalg/tensor/arith for the rest, on tensors",
      [](OpPassManager &pm, const TosaModelToConvOptions &options) {
        buildTosaModelToConvPipeline(pm, options);
      });
  PassPipelineRegistration<ConvToLLVMOptions>(
      "conv-model-to-llvm",
      "A network in TOSA -> the LLVM dialect for the CPU (tosa-model-to-conv, "
      "then conv-to-llvm)",
      buildConvModelToLLVMPipeline);
}
