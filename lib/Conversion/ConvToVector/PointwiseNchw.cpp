//===- PointwiseNchw.cpp - 1x1 NCHW convs as the filter by the image -----===//
//
// Part of mlir-conv. A 1x1, stride-1, unpadded conv of one NCHW image with
// an OIHW (or OHWI) filter is the matrix product
//
//   Y[O][P] = W[O][I] . X[I][P]                       P = H * W pixels
//
// Read the other way round, that is an NHWC/HWIO 1x1 conv whose input is the
// filter, its O rows as pixels of I channels, and whose filter is the image:
//
//   W as [1, O / w, w, I]  *  X as [1, 1, I, P]  ->  Y as [1, O / w, w, P]
//
// All three are reshapes of the buffers as they are: the dense kernel runs
// with its vectors along the image's pixels, and neither the image, the
// filter nor the result is transposed (an NCHW conv otherwise transposes
// the filter to HWIO and stores its results transposed). The pixels of the
// swapped conv are laid out w to a row so that its row loop spreads over
// threads.
//
// The conv's bias (one per output channel: per pixel of the swapped conv)
// and a fusable elementwise epilogue become one linalg.generic after the
// swapped conv, which the dense kernel applies in registers.
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

namespace {
/// The swapped conv's pixels: `rows` rows of `width` (O = rows * width).
struct PixelGrid {
  int64_t rows, width;
};
} // namespace

/// O pixels as rows of the largest width <= 32 that divides O, or as one row
/// when that width is below 8 (the dense kernel's pixel blocks are up to 12
/// wide; narrower rows would leave most of a block empty).
static PixelGrid getPixelGrid(int64_t outChannels) {
  int64_t width = largestDivisorUpTo(outChannels, 32);
  if (width < 8)
    width = outChannels;
  return {outChannels / width, width};
}

std::optional<ConvGeometry>
mlir::conv::getPointwiseNchwGeometry(Conv2DOp op,
                                     const DirectConvOptions &options) {
  ConvGeometry g = op.getGeometry();
  Type type = op.getInput().getType().getElementType();
  if (g.inputLayout != InputLayout::NCHW ||
      (g.filterLayout != FilterLayout::OIHW &&
       g.filterLayout != FilterLayout::OHWI) ||
      !(type.isF32() || type.isF64()) || options.vectorBits == 0 ||
      g.batch != 1 || ShapedType::isDynamic(g.inH) ||
      ShapedType::isDynamic(g.inW) || g.kernelH != 1 || g.kernelW != 1 ||
      g.strideH != 1 || g.strideW != 1 || g.padTop != 0 || g.padBottom != 0 ||
      g.padLeft != 0 || g.padRight != 0 || g.groups != 1)
    return std::nullopt;
  // The image's pixels are the swapped conv's output channels: whole
  // vectors but for at most an eighth (14x14: 196 in 13 vectors of 16).
  int64_t pixels = g.inH * g.inW;
  int64_t padded = llvm::alignTo(pixels, getVectorWidth(type, options));
  if (8 * (padded - pixels) > padded)
    return std::nullopt;
  PixelGrid grid = getPixelGrid(g.outChannels);
  ConvGeometry swapped = ConvGeometry::fromShapes(
      {1, grid.rows, grid.width, g.inChannels}, {1, 1, g.inChannels, pixels},
      {1, 1}, {1, 1}, {0, 0, 0, 0}, 1, /*hasBias=*/false, InputLayout::NHWC,
      FilterLayout::HWIO);
  // The lowering replaces the op before the dense kernel is emitted: only
  // when that cannot fail.
  if (failed(planDirectConv(swapped, type, options)))
    return std::nullopt;
  return swapped;
}

/// `value` (static shape) reshaped to `shape` through its rank-1 collapse
/// where the reassociations are not a plain collapse or expand: a view of
/// the same buffer either way.
static Value reshape(ImplicitLocOpBuilder &b, Value value,
                     ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  auto target = RankedTensorType::get(shape, type.getElementType());
  if (std::optional<SmallVector<ReassociationIndices>> r =
          getReassociationIndicesForReshape(type, target)) {
    if (type.getRank() > target.getRank())
      return tensor::CollapseShapeOp::create(b, target, value, *r);
    return tensor::ExpandShapeOp::create(b, target, value, *r);
  }
  SmallVector<ReassociationIndices> all(1);
  for (int64_t i = 0; i < type.getRank(); ++i)
    all[0].push_back(i);
  Value flat = tensor::CollapseShapeOp::create(b, value, all);
  all[0].clear();
  for (int64_t i = 0; i < target.getRank(); ++i)
    all[0].push_back(i);
  return tensor::ExpandShapeOp::create(b, target, flat, all);
}

namespace {
/// An input of the generic after the swapped conv, with its indexing map
/// over (n, row, column, pixel).
struct SwappedInput {
  Value value;
  AffineMap map;
};
} // namespace

