//===- TosaToConvPass.cpp - The convert-tosa-to-conv pass -----------------===//
//
// Part of mlir-conv. This file holds only the pass; the import is in
// TosaToConv.cpp.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVERTTOSATOCONVPASS
#include "mlir-conv/Conversion/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

namespace {
struct ConvertTosaToConvPass
    : conv::impl::ConvertTosaToConvPassBase<ConvertTosaToConvPass> {
  void runOnOperation() override {
    // A conv with zero points cannot be imported: say so and stop.
    if (failed(checkTosaZeroPoints(getOperation())))
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    populateTosaToConvPatterns(patterns);
    // Only our rewrite (and the removal of ops it leaves dead): no folding.
    if (failed(applyPatternsGreedily(
            getOperation(), std::move(patterns),
            GreedyRewriteConfig().enableFolding(false).enableConstantCSE(
                false))))
      signalPassFailure();
  }
};
} // namespace
