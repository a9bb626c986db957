//===- ConvToVector.cpp - Direct vectorized conv lowering -----------------===//
//
// Part of mlir-conv. Emits, on tensors, the loop nest
//
//   for n:
//     forall oc block (ocVectors x VW lanes), oh:   kh range clipped to rows
//       for ow block (owBlock pixels):
//         acc[owBlock][ocVectors] = bias
//         for kh, kw [, c]: acc += input * filter    (vector FMAs)
//         out[n, oh, ow block, oc block] = acc
//
// Blocks whose taps all lie inside the input run unchecked; border blocks
// read a clamped address and select zero for padding taps, so no padded copy
// of the input is made. Rows of padding are skipped.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::conv;

namespace {

/// Emits the direct conv of one NHWC/HWIO op according to a plan.
class DirectConvEmitter {
public:
  DirectConvEmitter(ImplicitLocOpBuilder &b, Conv2DOp op,
                    const DirectConvPlan &plan)
      : b(b), g(op.getGeometry()), plan(plan), input(op.getInput()),
        filter(op.getFilter()), bias(op.getBias()) {
    elementType = op.getInput().getType().getElementType();
    accType = elementType.isF64() ? elementType : b.getF32Type();
    vw = plan.vectorWidth;
  }

  /// Emits the loop nest writing into `init` and returns the result.
  Value emit(Value init);

private:
  /// Index constant.
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value mul(Value x, int64_t c) {
    return c == 1 ? x : arith::MulIOp::create(b, x, cst(c)).getResult();
  }
  Value dim(Value t, int64_t d) { return tensor::DimOp::create(b, t, d); }
  /// Converts a scalar or vector to `type`'s element width.
  Value toType(Value v, Type elemTy);

  /// A vector of `lanes` elements read from `tensor` at `indices`, widened to
  /// the accumulator type; lanes past the tensor's end read zero.
  Value readVector(Value tensor, ValueRange indices, int64_t lanes,
                   bool inBounds);

  /// Emits, for the current n, every (oc block, oh) row of `numBlocks`
  /// blocks of `width` channels from `ocBase`, in parallel.
  Value emitRows(Value out, int64_t numBlocks, int64_t width, int64_t ocBase,
                 int64_t nv, bool lastMasked);
  /// Emits one row: `row` is the [1, 1, OW, width] output slice at (n, oh,
  /// 0, oc0).
  Value emitRow(Value row, Value oc0, int64_t nv, bool lastMasked);
  /// Accumulators of `count` pixels from ow0 and `nv` vectors from oc0.
  SmallVector<Value> computeBlock(Value ow0, int64_t count, bool checked,
                                  Value oc0, int64_t nv, bool lastMasked);
  /// The FMAs of one filter tap (kh, kw) for the dense kernel.
  SmallVector<Value> denseTap(ValueRange accs, Value ih, ArrayRef<Value> iw,
                              ArrayRef<Value> valid, Value kh, Value kw,
                              Value oc0, int64_t count, int64_t nv,
                              bool lastMasked);
  /// The FMAs of one filter tap (kh, kw) for the channel-vector kernel.
  SmallVector<Value> channelTap(ValueRange accs, Value ih, ArrayRef<Value> iw,
                                ArrayRef<Value> valid, Value kh, Value kw,
                                Value oc0, int64_t count, int64_t nv,
                                bool lastMasked);
  /// Writes the accumulators into the row slice `out`.
  Value store(Value out, ArrayRef<Value> accs, Value ow0, int64_t count,
              Value oc0, int64_t nv, bool lastMasked);

  ImplicitLocOpBuilder &b;
  ConvGeometry g;
  DirectConvPlan plan;
  Value input, filter, bias;
  Type elementType, accType;
  int64_t vw;
  // Set while emitting a row.
  Value n, oh, khLo, khHi, inH, inW;
};

} // namespace

Value DirectConvEmitter::toType(Value v, Type elemTy) {
  Type from = getElementTypeOrSelf(v.getType());
  if (from == elemTy)
    return v;
  Type to = elemTy;
  if (auto vecTy = dyn_cast<VectorType>(v.getType()))
    to = VectorType::get(vecTy.getShape(), elemTy);
  if (from.getIntOrFloatBitWidth() < elemTy.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, to, v);
  return arith::TruncFOp::create(b, to, v);
}

