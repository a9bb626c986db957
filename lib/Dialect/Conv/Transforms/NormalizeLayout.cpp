//===- NormalizeLayout.cpp - Rewrite convs to NHWC/HWIO -------------------===//
//
// Part of mlir-conv. The one place layouts are handled: transposes around an
// NHWC/HWIO conv.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::conv;

Value mlir::conv::castFloatElements(OpBuilder &b, Location loc, Value value,
                                    Type elementType) {
  Type from = getElementTypeOrSelf(value.getType());
  if (from == elementType)
    return value;
  Type to = elementType;
  if (auto vectorType = dyn_cast<VectorType>(value.getType()))
    to = VectorType::get(vectorType.getShape(), elementType);
  if (from.getIntOrFloatBitWidth() < elementType.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}

Value mlir::conv::createTranspose(OpBuilder &b, Location loc, Value value,
                                  ArrayRef<int64_t> perm) {
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return value;
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  SmallVector<OpFoldResult> permuted =
      llvm::map_to_vector(perm, [&](int64_t p) { return sizes[p]; });
  Value init = tensor::EmptyOp::create(
      b, loc, permuted, cast<ShapedType>(value.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, value, init, perm)->getResult(0);
}

FailureOr<Conv2DOp> mlir::conv::normalizeConvLayout(RewriterBase &rewriter,
                                                    Conv2DOp op) {
  InputLayout inputLayout = op.getInputLayout();
  FilterLayout filterLayout = op.getFilterLayout();
  if (inputLayout == InputLayout::NHWC && filterLayout == FilterLayout::HWIO)
    return rewriter.notifyMatchFailure(op, "already NHWC/HWIO");
  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value input = createTranspose(rewriter, loc, op.getInput(),
                                getInputToNHWCPermutation(inputLayout));
  Value filter = createTranspose(rewriter, loc, op.getFilter(),
                                 getFilterToHWIOPermutation(filterLayout));
  auto conv =
      Conv2DOp::create(rewriter, loc, input, filter, op.getBias(),
                       op.getStrides(), op.getDilations(), op.getPadding(),
                       op.getGroups(), InputLayout::NHWC, FilterLayout::HWIO);
  Value result = createTranspose(rewriter, loc, conv.getResult(),
                                 getNHWCToInputPermutation(inputLayout));
  if (result.getType() != op.getType())
    result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
  rewriter.replaceOp(op, result);
  return conv;
}

FailureOr<Conv2DOp>
mlir::conv::normalizeConvFilterLayout(RewriterBase &rewriter, Conv2DOp op) {
  if (op.getFilterLayout() == FilterLayout::HWIO)
    return op;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value filter =
      createTranspose(rewriter, op.getLoc(), op.getFilter(),
                      getFilterToHWIOPermutation(op.getFilterLayout()));
  auto conv = Conv2DOp::create(
      rewriter, op.getLoc(), op.getType(), op.getInput(), filter, op.getBias(),
      op.getStrides(), op.getDilations(), op.getPadding(), op.getGroups(),
      op.getInputLayout(), FilterLayout::HWIO);
  rewriter.replaceOp(op, conv.getResult());
  return conv;
}

FailureOr<Conv2DOp> mlir::conv::getNormalizedConv(RewriterBase &rewriter,
                                                  Conv2DOp op) {
  if (op.getInputLayout() == InputLayout::NHWC &&
      op.getFilterLayout() == FilterLayout::HWIO)
    return op;
  return normalizeConvLayout(rewriter, op);
}

namespace {
/// Applies `normalizeConvLayout`.
struct NormalizeLayoutPattern : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    return normalizeConvLayout(rewriter, op);
  }
};
} // namespace

void mlir::conv::populateConvNormalizeLayoutPatterns(
    RewritePatternSet &patterns) {
  patterns.add<NormalizeLayoutPattern>(patterns.getContext());
}
