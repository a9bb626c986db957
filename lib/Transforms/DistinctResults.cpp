//===- DistinctResults.cpp - The conv-distinct-results pass ---------------===//
//
// Part of mlir-conv. Makes a function that returns one tensor twice return
// a copy the second time, so every result bufferizes to a buffer of its own.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVDISTINCTRESULTSPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

namespace {
struct ConvDistinctResultsPass
    : conv::impl::ConvDistinctResultsPassBase<ConvDistinctResultsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> seen;
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<RankedTensorType>(v.getType());
        if (!type || seen.insert(v).second)
          continue;
        // A copy takes its sizes from the tensor it copies.
        operand.set(bufferization::AllocTensorOp::create(
            b, ret.getLoc(), type, ValueRange{}, /*copy=*/v));
      }
    });
  }
};
} // namespace