Value DirectConvEmitter::readVector(Value tensor, ValueRange indices,
                                    int64_t lanes, bool inBounds) {
  auto type = VectorType::get({lanes}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  Value v = vector::TransferReadOp::create(b, type, tensor, indices, pad,
                                           ArrayRef<bool>{inBounds});
  return toType(v, accType);
}

Value DirectConvEmitter::emit(Value init) {
  Value zero = cst(0), one = cst(1);
  inH = dim(input, 1);
  inW = dim(input, 2);
  Value batch = dim(input, 0);
  int64_t ocBlock = plan.ocVectors * vw;
  int64_t numFull = g.outChannels / ocBlock;
  int64_t ocRest = g.outChannels - numFull * ocBlock;

  auto nLoop = scf::ForOp::create(b, zero, batch, one, ValueRange{init});
  b.setInsertionPointToStart(nLoop.getBody());
  n = nLoop.getInductionVar();
  Value out = nLoop.getRegionIterArgs()[0];
  if (numFull > 0)
    out = emitRows(out, numFull, ocBlock, 0, plan.ocVectors, false);
  if (ocRest > 0)
    out = emitRows(out, 1, ocRest, numFull * ocBlock,
                   llvm::divideCeil(ocRest, vw), ocRest % vw != 0);
  scf::YieldOp::create(b, out);
  b.setInsertionPointAfter(nLoop);
  return nLoop.getResult(0);
}

Value DirectConvEmitter::emitRows(Value out, int64_t numBlocks, int64_t width,
                                  int64_t ocBase, int64_t nv, bool lastMasked) {
  // Rows (oc block, oh) are independent. Each writes one [1, 1, OW, width]
  // slice of the output: computes it from `shared` and returns the slice and
  // where it goes.
  Value outH = dim(out, 1), outW = dim(out, 2);
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(1), outW,
                                     b.getIndexAttr(width)};
  SmallVector<OpFoldResult> strides(4, b.getIndexAttr(1));
  auto rowBody = [&](Value shared, Value blk,
                     SmallVector<OpFoldResult> &offsets) -> Value {
    Value oc0 = add(cst(ocBase), mul(blk, width));
    // Taps kh with 0 <= oh*sh + kh*dh - top < H.
    Value zero = cst(0), one = cst(1);
    Value rowBase = arith::SubIOp::create(b, cst(g.padTop), mul(oh, g.strideH));
    khLo = arith::MaxSIOp::create(
        b, zero, arith::CeilDivSIOp::create(b, rowBase, cst(g.dilationH)));
    Value lastRow = add(arith::SubIOp::create(b, inH, one), rowBase);
    khHi = arith::MinSIOp::create(
        b, cst(g.kernelH),
        add(arith::FloorDivSIOp::create(b, lastRow, cst(g.dilationH)), one));
    offsets = {n, oh, b.getIndexAttr(0), oc0};
    Value row =
        tensor::ExtractSliceOp::create(b, shared, offsets, sizes, strides);
    return emitRow(row, oc0, nv, lastMasked);
  };

  SmallVector<OpFoldResult> offsets;
  if (plan.parallel) {
    // An scf.forall: OpenMP threads or loops, as the pipeline decides.
    SmallVector<OpFoldResult> ubs = {b.getIndexAttr(numBlocks), outH};
    auto forall = scf::ForallOp::create(b, ubs, ValueRange{out}, std::nullopt);
    b.setInsertionPointToStart(forall.getBody());
    oh = forall.getInductionVar(1);
    Value shared = forall.getRegionIterArgs()[0];
    Value newRow = rowBody(shared, forall.getInductionVar(0), offsets);
    b.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(b, newRow, shared, offsets, sizes,
                                          strides);
    b.setInsertionPointAfter(forall);
    return forall.getResult(0);
  }
  auto blkLoop =
      scf::ForOp::create(b, cst(0), cst(numBlocks), cst(1), ValueRange{out});
  b.setInsertionPointToStart(blkLoop.getBody());
  auto ohLoop =
      scf::ForOp::create(b, cst(0), outH, cst(1), blkLoop.getRegionIterArgs());
  b.setInsertionPointToStart(ohLoop.getBody());
  oh = ohLoop.getInductionVar();
  Value shared = ohLoop.getRegionIterArgs()[0];
  Value newRow = rowBody(shared, blkLoop.getInductionVar(), offsets);
  scf::YieldOp::create(b, tensor::InsertSliceOp::create(b, newRow, shared,
                                                        offsets, sizes, strides)
                              .getResult());
  b.setInsertionPointAfter(ohLoop);
  scf::YieldOp::create(b, ohLoop.getResults());
  b.setInsertionPointAfter(blkLoop);
  return blkLoop.getResult(0);
}

