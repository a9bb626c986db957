//===- ConvToLinalg.cpp - Lower conv.conv2d to linalg on tensors ----------===//
//
// Part of mlir-conv. One lowering for every layout: normalise to NHWC/HWIO
// (NormalizeLayout.cpp), pad, convolve into an accumulator that holds the
// bias, and round once.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToLinalg/ConvToLinalg.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::conv;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// An all-parallel `linalg.generic` over `init`'s shape that applies `body`
/// to the elements of `inputs` (indexed by `inputMaps`).
static Value
elementwise(OpBuilder &b, Location loc, ValueRange inputs,
            ArrayRef<AffineMap> inputMaps, Value init,
            function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  unsigned rank = cast<ShapedType>(init.getType()).getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
      });
  return generic.getResult(0);
}

/// The NHWC accumulator of `op`, holding the broadcast bias or zero.
static Value createAccumulator(OpBuilder &b, Conv2DOp op, Type accType) {
  Location loc = op.getLoc();
  ReifiedRankedShapedTypeDims reified;
  (void)op.reifyResultShapes(b, reified);
  std::array<int64_t, 4> toNHWC =
      getInputToNHWCPermutation(op.getInputLayout());
  SmallVector<OpFoldResult> sizes =
      llvm::map_to_vector(toNHWC, [&](int64_t p) { return reified[0][p]; });
  Value init = tensor::EmptyOp::create(b, loc, sizes, accType);
  if (!op.getBias()) {
    Value zero =
        arith::ConstantOp::create(b, loc, accType, b.getZeroAttr(accType));
    return linalg::FillOp::create(b, loc, zero, init).getResult(0);
  }
  MLIRContext *ctx = b.getContext();
  AffineMap channel = AffineMap::get(4, 0, getAffineDimExpr(3, ctx));
  return elementwise(b, loc, op.getBias(), channel, init,
                     [&](OpBuilder &nb, Location nloc, ValueRange args) {
                       return castFloatElements(nb, nloc, args[0], accType);
                     });
}

/// Zero-pads the NHWC `input` by the op's padding, if it has any.
static Value padInput(OpBuilder &b, Conv2DOp op, Value input) {
  ArrayRef<int64_t> pad = op.getPadding();
  if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
    return input;
  Location loc = op.getLoc();
  Type elementType = cast<ShapedType>(input.getType()).getElementType();
  Value zero = arith::ConstantOp::create(b, loc, elementType,
                                         b.getZeroAttr(elementType));
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(pad[0]),
                                   b.getIndexAttr(pad[2]), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(pad[1]),
                                    b.getIndexAttr(pad[3]), b.getIndexAttr(0)};
  return tensor::PadOp::create(b, loc, /*resultType=*/Type(), input, low, high,
                               zero)
      .getResult();
}

/// `linalg.generic` for a grouped conv on NHWC `input`, HWIO `filter` and an
/// NHWC `acc`, with the channel dims split into (group, channel-in-group).
static Value groupedConv(OpBuilder &b, Location loc, const ConvGeometry &g,
                         Value input, Value filter, Value acc) {
  auto expandLast = [&](Value v, int64_t outer, int64_t inner) {
    auto type = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape(type.getShape());
    shape.back() = outer;
    shape.push_back(inner);
    SmallVector<ReassociationIndices> reassoc = {{0}, {1}, {2}, {3, 4}};
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get(shape, type.getElementType()), v,
        reassoc);
  };
  Value in5 = expandLast(input, g.groups, g.inChannelsPerGroup());
  Value filter5 = expandLast(filter, g.groups, g.outChannelsPerGroup());
  Value acc5 = expandLast(acc, g.groups, g.outChannelsPerGroup());

  // Loops: n, oh, ow, grp, ocg (parallel); kh, kw, icg (reduction).
  MLIRContext *ctx = b.getContext();
  AffineExpr n, oh, ow, grp, ocg, kh, kw, icg;
  bindDims(ctx, n, oh, ow, grp, ocg, kh, kw, icg);
  AffineMap inMap =
      AffineMap::get(8, 0,
                     {n, oh * g.strideH + kh * g.dilationH,
                      ow * g.strideW + kw * g.dilationW, grp, icg},
                     ctx);
  AffineMap filterMap = AffineMap::get(8, 0, {kh, kw, icg, grp, ocg}, ctx);
  AffineMap outMap = AffineMap::get(8, 0, {n, oh, ow, grp, ocg}, ctx);
  using utils::IteratorType;
  SmallVector<IteratorType> iterators(5, IteratorType::parallel);
  iterators.append(3, IteratorType::reduction);
  Type accType = cast<ShapedType>(acc.getType()).getElementType();
  auto generic = linalg::GenericOp::create(
      b, loc, acc5.getType(), ValueRange{in5, filter5}, acc5,
      ArrayRef<AffineMap>{inMap, filterMap, outMap}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value x = castFloatElements(nb, nloc, args[0], accType);
        Value w = castFloatElements(nb, nloc, args[1], accType);
        Value prod = arith::MulFOp::create(nb, nloc, x, w);
        Value sum = arith::AddFOp::create(nb, nloc, args[2], prod);
        linalg::YieldOp::create(nb, nloc, sum);
      });
  SmallVector<ReassociationIndices> reassoc = {{0}, {1}, {2}, {3, 4}};
  return tensor::CollapseShapeOp::create(b, loc, acc.getType(),
                                         generic.getResult(0), reassoc);
}

