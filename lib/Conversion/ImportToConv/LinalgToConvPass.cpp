//===- LinalgToConvPass.cpp - The convert-linalg-to-conv pass -------------===//
//
// Part of mlir-conv. This file holds only the pass; the import is in
// LinalgToConv.cpp.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVERTLINALGTOCONVPASS
#include "mlir-conv/Conversion/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

namespace {
struct ConvertLinalgToConvPass
    : conv::impl::ConvertLinalgToConvPassBase<ConvertLinalgToConvPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateLinalgToConvPatterns(patterns);
    // Only our rewrite (and the removal of the pads, fills and broadcasts it
    // leaves dead): no folding.
    if (failed(applyPatternsGreedily(
            getOperation(), std::move(patterns),
            GreedyRewriteConfig().enableFolding(false).enableConstantCSE(
                false))))
      signalPassFailure();
  }
};
} // namespace