Value DirectConvEmitter::emitRow(Value out, Value oc0, int64_t nv,
                                 bool lastMasked) {
  int64_t owb = plan.owBlock;
  Value outW = dim(out, 2);
  Value zero = cst(0);
  // Pixels [owLo, owHi) read only inside the input along W.
  int64_t owLo = llvm::divideCeil(g.padLeft, g.strideW);
  Value lastCol = add(inW, cst(g.padLeft - 1 - (g.kernelW - 1) * g.dilationW));
  Value owHi =
      add(arith::FloorDivSIOp::create(b, lastCol, cst(g.strideW)), cst(1));
  Value owMain = arith::MulIOp::create(
      b, arith::DivUIOp::create(b, outW, cst(owb)), cst(owb));

  auto loop = scf::ForOp::create(b, zero, owMain, cst(owb), ValueRange{out});
  b.setInsertionPointToStart(loop.getBody());
  Value ow0 = loop.getInductionVar();
  Value interior = arith::AndIOp::create(
      b, arith::CmpIOp::create(b, arith::CmpIPredicate::sge, ow0, cst(owLo)),
      arith::CmpIOp::create(b, arith::CmpIPredicate::sle, add(ow0, cst(owb)),
                            owHi));
  SmallVector<Type> accTypes(owb * nv, VectorType::get({vw}, accType));
  auto ifOp = scf::IfOp::create(b, accTypes, interior, /*withElse=*/true);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  scf::YieldOp::create(b, computeBlock(ow0, owb, false, oc0, nv, lastMasked));
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  scf::YieldOp::create(b, computeBlock(ow0, owb, true, oc0, nv, lastMasked));
  b.setInsertionPointAfter(ifOp);
  SmallVector<Value> accs(ifOp.getResults());
  scf::YieldOp::create(b, store(loop.getRegionIterArgs()[0], accs, ow0, owb,
                                oc0, nv, lastMasked));
  b.setInsertionPointAfter(loop);
  out = loop.getResult(0);

  // The remaining OW % owBlock pixels: one block when OW is static, a loop
  // of single pixels otherwise.
  if (!ShapedType::isDynamic(g.inW)) {
    int64_t rest = g.outW() % owb;
    if (rest == 0)
      return out;
    SmallVector<Value> tail =
        computeBlock(owMain, rest, true, oc0, nv, lastMasked);
    return store(out, tail, owMain, rest, oc0, nv, lastMasked);
  }
  auto tailLoop = scf::ForOp::create(b, owMain, outW, cst(1), ValueRange{out});
  b.setInsertionPointToStart(tailLoop.getBody());
  Value ow = tailLoop.getInductionVar();
  SmallVector<Value> tail = computeBlock(ow, 1, true, oc0, nv, lastMasked);
  scf::YieldOp::create(b, store(tailLoop.getRegionIterArgs()[0], tail, ow, 1,
                                oc0, nv, lastMasked));
  b.setInsertionPointAfter(tailLoop);
  return tailLoop.getResult(0);
}