/// The conv proper on NHWC `input`, HWIO `filter` and NHWC `acc`: a named
/// linalg conv where one fits, the grouped generic otherwise.
static Value convolve(OpBuilder &b, Location loc, const ConvGeometry &g,
                      Value input, Value filter, Value acc) {
  DenseIntElementsAttr strides = b.getI64VectorAttr({g.strideH, g.strideW});
  DenseIntElementsAttr dilations =
      b.getI64VectorAttr({g.dilationH, g.dilationW});
  if (g.groups == 1)
    return linalg::Conv2DNhwcHwcfOp::create(b, loc, acc.getType(),
                                            ValueRange{input, filter}, acc,
                                            strides, dilations)
        .getResult(0);
  if (g.groups != g.inChannels)
    return groupedConv(b, loc, g, input, filter, acc);

  // Depthwise: the HWIO filter is [KH, KW, 1, C * m].
  auto filterType = cast<RankedTensorType>(filter.getType());
  int64_t multiplier = g.outChannelsPerGroup();
  SmallVector<ReassociationIndices> dropI = {{0}, {1}, {2, 3}};
  Value filter3 = tensor::CollapseShapeOp::create(
      b, loc,
      RankedTensorType::get({g.kernelH, g.kernelW, g.outChannels},
                            filterType.getElementType()),
      filter, dropI);
  if (multiplier == 1)
    return linalg::DepthwiseConv2DNhwcHwcOp::create(b, loc, acc.getType(),
                                                    ValueRange{input, filter3},
                                                    acc, strides, dilations)
        .getResult(0);
  SmallVector<ReassociationIndices> splitC = {{0}, {1}, {2, 3}};
  Value filter4 = tensor::ExpandShapeOp::create(
      b, loc,
      RankedTensorType::get({g.kernelH, g.kernelW, g.inChannels, multiplier},
                            filterType.getElementType()),
      filter3, splitC);
  auto accType = cast<RankedTensorType>(acc.getType());
  SmallVector<int64_t> acc5Shape(accType.getShape());
  acc5Shape.back() = g.inChannels;
  acc5Shape.push_back(multiplier);
  SmallVector<ReassociationIndices> splitOC = {{0}, {1}, {2}, {3, 4}};
  Value acc5 = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(acc5Shape, accType.getElementType()), acc,
      splitOC);
  Value out5 = linalg::DepthwiseConv2DNhwcHwcmOp::create(
                   b, loc, acc5.getType(), ValueRange{input, filter4}, acc5,
                   strides, dilations)
                   .getResult(0);
  return tensor::CollapseShapeOp::create(b, loc, accType, out5, splitOC);
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

FailureOr<Value> mlir::conv::lowerConv2DToLinalg(RewriterBase &rewriter,
                                                 Conv2DOp op) {
  // A result without elements (batch 0) needs no computation; lowering it
  // anyway would pad an empty input, whose insert becomes a memref.subview
  // at offset 0 of a size-0 dimension, which LLVM 22 rejects. (Found by
  // conv-conv2d-fuzzer.)
  if (llvm::is_contained(op.getType().getShape(), 0)) {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(op);
    ReifiedRankedShapedTypeDims sizes;
    if (failed(op.reifyResultShapes(rewriter, sizes)))
      return failure();
    Value empty = tensor::EmptyOp::create(rewriter, op.getLoc(), sizes[0],
                                          op.getType().getElementType());
    if (empty.getType() != op.getType())
      empty =
          tensor::CastOp::create(rewriter, op.getLoc(), op.getType(), empty);
    rewriter.replaceOp(op, empty);
    return empty;
  }
  // Layouts are dealt with once, by conv-normalize-layout's rewrite.
  FailureOr<Conv2DOp> normalized = getNormalizedConv(rewriter, op);
  if (failed(normalized))
    return failure();
  op = *normalized;
  Location loc = op.getLoc();
  ConvGeometry g = op.getGeometry();
  Type elementType = op.getInput().getType().getElementType();
  Type accType = getAccumulatorType(elementType);

  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value input = padInput(rewriter, op, op.getInput());
  Value acc = createAccumulator(rewriter, op, accType);
  Value out = convolve(rewriter, loc, g, input, op.getFilter(), acc);

  if (accType != elementType) {
    auto accTensor = cast<RankedTensorType>(out.getType());
    Value init = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, out), elementType);
    AffineMap id = rewriter.getMultiDimIdentityMap(accTensor.getRank());
    out =
        elementwise(rewriter, loc, out, id, init,
                    [&](OpBuilder &nb, Location nloc, ValueRange args) {
                      return castFloatElements(nb, nloc, args[0], elementType);
                    });
  }
  if (out.getType() != op.getType())
    out = tensor::CastOp::create(rewriter, loc, op.getType(), out);
  rewriter.replaceOp(op, out);
  return out;
}

namespace {
/// Lowers one `conv.conv2d` through `lowerConv2DToLinalg`.
struct Conv2DToLinalgPattern : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    return lowerConv2DToLinalg(rewriter, op);
  }
};
} // namespace

void mlir::conv::populateConvToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2DToLinalgPattern>(patterns.getContext());
}
