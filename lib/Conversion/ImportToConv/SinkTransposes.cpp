//===- SinkTransposes.cpp - Transposes below TOSA elementwise ops ---------===//
//
// Part of mlir-conv. The patterns of conv-sink-transposes (Passes.td) and
// the pass.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVSINKTRANSPOSESPASS
#include "mlir-conv/Conversion/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

/// `type` with its dims taken in the order `inverse` (the shape the value
/// had before a transpose by the inverse of `inverse`).
static RankedTensorType permute(RankedTensorType type,
                                ArrayRef<int32_t> inverse) {
  SmallVector<int64_t> shape;
  for (int32_t p : inverse)
    shape.push_back(type.getDimSize(p));
  return RankedTensorType::get(shape, type.getElementType());
}

static bool isVectorLike(RankedTensorType type) {
  return type.hasStaticShape() &&
         llvm::count_if(type.getShape(), [](int64_t d) { return d != 1; }) <= 1;
}

namespace {
/// Sinks the transposes of the first `numTensorOperands` operands of an
/// elementwise TOSA op below it.
template <typename OpTy> struct SinkTransposePattern : OpRewritePattern<OpTy> {
  SinkTransposePattern(MLIRContext *context, unsigned numTensorOperands)
      : OpRewritePattern<OpTy>(context), numTensorOperands(numTensorOperands) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType || !resultType.hasStaticShape())
      return failure();
    // The permutation of the transposed operands; all must agree.
    std::optional<SmallVector<int32_t>> perms;
    for (unsigned i = 0; i < numTensorOperands; ++i) {
      auto transpose =
          op->getOperand(i).template getDefiningOp<tosa::TransposeOp>();
      if (!transpose)
        continue;
      SmallVector<int32_t> p(transpose.getPerms());
      if (perms && *perms != p)
        return failure();
      perms = p;
    }
    if (!perms)
      return failure();
    SmallVector<int32_t> inverse(perms->size());
    for (auto [i, p] : llvm::enumerate(*perms))
      inverse[p] = i;
    // Every other operand must be a vector (a reshape permutes it) or a
    // constant (a transpose of it folds).
    for (unsigned i = 0; i < numTensorOperands; ++i) {
      Value operand = op->getOperand(i);
      if (operand.template getDefiningOp<tosa::TransposeOp>())
        continue;
      auto type = dyn_cast<RankedTensorType>(operand.getType());
      if (!type || type.getRank() != resultType.getRank() ||
          (!isVectorLike(type) &&
           !operand.template getDefiningOp<tosa::ConstOp>()))
        return failure();
    }

    Location loc = op.getLoc();
    SmallVector<Value> operands(op->getOperands());
    for (unsigned i = 0; i < numTensorOperands; ++i) {
      Value operand = operands[i];
      if (auto transpose =
              operand.template getDefiningOp<tosa::TransposeOp>()) {
        operands[i] = transpose.getInput1();
        continue;
      }
      auto type = cast<RankedTensorType>(operand.getType());
      RankedTensorType target = permute(type, inverse);
      if (isVectorLike(type)) {
        auto shapeType = tosa::shapeType::get(op.getContext(), type.getRank());
        auto shapeAttr = DenseIntElementsAttr::get(
            RankedTensorType::get({type.getRank()}, rewriter.getIndexType()),
            target.getShape());
        Value shape =
            tosa::ConstShapeOp::create(rewriter, loc, shapeType, shapeAttr);
        operands[i] =
            tosa::ReshapeOp::create(rewriter, loc, target, operand, shape);
      } else {
        operands[i] =
            tosa::TransposeOp::create(rewriter, loc, target, operand,
                                      rewriter.getDenseI32ArrayAttr(inverse));
      }
    }
    Operation *inner = rewriter.clone(*op);
    inner->setOperands(operands);
    inner->getResult(0).setType(permute(resultType, inverse));
    rewriter.replaceOpWithNewOp<tosa::TransposeOp>(
        op, resultType, inner->getResult(0),
        rewriter.getDenseI32ArrayAttr(*perms));
    return success();
  }

  unsigned numTensorOperands;
};

struct ConvSinkTransposesPass
    : conv::impl::ConvSinkTransposesPassBase<ConvSinkTransposesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateSinkTransposesPatterns(patterns);
    tosa::TransposeOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void mlir::conv::populateSinkTransposesPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<
      SinkTransposePattern<tosa::AddOp>, SinkTransposePattern<tosa::SubOp>,
      SinkTransposePattern<tosa::MulOp>, SinkTransposePattern<tosa::MaximumOp>,
      SinkTransposePattern<tosa::MinimumOp>>(context, 2);
  patterns.add<
      SinkTransposePattern<tosa::ClampOp>,
      SinkTransposePattern<tosa::SigmoidOp>, SinkTransposePattern<tosa::TanhOp>,
      SinkTransposePattern<tosa::ExpOp>,
      SinkTransposePattern<tosa::ReciprocalOp>,
      SinkTransposePattern<tosa::AbsOp>, SinkTransposePattern<tosa::ErfOp>>(
      context, 1);
}