SmallVector<Value> DirectConvEmitter::computeBlock(Value ow0, int64_t count,
                                                   bool checked, Value oc0,
                                                   int64_t nv,
                                                   bool lastMasked) {
  // Accumulators start as the bias (or zero).
  SmallVector<Value> init;
  for (int64_t j = 0; j < nv; ++j) {
    Value v;
    if (bias)
      v = readVector(bias, add(oc0, cst(j * vw)), vw,
                     !(lastMasked && j == nv - 1));
    else
      v = arith::ConstantOp::create(
          b, DenseElementsAttr::get(VectorType::get({vw}, accType),
                                    b.getZeroAttr(accType)));
    init.push_back(v);
  }
  SmallVector<Value> accs;
  for (int64_t i = 0; i < count; ++i)
    accs.append(init);

  auto khLoop = scf::ForOp::create(b, khLo, khHi, cst(1), accs);
  b.setInsertionPointToStart(khLoop.getBody());
  Value kh = khLoop.getInductionVar();
  Value ih = add(arith::SubIOp::create(b, mul(oh, g.strideH), cst(g.padTop)),
                 mul(kh, g.dilationH));
  auto kwLoop = scf::ForOp::create(b, cst(0), cst(g.kernelW), cst(1),
                                   khLoop.getRegionIterArgs());
  b.setInsertionPointToStart(kwLoop.getBody());
  Value kw = kwLoop.getInductionVar();

  // Input columns of each pixel; border blocks clamp them and remember
  // which are padding.
  SmallVector<Value> iw, valid;
  Value colBase = add(mul(kw, g.dilationW), cst(-g.padLeft));
  for (int64_t i = 0; i < count; ++i) {
    Value col = add(mul(add(ow0, cst(i)), g.strideW), colBase);
    if (!checked) {
      iw.push_back(col);
      continue;
    }
    Value inside = arith::AndIOp::create(
        b, arith::CmpIOp::create(b, arith::CmpIPredicate::sge, col, cst(0)),
        arith::CmpIOp::create(b, arith::CmpIPredicate::slt, col, inW));
    valid.push_back(inside);
    iw.push_back(arith::SelectOp::create(b, inside, col, cst(0)));
  }
  SmallVector<Value> next =
      plan.kind == DirectConvPlan::Kind::Dense
          ? denseTap(kwLoop.getRegionIterArgs(), ih, iw, valid, kh, kw, oc0,
                     count, nv, lastMasked)
          : channelTap(kwLoop.getRegionIterArgs(), ih, iw, valid, kh, kw, oc0,
                       count, nv, lastMasked);
  scf::YieldOp::create(b, next);
  b.setInsertionPointAfter(kwLoop);
  scf::YieldOp::create(b, kwLoop.getResults());
  b.setInsertionPointAfter(khLoop);
  return SmallVector<Value>(khLoop.getResults());
}

SmallVector<Value> DirectConvEmitter::denseTap(
    ValueRange accs, Value ih, ArrayRef<Value> iw, ArrayRef<Value> valid,
    Value kh, Value kw, Value oc0, int64_t count, int64_t nv, bool lastMasked) {
  // The block's group reads input channels [group * ICg, +ICg); the filter's
  // I dimension is the channel within the group.
  Value cBase =
      g.groups == 1
          ? cst(0)
          : mul(arith::DivUIOp::create(b, oc0, cst(g.outChannelsPerGroup())),
                g.inChannelsPerGroup());
  auto cLoop =
      scf::ForOp::create(b, cst(0), cst(g.inChannelsPerGroup()), cst(1), accs);
  b.setInsertionPointToStart(cLoop.getBody());
  Value c = cLoop.getInductionVar();
  Value inC = g.groups == 1 ? c : add(cBase, c);
  SmallVector<Value> w;
  for (int64_t j = 0; j < nv; ++j)
    w.push_back(readVector(filter, {kh, kw, c, add(oc0, cst(j * vw))}, vw,
                           !(lastMasked && j == nv - 1)));
  SmallVector<Value> next(cLoop.getRegionIterArgs());
  Value zero = arith::ConstantOp::create(b, accType, b.getZeroAttr(accType));
  for (int64_t i = 0; i < count; ++i) {
    Value x = toType(
        tensor::ExtractOp::create(b, input, ValueRange{n, ih, iw[i], inC}),
        accType);
    if (!valid.empty())
      x = arith::SelectOp::create(b, valid[i], x, zero);
    Value bx =
        vector::BroadcastOp::create(b, VectorType::get({vw}, accType), x);
    for (int64_t j = 0; j < nv; ++j)
      next[i * nv + j] = vector::FMAOp::create(b, bx, w[j], next[i * nv + j]);
  }
  scf::YieldOp::create(b, next);
  b.setInsertionPointAfter(cLoop);
  return SmallVector<Value>(cLoop.getResults());
}

