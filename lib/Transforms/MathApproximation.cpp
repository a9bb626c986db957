//===- MathApproximation.cpp - Polynomial f32 transcendentals -------------===//
//
// Part of mlir-conv. See conv-math-approximation in Transforms/Passes.td.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVMATHAPPROXIMATIONPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

namespace {
struct ConvMathApproximationPass
    : conv::impl::ConvMathApproximationPassBase<ConvMathApproximationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(
        patterns, MathPolynomialApproximationOptions{});
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
