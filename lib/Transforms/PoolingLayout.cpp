//===- PoolingLayout.cpp - Channels innermost in NHWC pooling -------------===//
//
// Part of mlir-conv. See conv-pooling-channels-innermost in
// Transforms/Passes.td.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVPOOLINGCHANNELSINNERMOSTPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

namespace {
struct ConvPoolingChannelsInnermostPass
    : conv::impl::ConvPoolingChannelsInnermostPassBase<
          ConvPoolingChannelsInnermostPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> pools;
    getOperation().walk([&](Operation *op) {
      if (isa<linalg::PoolingNhwcMaxOp, linalg::PoolingNhwcMinOp,
              linalg::PoolingNhwcSumOp>(op))
        pools.push_back(cast<linalg::LinalgOp>(op));
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp pool : pools) {
      rewriter.setInsertionPoint(pool);
      FailureOr<linalg::GenericOp> generic =
          linalg::generalizeNamedOp(rewriter, pool);
      if (failed(generic))
        continue;
      // (n, oh, ow, c, kh, kw) -> (n, oh, ow, kh, kw, c).
      (void)linalg::interchangeGenericOp(rewriter, *generic,
                                         {0, 1, 2, 4, 5, 3});
    }
  }
};
} // namespace