SmallVector<Value> DirectConvEmitter::channelTap(
    ValueRange accs, Value ih, ArrayRef<Value> iw, ArrayRef<Value> valid,
    Value kh, Value kw, Value oc0, int64_t count, int64_t nv, bool lastMasked) {
  int64_t icg = g.inChannelsPerGroup(), ocg = g.outChannelsPerGroup();
  // A vector of output channels [o, o + vw) holds vw / ocg whole groups and
  // reads their input channels [o / ocg * icg, +span).
  int64_t span = vw / ocg * icg;
  bool identity = icg == 1 && ocg == 1;
  VectorType accVec = VectorType::get({vw}, accType);
  Value spanZeros = arith::ConstantOp::create(
      b, DenseElementsAttr::get(VectorType::get({span}, accType),
                                b.getZeroAttr(accType)));
  SmallVector<Value> next(accs);
  for (int64_t j = 0; j < nv; ++j) {
    Value o = add(oc0, cst(j * vw));
    Value c0 = mul(arith::DivUIOp::create(b, o, cst(ocg)), icg);
    // Input channels past IC only occur in a masked last vector.
    bool inBounds = !(lastMasked && j == nv - 1);
    SmallVector<Value> x;
    for (int64_t i = 0; i < count; ++i) {
      Value v = readVector(input, {n, ih, iw[i], c0}, span, inBounds);
      if (!valid.empty())
        v = arith::SelectOp::create(b, valid[i], v, spanZeros);
      x.push_back(v);
    }
    for (int64_t k = 0; k < icg; ++k) {
      Value w = readVector(filter, {kh, kw, cst(k), o}, vw, inBounds);
      SmallVector<int64_t> mask;
      for (int64_t l = 0; l < vw; ++l)
        mask.push_back(l / ocg * icg + k);
      for (int64_t i = 0; i < count; ++i) {
        Value xs = identity
                       ? x[i]
                       : vector::ShuffleOp::create(b, accVec, x[i], x[i], mask)
                             .getResult();
        next[i * nv + j] = vector::FMAOp::create(b, xs, w, next[i * nv + j]);
      }
    }
  }
  return next;
}

Value DirectConvEmitter::store(Value out, ArrayRef<Value> accs, Value ow0,
                               int64_t count, Value oc0, int64_t nv,
                               bool lastMasked) {
  for (int64_t i = 0; i < count; ++i)
    for (int64_t j = 0; j < nv; ++j) {
      Value v = toType(accs[i * nv + j], elementType);
      bool inBounds = !(lastMasked && j == nv - 1);
      out = vector::TransferWriteOp::create(
                b, v, out,
                ValueRange{cst(0), cst(0), add(ow0, cst(i)), cst(j * vw)},
                ArrayRef<bool>{inBounds})
                .getResult();
    }
  return out;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

FailureOr<Value>
mlir::conv::lowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                const DirectConvOptions &options) {
  Type elementType = op.getInput().getType().getElementType();
  FailureOr<DirectConvPlan> plan =
      planDirectConv(op.getGeometry(), elementType, options);
  if (failed(plan))
    return rewriter.notifyMatchFailure(op, "no direct plan for this conv");
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  ReifiedRankedShapedTypeDims shape;
  if (failed(op.reifyResultShapes(b, shape)))
    return failure();
  Value init = tensor::EmptyOp::create(b, shape[0], elementType);
  DirectConvEmitter emitter(b, op, *plan);
  Value result = emitter.emit(init);
  if (result.getType() != op.getType())
    result = tensor::CastOp::create(b, op.getType(), result);
  rewriter.replaceOp(op, result);
  return result;
}

namespace {
/// Normalises the layout, then lowers through `lowerConv2DToVector` where a
/// direct plan exists.
struct ConvToVectorPattern : OpRewritePattern<Conv2DOp> {
  ConvToVectorPattern(MLIRContext *ctx, const DirectConvOptions &options)
      : OpRewritePattern(ctx), options(options) {}
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    ConvGeometry g = op.getGeometry();
    g.inputLayout = InputLayout::NHWC;
    g.filterLayout = FilterLayout::HWIO;
    if (failed(planDirectConv(g, op.getInput().getType().getElementType(),
                              options)))
      return rewriter.notifyMatchFailure(op, "no direct plan for this conv");
    if (op.getInputLayout() != InputLayout::NHWC ||
        op.getFilterLayout() != FilterLayout::HWIO) {
      FailureOr<Conv2DOp> normalized = normalizeConvLayout(rewriter, op);
      if (failed(normalized))
        return failure();
      op = *normalized;
    }
    return lowerConv2DToVector(rewriter, op, options);
  }
  DirectConvOptions options;
};
} // namespace

void mlir::conv::populateConvToVectorPatterns(
    RewritePatternSet &patterns, const DirectConvOptions &options) {
  patterns.add<ConvToVectorPattern>(patterns.getContext(), options);
}