/// The inputs of `epilogue` (on the [1, O, H, W] result) other than the
/// conv's, as inputs over the swapped result [1, rows, width, P]: same-shaped
/// ones reshaped; broadcasts along the pixels ((d0), (d1), (d0, d1), ())
/// reshaped onto (d0), (d1, d2), (d0, d1, d2), (). Fails for a broadcast
/// that keeps H or W apart (not a run of the swapped result's pixels).
static FailureOr<SmallVector<SwappedInput>>
getSwappedEpilogueInputs(ImplicitLocOpBuilder &b, linalg::GenericOp epilogue,
                         Value convResult, PixelGrid grid, int64_t pixels) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<SwappedInput> inputs;
  for (OpOperand *in : epilogue.getDpsInputOperands()) {
    if (in->get() == convResult)
      continue;
    AffineMap map = epilogue.getMatchingIndexingMap(in);
    SmallVector<unsigned> dims;
    for (AffineExpr e : map.getResults())
      dims.push_back(cast<AffineDimExpr>(e).getPosition());
    SmallVector<int64_t> shape;
    SmallVector<AffineExpr> results;
    if (map.isIdentity()) {
      shape = {1, grid.rows, grid.width, pixels};
      results = {d(0), d(1), d(2), d(3)};
    } else if (llvm::any_of(dims, [](unsigned i) { return i > 1; })) {
      return failure();
    } else {
      for (unsigned i : dims) {
        if (i == 0) {
          shape.push_back(1);
          results.push_back(d(0));
        } else {
          shape.append({grid.rows, grid.width});
          results.append({d(1), d(2)});
        }
      }
    }
    inputs.push_back(
        {reshape(b, in->get(), shape), AffineMap::get(4, 0, results, ctx)});
  }
  return inputs;
}

FailureOr<Value>
mlir::conv::lowerPointwiseNchwConv(RewriterBase &rewriter, Conv2DOp op,
                                   const DirectConvOptions &options) {
  std::optional<ConvGeometry> swapped = getPointwiseNchwGeometry(op, options);
  if (!swapped)
    return rewriter.notifyMatchFailure(op, "not a pointwise NCHW conv");
  ConvGeometry g = op.getGeometry();
  int64_t pixels = g.inH * g.inW;
  PixelGrid grid{swapped->inH, swapped->inW};
  Type type = op.getType().getElementType();
  linalg::GenericOp epilogue = getFusableEpilogue(op);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(epilogue ? epilogue.getOperation()
                                      : op.getOperation());
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  FailureOr<SmallVector<SwappedInput>> epilogueInputs = failure();
  if (epilogue)
    epilogueInputs =
        getSwappedEpilogueInputs(b, epilogue, op.getResult(), grid, pixels);
  // An epilogue that does not carry over stays after the conv, unfused.
  if (failed(epilogueInputs))
    epilogue = nullptr;

  Value filterRows =
      reshape(b, op.getFilter(), {1, grid.rows, grid.width, g.inChannels});
  Value image = reshape(b, op.getInput(), {1, 1, g.inChannels, pixels});
  SmallVector<int64_t> nchwShape = {1, g.outChannels, g.inH, g.inW};
  SmallVector<int64_t> swappedShape = {1, grid.rows, grid.width, pixels};
  Value destination =
      reshape(b, tensor::EmptyOp::create(b, nchwShape, type), swappedShape);
  auto conv = Conv2DOp::create(b, filterRows, image, Value(), Conv2DAttrs{});
  Value result = conv.getResult();
  Value bias = op.getBias();
  if (bias || epilogue) {
    MLIRContext *ctx = b.getContext();
    AffineMap id = AffineMap::getMultiDimIdentityMap(4, ctx);
    SmallVector<Value> ins = {result};
    SmallVector<AffineMap> maps = {id};
    if (bias) {
      ins.push_back(reshape(b, bias, {grid.rows, grid.width}));
      maps.push_back(AffineMap::get(
          4, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx));
    }
    if (epilogue)
      for (const SwappedInput &in : *epilogueInputs) {
        ins.push_back(in.value);
        maps.push_back(in.map);
      }
    maps.push_back(id);
    Value init = tensor::EmptyOp::create(b, conv.getType().getShape(), type);
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, TypeRange{conv.getType()}, ins, ValueRange{init}, maps, iterators,
        [&](OpBuilder &nb, Location loc, ValueRange args) {
          Value v = args[0];
          if (bias)
            v = arith::AddFOp::create(nb, loc, v, args[1]);
          if (!epilogue) {
            linalg::YieldOp::create(nb, loc, v);
            return;
          }
          // The epilogue's body, its conv argument now the biased value.
          Block &body = epilogue.getRegion().front();
          IRMapping mapping;
          unsigned next = bias ? 2 : 1;
          for (OpOperand *in : epilogue.getDpsInputOperands())
            mapping.map(body.getArgument(in->getOperandNumber()),
                        in->get() == op.getResult() ? v : args[next++]);
          for (Operation &inner : body)
            nb.clone(inner, mapping);
        });
    result = generic.getResult(0);
  }
  // The NCHW result, a view of the swapped conv's, which the kernel writes
  // into a view of an NCHW tensor: after bufferization the two views fold
  // away and the function's result buffer is written directly.
  Value nchw = reshape(b, result, nchwShape);
  replaceConvAndEpilogue(rewriter, op, epilogue, nchw);
  // The dense kernel for the swapped conv, with the generic fused.
  // The swapped conv's filter is the image: copying it into blocks per call
  // measured slower (bench/RESULTS.md).
  DirectConvOptions swappedOptions = options;
  swappedOptions.packFilterBlocks = false;
  if (failed(lowerConv2DToVector(rewriter, conv, swappedOptions, destination)))
    return failure();
  return nchw;
}
