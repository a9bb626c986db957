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
// Blocks whose taps all lie inside the input run unchecked. With a static
// input width, border blocks get static columns: kw is unrolled and a tap is
// emitted only for the pixels it does not put into the padding. Otherwise
// border blocks read a clamped address and select zero for padding taps. No
// padded copy of the input is made; rows of padding are skipped.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::conv;

namespace {

/// One output pixel of a register block.
struct Pixel {
  /// Output coordinates.
  Value oh, ow;
  /// Where the pixel goes in the output slice being written.
  Value sliceRow, sliceCol;
  /// Whether some of its taps may fall into the padding.
  bool checkRow, checkCol;
  /// The output column when it is known statically (then so is, per kw,
  /// whether the tap lies in the padding).
  std::optional<int64_t> staticCol;
};

/// Emits the direct conv of one NHWC/HWIO op according to a plan.
class DirectConvEmitter {
public:
  DirectConvEmitter(ImplicitLocOpBuilder &b, Conv2DOp op,
                    const DirectConvPlan &plan, linalg::GenericOp epilogue)
      : b(b), g(op.getGeometry()), plan(plan), input(op.getInput()),
        filter(op.getFilter()), bias(op.getBias()), epilogue(epilogue),
        conv(op) {
    elementType = op.getInput().getType().getElementType();
    accType = getAccumulatorType(elementType);
    vw = plan.vectorWidth;
    nchw = plan.channelsFirst;
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
  Value cmp(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, p, x, y);
  }

  /// The input's indices of (n, ih, iw, c) in its layout.
  SmallVector<Value, 4> inputIndices(Value ih, Value iw, Value c) {
    if (nchw)
      return {n, c, ih, iw};
    return {n, ih, iw, c};
  }

  /// A vector of `lanes` elements read from `tensor` at `indices`, widened to
  /// the accumulator type; lanes past the tensor's end read zero.
  Value readVector(Value tensor, ValueRange indices, int64_t lanes,
                   bool inBounds);

  /// Where iteration (blk, iv) writes its slice.
  using SliceOffsets =
      function_ref<SmallVector<OpFoldResult>(Value blk, Value iv)>;
  /// Writes the slice of iteration (blk, iv) into `target` (that slice) and
  /// returns the updated `target`.
  using SliceCompute = function_ref<Value(Value target, Value blk, Value iv)>;
  /// Runs (oc block < numBlocks, iv < count) as an scf.forall whose
  /// iterations each write an extracted slice of `sizes`. (Plain scf.for
  /// loops writing the output in place measured 1.5x slower on depthwise
  /// shapes than this forall lowered to loops.)
  Value emitSlices(Value out, int64_t numBlocks, OpFoldResult count,
                   ArrayRef<OpFoldResult> sizes, SliceOffsets offsetsOf,
                   SliceCompute compute);
  /// Emits, for the current n, every row of `numBlocks` blocks of `width`
  /// channels from `ocBase`.
  Value emitRows(Value out, int64_t numBlocks, int64_t width, int64_t ocBase,
                 int64_t nv, bool lastMasked);
  /// One output row `oh` into `row`, the [1, 1, OW, width] slice at oc0, in
  /// blocks of plan.owBlock pixels.
  Value emitRow(Value row, Value oh, Value oc0, int64_t nv, bool lastMasked);
  /// emitRow for a static input width: the border blocks unrolled with
  /// static columns, so padding taps are skipped at compile time, and a loop
  /// of unchecked interior blocks. Null when W is dynamic or the border
  /// would take more than a few blocks.
  Value emitStaticRow(Value row, Value oh, Value oc0, int64_t nv,
                      bool lastMasked, Value khLo, Value khHi);
  /// `rows` whole output rows from oh0 into `slice`, [1, rows, OW, width],
  /// as one register block.
  Value emitRowGroup(Value slice, Value oh0, int64_t rows, Value oc0,
                     int64_t nv, bool lastMasked);
  /// The accumulators of `pixels` x `nv` vectors from oc0, over taps kh in
  /// [khBegin, khEnd). With input-channel blocks they start from the partial
  /// sums in `slice` (the output slice the pixels are stored to).
  SmallVector<Value> computeBlock(Value slice, ArrayRef<Pixel> pixels,
                                  Value khBegin, Value khEnd, Value oc0,
                                  int64_t nv, bool lastMasked);
  /// Adds the taps kh in [khBegin, khEnd) to `accs`.
  SmallVector<Value> accumulate(ArrayRef<Pixel> pixels, ValueRange accs,
                                Value khBegin, Value khEnd, Value oc0,
                                int64_t nv, bool lastMasked);
  /// The FMAs of one filter tap for the dense kernel.
  /// The first input channel of the group that output channel `oc0` is in.
  Value groupChannelBase(Value oc0) {
    if (g.groups == 1)
      return cst(0);
    return mul(arith::DivUIOp::create(b, oc0, cst(g.outChannelsPerGroup())),
               g.inChannelsPerGroup());
  }
  /// The filter rows of input channels c and c + 1 (zero past the group's
  /// channels) at (kh, kw), output channels [oc, oc + vw), interleaved:
  /// (w[c][oc], w[c + 1][oc], w[c][oc + 1], ...).
  Value filterPair(Value kh, Value kw, Value c, Value oc, bool inBounds);
  /// The whole filter as such pairs, [KH][KW][ceil(ICg / 2)][2 * OC]: one
  /// pass over it per call instead of a shuffle per pair and block in the
  /// loops (bf16 3x3_56: 1.58x -> 1.96x of f32; 3x3_7, with 49 output
  /// pixels per filter element, 1.77x -> 1.95x).
  Value packFilterPairs();
  /// denseTap for bf16 with vdpbf16ps: two input channels per step.
  SmallVector<Value> denseDotTap(ValueRange accs, ArrayRef<Value> ih,
                                 ArrayRef<Value> iw, ArrayRef<Value> valid,
                                 Value kh, Value kw, Value oc0, int64_t nv,
                                 bool lastMasked);
  SmallVector<Value> denseTap(ValueRange accs, ArrayRef<Value> ih,
                              ArrayRef<Value> iw, ArrayRef<Value> valid,
                              Value kh, Value kw, Value oc0, int64_t nv,
                              bool lastMasked);
  /// The FMAs of one filter tap for the channel-vector kernel.
  SmallVector<Value> channelTap(ValueRange accs, ArrayRef<Value> ih,
                                ArrayRef<Value> iw, ArrayRef<Value> valid,
                                Value kh, Value kw, Value oc0, int64_t nv,
                                bool lastMasked);
  /// Writes the accumulators of `pixels` (channels from oc0) into the slice
  /// `out`.
  Value store(Value out, ArrayRef<Value> accs, ArrayRef<Pixel> pixels,
              Value oc0, int64_t nv, bool lastMasked);

  /// Applies the fused elementwise epilogue to the output vector `v` of
  /// pixel `px`, channels [o, o + vw).
  Value applyEpilogue(Value v, const Pixel &px, Value o, bool inBounds);

  ImplicitLocOpBuilder &b;
  ConvGeometry g;
  DirectConvPlan plan;
  Value input, filter, bias;
  /// An elementwise linalg.generic on the conv's result, applied to each
  /// output vector before it is stored (null: none).
  linalg::GenericOp epilogue;
  Conv2DOp conv;
  Type elementType, accType;
  int64_t vw;
  /// Input and output are NCHW (a channels-first plan).
  bool nchw = false;
  // Set while emitting.
  Value n, inH, inW;
  /// With input-channel blocks: the first channel of the current block.
  Value cBlockBase;
  /// bf16 with vdpbf16ps: packFilterPairs().
  Value packedFilter;
};

} // namespace

Value DirectConvEmitter::readVector(Value tensor, ValueRange indices,
                                    int64_t lanes, bool inBounds) {
  auto type = VectorType::get({lanes}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  Value v = vector::TransferReadOp::create(b, type, tensor, indices, pad,
                                           ArrayRef<bool>{inBounds});
  return castFloatElements(b, b.getLoc(), v, accType);
}

Value DirectConvEmitter::emit(Value init) {
  Value zero = cst(0), one = cst(1);
  inH = dim(input, nchw ? 2 : 1);
  inW = dim(input, nchw ? 3 : 2);
  Value batch = dim(input, 0);
  int64_t ocBlock = plan.ocVectors * vw;
  int64_t numFull = g.outChannels / ocBlock;
  int64_t ocRest = g.outChannels - numFull * ocBlock;

  bool blocked = plan.cBlock > 0 && plan.cBlock < g.inChannelsPerGroup();
  if (blocked) {
    // Partial sums live in the output between input-channel blocks: start
    // it as the broadcast bias (or zero).
    Value zeroF =
        arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
    if (!bias)
      init = linalg::FillOp::create(b, zeroF, init).getResult(0);
    else
      init =
          linalg::BroadcastOp::create(b, bias, init, ArrayRef<int64_t>{0, 1, 2})
              ->getResult(0);
  }
  if (plan.bf16Dot)
    packedFilter = packFilterPairs();
  auto nLoop = scf::ForOp::create(b, zero, batch, one, ValueRange{init});
  b.setInsertionPointToStart(nLoop.getBody());
  n = nLoop.getInductionVar();
  Value out = nLoop.getRegionIterArgs()[0];
  scf::ForOp cLoop;
  if (blocked) {
    // Each block of input channels updates every output once, so a filter
    // block is reused by all output rows while it is in cache.
    cLoop = scf::ForOp::create(b, zero, cst(g.inChannelsPerGroup()),
                               cst(plan.cBlock), ValueRange{out});
    b.setInsertionPointToStart(cLoop.getBody());
    cBlockBase = cLoop.getInductionVar();
    out = cLoop.getRegionIterArgs()[0];
  }
  if (numFull > 0)
    out = emitRows(out, numFull, ocBlock, 0, plan.ocVectors, false);
  if (ocRest > 0)
    out = emitRows(out, 1, ocRest, numFull * ocBlock,
                   llvm::divideCeil(ocRest, vw), ocRest % vw != 0);
  if (blocked) {
    scf::YieldOp::create(b, out);
    b.setInsertionPointAfter(cLoop);
    out = cLoop.getResult(0);
  }
  scf::YieldOp::create(b, out);
  b.setInsertionPointAfter(nLoop);
  return nLoop.getResult(0);
}

Value DirectConvEmitter::emitSlices(Value out, int64_t numBlocks,
                                    OpFoldResult count,
                                    ArrayRef<OpFoldResult> sizes,
                                    SliceOffsets offsetsOf,
                                    SliceCompute compute) {
  SmallVector<OpFoldResult> strides(4, b.getIndexAttr(1));
  // An scf.forall: OpenMP threads or loops, as the pipeline decides.
  SmallVector<OpFoldResult> ubs = {b.getIndexAttr(numBlocks), count};
  auto forall = scf::ForallOp::create(b, ubs, ValueRange{out}, std::nullopt);
  b.setInsertionPointToStart(forall.getBody());
  Value shared = forall.getRegionIterArgs()[0];
  Value blk = forall.getInductionVar(0), iv = forall.getInductionVar(1);
  SmallVector<OpFoldResult> offsets = offsetsOf(blk, iv);
  Value slice =
      tensor::ExtractSliceOp::create(b, shared, offsets, sizes, strides);
  Value result = compute(slice, blk, iv);
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, result, shared, offsets, sizes,
                                        strides);
  b.setInsertionPointAfter(forall);
  return forall.getResult(0);
}

Value DirectConvEmitter::emitRows(Value out, int64_t numBlocks, int64_t width,
                                  int64_t ocBase, int64_t nv, bool lastMasked) {
  Value outW = dim(out, nchw ? 3 : 2);
  int64_t rows = plan.ohBlock;
  auto oc0Of = [&](Value blk) { return add(cst(ocBase), mul(blk, width)); };
  if (rows <= 1) {
    // One output row per iteration: [1, 1, OW, width] at (n, oh, 0, oc0), or
    // [1, width, 1, OW] at (n, oc0, oh, 0) in NCHW.
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(1),
                                       outW, b.getIndexAttr(width)};
    if (nchw)
      sizes = {b.getIndexAttr(1), b.getIndexAttr(width), b.getIndexAttr(1),
               outW};
    return emitSlices(
        out, numBlocks, dim(out, nchw ? 2 : 1), sizes,
        [&](Value blk, Value oh) -> SmallVector<OpFoldResult> {
          if (nchw)
            return {n, oc0Of(blk), oh, b.getIndexAttr(0)};
          return {n, oh, b.getIndexAttr(0), oc0Of(blk)};
        },
        [&](Value target, Value blk, Value oh) {
          return emitRow(target, oh, oc0Of(blk), nv, lastMasked);
        });
  }
  // Groups of `rows` whole rows per iteration (static shapes), then the
  // remaining rows as one smaller group.
  int64_t outH = g.outH(), outWidth = g.outW();
  int64_t fullGroups = outH / rows, restRows = outH % rows;
  auto group = [&](Value o, int64_t count, int64_t groupRows, int64_t ohBase) {
    SmallVector<OpFoldResult> sizes = {
        b.getIndexAttr(1), b.getIndexAttr(groupRows), b.getIndexAttr(outWidth),
        b.getIndexAttr(width)};
    auto oh0Of = [&](Value idx) {
      return add(cst(ohBase), mul(idx, groupRows));
    };
    return emitSlices(
        o, numBlocks, b.getIndexAttr(count), sizes,
        [&](Value blk, Value idx) -> SmallVector<OpFoldResult> {
          return {n, oh0Of(idx), b.getIndexAttr(0), oc0Of(blk)};
        },
        [&](Value target, Value blk, Value idx) {
          return emitRowGroup(target, oh0Of(idx), groupRows, oc0Of(blk), nv,
                              lastMasked);
        });
  };
  if (fullGroups > 0)
    out = group(out, fullGroups, rows, 0);
  if (restRows > 0)
    out = group(out, 1, restRows, fullGroups * rows);
  return out;
}

Value DirectConvEmitter::emitRow(Value row, Value oh, Value oc0, int64_t nv,
                                 bool lastMasked) {
  int64_t owb = plan.owBlock;
  Value zero = cst(0), one = cst(1);
  // Taps kh with 0 <= oh*sh + kh*dh - top < H: padding rows are skipped.
  Value rowBase = arith::SubIOp::create(b, cst(g.padTop), mul(oh, g.strideH));
  Value khLo = arith::MaxSIOp::create(
      b, zero, arith::CeilDivSIOp::create(b, rowBase, cst(g.dilationH)));
  Value lastRow = add(arith::SubIOp::create(b, inH, one), rowBase);
  Value khHi = arith::MinSIOp::create(
      b, cst(g.kernelH),
      add(arith::FloorDivSIOp::create(b, lastRow, cst(g.dilationH)), one));
  auto pixels = [&](Value ow0, int64_t count, bool checked) {
    SmallVector<Pixel> list;
    for (int64_t i = 0; i < count; ++i) {
      Value ow = add(ow0, cst(i));
      list.push_back({oh, ow, zero, ow, false, checked, std::nullopt});
    }
    return list;
  };
  if (Value out = emitStaticRow(row, oh, oc0, nv, lastMasked, khLo, khHi))
    return out;
  // Dynamic W: a loop over blocks whose scf.if runs interior blocks
  // unchecked and border blocks with clamped columns.
  Value outW = dim(row, nchw ? 3 : 2);
  // Pixels [owLo, owHi) read only inside the input along W.
  int64_t owLo = llvm::divideCeil(g.padLeft, g.strideW);
  Value lastCol = add(inW, cst(g.padLeft - 1 - (g.kernelW - 1) * g.dilationW));
  Value owHi =
      add(arith::FloorDivSIOp::create(b, lastCol, cst(g.strideW)), cst(1));
  Value owMain = arith::MulIOp::create(
      b, arith::DivUIOp::create(b, outW, cst(owb)), cst(owb));

  auto loop = scf::ForOp::create(b, zero, owMain, cst(owb), ValueRange{row});
  b.setInsertionPointToStart(loop.getBody());
  Value ow0 = loop.getInductionVar();
  Value interior = arith::AndIOp::create(
      b, cmp(arith::CmpIPredicate::sge, ow0, cst(owLo)),
      cmp(arith::CmpIPredicate::sle, add(ow0, cst(owb)), owHi));
  SmallVector<Type> accTypes(owb * nv, VectorType::get({vw}, accType));
  auto ifOp = scf::IfOp::create(b, accTypes, interior, /*withElse=*/true);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  scf::YieldOp::create(b, computeBlock(loop.getRegionIterArgs()[0],
                                       pixels(ow0, owb, false), khLo, khHi, oc0,
                                       nv, lastMasked));
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  scf::YieldOp::create(b, computeBlock(loop.getRegionIterArgs()[0],
                                       pixels(ow0, owb, true), khLo, khHi, oc0,
                                       nv, lastMasked));
  b.setInsertionPointAfter(ifOp);
  SmallVector<Value> accs(ifOp.getResults());
  scf::YieldOp::create(b, store(loop.getRegionIterArgs()[0], accs,
                                pixels(ow0, owb, false), oc0, nv, lastMasked));
  b.setInsertionPointAfter(loop);
  Value out = loop.getResult(0);

  // The remaining OW % owBlock pixels: one block when OW is static, a loop
  // of single pixels otherwise.
  if (!ShapedType::isDynamic(g.inW)) {
    int64_t rest = g.outW() % owb;
    if (rest == 0)
      return out;
    SmallVector<Pixel> tail = pixels(owMain, rest, true);
    return store(out, computeBlock(out, tail, khLo, khHi, oc0, nv, lastMasked),
                 tail, oc0, nv, lastMasked);
  }
  auto tailLoop = scf::ForOp::create(b, owMain, outW, one, ValueRange{out});
  b.setInsertionPointToStart(tailLoop.getBody());
  SmallVector<Pixel> tail = pixels(tailLoop.getInductionVar(), 1, true);
  scf::YieldOp::create(b,
                       store(tailLoop.getRegionIterArgs()[0],
                             computeBlock(tailLoop.getRegionIterArgs()[0], tail,
                                          khLo, khHi, oc0, nv, lastMasked),
                             tail, oc0, nv, lastMasked));
  b.setInsertionPointAfter(tailLoop);
  return tailLoop.getResult(0);
}

Value DirectConvEmitter::emitStaticRow(Value row, Value oh, Value oc0,
                                       int64_t nv, bool lastMasked, Value khLo,
                                       Value khHi) {
  // Border blocks x kernel columns beyond this (padding many times wider
  // than a block, wide kernels) stay in the checked loop rather than being
  // unrolled: the 7x7 stem's 2-3 border blocks of 112 pixels took compile
  // time (110 -> 180 ms) for no measurable speed.
  constexpr int64_t kMaxUnrolledTaps = 18;
  if (ShapedType::isDynamic(g.inW))
    return nullptr;
  int64_t owb = plan.owBlock, outW = g.outW();
  int64_t numBlocks = outW / owb, rest = outW % owb;
  // Pixels [owLo, owHi) read only inside the input along W; blocks
  // [kLo, kHi) hold only such pixels.
  int64_t owLo = llvm::divideCeil(g.padLeft, g.strideW);
  int64_t lastCol = g.inW + g.padLeft - 1 - (g.kernelW - 1) * g.dilationW;
  int64_t owHi = lastCol < 0 ? 0 : lastCol / g.strideW + 1;
  int64_t kLo = std::min<int64_t>(numBlocks, llvm::divideCeil(owLo, owb));
  int64_t kHi = kLo;
  if (owHi >= owb)
    kHi = std::clamp((owHi - owb) / owb + 1, kLo, numBlocks);
  if ((kLo + (numBlocks - kHi) + (rest > 0 ? 1 : 0)) * g.kernelW >
      kMaxUnrolledTaps)
    return nullptr;

  Value zero = cst(0);
  auto block = [&](Value out, Value ow0, std::optional<int64_t> col0,
                   int64_t count) {
    SmallVector<Pixel> list;
    for (int64_t i = 0; i < count; ++i) {
      std::optional<int64_t> col;
      if (col0)
        col = *col0 + i;
      Value ow = col ? cst(*col) : add(ow0, cst(i));
      list.push_back({oh, ow, zero, ow, false, false, col});
    }
    return store(out, computeBlock(out, list, khLo, khHi, oc0, nv, lastMasked),
                 list, oc0, nv, lastMasked);
  };
  Value out = row;
  for (int64_t k = 0; k < kLo; ++k)
    out = block(out, nullptr, k * owb, owb);
  if (kHi > kLo) {
    auto loop = scf::ForOp::create(b, cst(kLo * owb), cst(kHi * owb), cst(owb),
                                   ValueRange{out});
    b.setInsertionPointToStart(loop.getBody());
    scf::YieldOp::create(b, block(loop.getRegionIterArgs()[0],
                                  loop.getInductionVar(), std::nullopt, owb));
    b.setInsertionPointAfter(loop);
    out = loop.getResult(0);
  }
  for (int64_t k = kHi; k < numBlocks; ++k)
    out = block(out, nullptr, k * owb, owb);
  if (rest > 0)
    out = block(out, nullptr, numBlocks * owb, rest);
  return out;
}

Value DirectConvEmitter::emitRowGroup(Value slice, Value oh0, int64_t rows,
                                      Value oc0, int64_t nv, bool lastMasked) {
  int64_t outWidth = g.outW();
  // Rows whose taps all lie inside the input run without row checks; the
  // columns that need checks are known statically.
  Value firstRow = arith::SubIOp::create(b, mul(oh0, g.strideH), cst(g.padTop));
  Value lastRow = add(
      firstRow, cst((rows - 1) * g.strideH + (g.kernelH - 1) * g.dilationH));
  Value interior =
      arith::AndIOp::create(b, cmp(arith::CmpIPredicate::sge, firstRow, cst(0)),
                            cmp(arith::CmpIPredicate::slt, lastRow, inH));
  auto pixels = [&](bool checkRows) {
    SmallVector<Pixel> list;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t i = 0; i < outWidth; ++i) {
        int64_t first = i * g.strideW - g.padLeft;
        int64_t last = first + (g.kernelW - 1) * g.dilationW;
        bool checkCol = first < 0 || last >= g.inW;
        list.push_back(
            {add(oh0, cst(r)), cst(i), cst(r), cst(i), checkRows, checkCol, i});
      }
    return list;
  };
  SmallVector<Type> accTypes(rows * outWidth * nv,
                             VectorType::get({vw}, accType));
  auto ifOp = scf::IfOp::create(b, accTypes, interior, /*withElse=*/true);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  scf::YieldOp::create(b, computeBlock(slice, pixels(false), cst(0),
                                       cst(g.kernelH), oc0, nv, lastMasked));
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  scf::YieldOp::create(b, computeBlock(slice, pixels(true), cst(0),
                                       cst(g.kernelH), oc0, nv, lastMasked));
  b.setInsertionPointAfter(ifOp);
  SmallVector<Value> accs(ifOp.getResults());
  return store(slice, accs, pixels(false), oc0, nv, lastMasked);
}

SmallVector<Value> DirectConvEmitter::computeBlock(Value slice,
                                                   ArrayRef<Pixel> pixels,
                                                   Value khBegin, Value khEnd,
                                                   Value oc0, int64_t nv,
                                                   bool lastMasked) {
  SmallVector<Value> accs;
  if (cBlockBase) {
    // Input-channel blocks: start from the partial sums so far.
    for (const Pixel &px : pixels)
      for (int64_t j = 0; j < nv; ++j)
        accs.push_back(vector::TransferReadOp::create(
            b, VectorType::get({vw}, accType), slice,
            ValueRange{cst(0), px.sliceRow, px.sliceCol, cst(j * vw)},
            arith::ConstantOp::create(b, accType, b.getZeroAttr(accType))
                .getResult(),
            ArrayRef<bool>{!(lastMasked && j == nv - 1)}));
    return accumulate(pixels, accs, khBegin, khEnd, oc0, nv, lastMasked);
  }
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
  for (size_t p = 0; p < pixels.size(); ++p)
    accs.append(init);
  return accumulate(pixels, accs, khBegin, khEnd, oc0, nv, lastMasked);
}

SmallVector<Value> DirectConvEmitter::accumulate(ArrayRef<Pixel> pixels,
                                                 ValueRange accs, Value khBegin,
                                                 Value khEnd, Value oc0,
                                                 int64_t nv, bool lastMasked) {
  // Input row/column of each pixel at tap (0, 0).
  SmallVector<Value> rowBase, colBase;
  for (const Pixel &px : pixels) {
    rowBase.push_back(
        arith::SubIOp::create(b, mul(px.oh, g.strideH), cst(g.padTop)));
    colBase.push_back(
        arith::SubIOp::create(b, mul(px.ow, g.strideW), cst(g.padLeft)));
  }
  // Clamps `index` to [0, size) when `check`; returns it and its validity.
  auto clamp = [&](Value index, Value size, bool check, Value &valid) -> Value {
    if (!check)
      return index;
    Value inside =
        arith::AndIOp::create(b, cmp(arith::CmpIPredicate::sge, index, cst(0)),
                              cmp(arith::CmpIPredicate::slt, index, size));
    valid =
        valid ? arith::AndIOp::create(b, valid, inside).getResult() : inside;
    return arith::SelectOp::create(b, inside, index, cst(0));
  };

  auto khLoop = scf::ForOp::create(b, khBegin, khEnd, cst(1), accs);
  b.setInsertionPointToStart(khLoop.getBody());
  Value kh = khLoop.getInductionVar();
  SmallVector<Value> ih, rowValid;
  for (auto [p, px] : llvm::enumerate(pixels)) {
    Value valid;
    ih.push_back(
        clamp(add(rowBase[p], mul(kh, g.dilationH)), inH, px.checkRow, valid));
    rowValid.push_back(valid);
  }
  auto tap = [&](ValueRange tapAccs, ArrayRef<Value> iw, ArrayRef<Value> valid,
                 ArrayRef<Value> tapIh, Value kw) {
    if (plan.kind == DirectConvPlan::Kind::ChannelVector)
      return channelTap(tapAccs, tapIh, iw, valid, kh, kw, oc0, nv, lastMasked);
    if (plan.bf16Dot)
      return denseDotTap(tapAccs, tapIh, iw, valid, kh, kw, oc0, nv,
                         lastMasked);
    return denseTap(tapAccs, tapIh, iw, valid, kh, kw, oc0, nv, lastMasked);
  };
  bool staticCols =
      !ShapedType::isDynamic(g.inW) &&
      llvm::all_of(pixels, [](const Pixel &px) { return px.staticCol; });
  if (staticCols) {
    // Columns known statically: kw unrolled, and each tap computed only for
    // the pixels it does not put into the padding.
    SmallVector<Value> cur(khLoop.getRegionIterArgs());
    for (int64_t kw = 0; kw < g.kernelW; ++kw) {
      SmallVector<size_t> active;
      SmallVector<Value> tapAccs, iw, valid, tapIh;
      for (auto [p, px] : llvm::enumerate(pixels)) {
        int64_t col = *px.staticCol * g.strideW - g.padLeft + kw * g.dilationW;
        if (col < 0 || col >= g.inW)
          continue;
        active.push_back(p);
        llvm::append_range(tapAccs, ArrayRef<Value>(cur).slice(p * nv, nv));
        iw.push_back(cst(col));
        valid.push_back(rowValid[p]);
        tapIh.push_back(ih[p]);
      }
      if (active.empty())
        continue;
      SmallVector<Value> next = tap(tapAccs, iw, valid, tapIh, cst(kw));
      for (auto [i, p] : llvm::enumerate(active))
        for (int64_t j = 0; j < nv; ++j)
          cur[p * nv + j] = next[i * nv + j];
    }
    scf::YieldOp::create(b, cur);
  } else {
    auto kwLoop = scf::ForOp::create(b, cst(0), cst(g.kernelW), cst(1),
                                     khLoop.getRegionIterArgs());
    b.setInsertionPointToStart(kwLoop.getBody());
    Value kw = kwLoop.getInductionVar();
    SmallVector<Value> iw, valid;
    for (auto [p, px] : llvm::enumerate(pixels)) {
      Value v = rowValid[p];
      iw.push_back(
          clamp(add(colBase[p], mul(kw, g.dilationW)), inW, px.checkCol, v));
      valid.push_back(v);
    }
    scf::YieldOp::create(b, tap(kwLoop.getRegionIterArgs(), iw, valid, ih, kw));
    b.setInsertionPointAfter(kwLoop);
    scf::YieldOp::create(b, kwLoop.getResults());
  }
  b.setInsertionPointAfter(khLoop);
  return SmallVector<Value>(khLoop.getResults());
}

Value DirectConvEmitter::filterPair(Value kh, Value kw, Value c, Value oc,
                                    bool inBounds) {
  auto row = VectorType::get({vw}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  Value even = vector::TransferReadOp::create(
      b, row, filter, ValueRange{kh, kw, c, oc}, pad, ArrayRef<bool>{inBounds});
  // Odd channel counts: the last pair's second row is zero.
  Value c1 = add(c, cst(1));
  Value hasOdd;
  if (g.inChannelsPerGroup() % 2 != 0) {
    hasOdd = cmp(arith::CmpIPredicate::slt, c1, cst(g.inChannelsPerGroup()));
    c1 = arith::SelectOp::create(b, hasOdd, c1, c);
  }
  Value odd =
      vector::TransferReadOp::create(b, row, filter, ValueRange{kh, kw, c1, oc},
                                     pad, ArrayRef<bool>{inBounds});
  if (hasOdd)
    odd = arith::SelectOp::create(
        b, hasOdd, odd, arith::ConstantOp::create(b, row, b.getZeroAttr(row)));
  SmallVector<int64_t> interleave;
  for (int64_t i = 0; i < vw; ++i)
    interleave.append({i, vw + i});
  return vector::ShuffleOp::create(b, even, odd, interleave);
}

Value DirectConvEmitter::packFilterPairs() {
  int64_t kernelH = g.kernelH, kernelW = g.kernelW;
  int64_t pairs = llvm::divideCeil(g.inChannelsPerGroup(), 2);
  int64_t outC = g.outChannels;
  Value init = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{kernelH, kernelW, pairs, 2 * outC}, elementType);
  // One loop over (kh, kw, pair), one over blocks of vw output channels.
  auto tapLoop = scf::ForOp::create(b, cst(0), cst(kernelH * kernelW * pairs),
                                    cst(1), ValueRange{init});
  b.setInsertionPointToStart(tapLoop.getBody());
  Value t = tapLoop.getInductionVar();
  Value pair = arith::RemUIOp::create(b, t, cst(pairs));
  Value tap = arith::DivUIOp::create(b, t, cst(pairs));
  Value kh = arith::DivUIOp::create(b, tap, cst(kernelW));
  Value kw = arith::RemUIOp::create(b, tap, cst(kernelW));
  auto oLoop = scf::ForOp::create(b, cst(0), cst(outC), cst(vw),
                                  tapLoop.getRegionIterArgs());
  b.setInsertionPointToStart(oLoop.getBody());
  Value o = oLoop.getInductionVar();
  bool inBounds = outC % vw == 0;
  Value packed = filterPair(kh, kw, mul(pair, 2), o, inBounds);
  scf::YieldOp::create(b, vector::TransferWriteOp::create(
                              b, packed, oLoop.getRegionIterArgs()[0],
                              ValueRange{kh, kw, pair, mul(o, 2)},
                              ArrayRef<bool>{inBounds})
                              .getResult());
  b.setInsertionPointAfter(oLoop);
  scf::YieldOp::create(b, oLoop.getResults());
  b.setInsertionPointAfter(tapLoop);
  return tapLoop.getResult(0);
}

SmallVector<Value> DirectConvEmitter::denseDotTap(ValueRange accs,
                                                  ArrayRef<Value> ih,
                                                  ArrayRef<Value> iw,
                                                  ArrayRef<Value> valid,
                                                  Value kh, Value kw, Value oc0,
                                                  int64_t nv, bool lastMasked) {
  // acc[o] += x[c] * w[c][o] + x[c + 1] * w[c + 1][o] in one vdpbf16ps: the
  // input pair broadcast as one 32-bit lane, the two filter rows
  // interleaved (w[c][o], w[c + 1][o]) in the packed filter.
  Value cBase = groupChannelBase(oc0);
  auto cLoop =
      scf::ForOp::create(b, cst(0), cst(g.inChannelsPerGroup()), cst(2), accs);
  b.setInsertionPointToStart(cLoop.getBody());
  Value c = cLoop.getInductionVar();
  Value inC = g.groups == 1 ? c : add(cBase, c);
  Type bf16 = elementType;
  Value pad = arith::ConstantOp::create(b, bf16, b.getZeroAttr(bf16));
  SmallVector<Value> w;
  for (int64_t j = 0; j < nv; ++j) {
    bool inBounds = !(lastMasked && j == nv - 1);
    Value oc = add(oc0, cst(j * vw));
    w.push_back(vector::TransferReadOp::create(
        b, VectorType::get({2 * vw}, bf16), packedFilter,
        ValueRange{kh, kw, arith::DivUIOp::create(b, c, cst(2)), mul(oc, 2)},
        pad, ArrayRef<bool>{inBounds}));
  }
  SmallVector<Value> next(cLoop.getRegionIterArgs());
  Type i32 = b.getI32Type();
  auto pair = VectorType::get({2}, bf16);
  auto pairs = VectorType::get({2 * vw}, bf16);
  auto lanes = VectorType::get({vw}, i32);
  Value zero = arith::ConstantOp::create(b, i32, b.getZeroAttr(i32));
  for (size_t p = 0; p < ih.size(); ++p) {
    // Odd channel counts (no groups): the pair past the last channel reads
    // a zero.
    Value x = vector::TransferReadOp::create(
        b, pair, input, ValueRange{n, ih[p], iw[p], inC}, pad,
        ArrayRef<bool>{g.inChannelsPerGroup() % 2 == 0});
    Value bits = vector::ExtractOp::create(
        b, vector::BitCastOp::create(b, VectorType::get({1}, i32), x), 0);
    if (valid[p])
      bits = arith::SelectOp::create(b, valid[p], bits, zero);
    Value bx = vector::BitCastOp::create(
        b, pairs, vector::BroadcastOp::create(b, lanes, bits));
    for (int64_t j = 0; j < nv; ++j)
      next[p * nv + j] = x86vector::DotBF16Op::create(
          b, next[p * nv + j].getType(), next[p * nv + j], bx, w[j]);
  }
  scf::YieldOp::create(b, next);
  b.setInsertionPointAfter(cLoop);
  return SmallVector<Value>(cLoop.getResults());
}

SmallVector<Value>
DirectConvEmitter::denseTap(ValueRange accs, ArrayRef<Value> ih,
                            ArrayRef<Value> iw, ArrayRef<Value> valid, Value kh,
                            Value kw, Value oc0, int64_t nv, bool lastMasked) {
  // The block's group reads input channels [group * ICg, +ICg); the filter's
  // I dimension is the channel within the group.
  Value cBase = groupChannelBase(oc0);
  Value cBegin = cBlockBase ? cBlockBase : cst(0);
  Value cEnd = cBlockBase ? add(cBlockBase, cst(plan.cBlock))
                          : cst(g.inChannelsPerGroup());
  auto cLoop = scf::ForOp::create(b, cBegin, cEnd, cst(1), accs);
  b.setInsertionPointToStart(cLoop.getBody());
  Value c = cLoop.getInductionVar();
  Value inC = g.groups == 1 ? c : add(cBase, c);
  SmallVector<Value> w;
  for (int64_t j = 0; j < nv; ++j)
    w.push_back(readVector(filter, {kh, kw, c, add(oc0, cst(j * vw))}, vw,
                           !(lastMasked && j == nv - 1)));
  SmallVector<Value> next(cLoop.getRegionIterArgs());
  Value zero = arith::ConstantOp::create(b, accType, b.getZeroAttr(accType));
  for (size_t p = 0; p < ih.size(); ++p) {
    Value x = castFloatElements(
        b, b.getLoc(),
        tensor::ExtractOp::create(b, input, inputIndices(ih[p], iw[p], inC)),
        accType);
    if (valid[p])
      x = arith::SelectOp::create(b, valid[p], x, zero);
    Value bx =
        vector::BroadcastOp::create(b, VectorType::get({vw}, accType), x);
    for (int64_t j = 0; j < nv; ++j)
      next[p * nv + j] = vector::FMAOp::create(b, bx, w[j], next[p * nv + j]);
  }
  scf::YieldOp::create(b, next);
  b.setInsertionPointAfter(cLoop);
  return SmallVector<Value>(cLoop.getResults());
}

SmallVector<Value> DirectConvEmitter::channelTap(ValueRange accs,
                                                 ArrayRef<Value> ih,
                                                 ArrayRef<Value> iw,
                                                 ArrayRef<Value> valid,
                                                 Value kh, Value kw, Value oc0,
                                                 int64_t nv, bool lastMasked) {
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
    for (size_t p = 0; p < ih.size(); ++p) {
      Value v = readVector(input, {n, ih[p], iw[p], c0}, span, inBounds);
      if (valid[p])
        v = arith::SelectOp::create(b, valid[p], v, spanZeros);
      x.push_back(v);
    }
    for (int64_t k = 0; k < icg; ++k) {
      Value w = readVector(filter, {kh, kw, cst(k), o}, vw, inBounds);
      SmallVector<int64_t> mask;
      for (int64_t l = 0; l < vw; ++l)
        mask.push_back(l / ocg * icg + k);
      for (size_t p = 0; p < ih.size(); ++p) {
        Value xs = identity
                       ? x[p]
                       : vector::ShuffleOp::create(b, accVec, x[p], x[p], mask)
                             .getResult();
        next[p * nv + j] = vector::FMAOp::create(b, xs, w, next[p * nv + j]);
      }
    }
  }
  return next;
}

Value DirectConvEmitter::applyEpilogue(Value v, const Pixel &px, Value o,
                                       bool inBounds) {
  Block &body = epilogue.getRegion().front();
  VectorType vecType = VectorType::get({vw}, elementType);
  IRMapping map;
  for (OpOperand *in : epilogue.getDpsInputOperands()) {
    BlockArgument arg = body.getArgument(in->getOperandNumber());
    if (in->get() == conv.getResult())
      map.map(arg, v);
    else // A same-shaped tensor, e.g. a residual: its vector at this pixel.
      map.map(arg, vector::TransferReadOp::create(
                       b, vecType, in->get(), ValueRange{n, px.oh, px.ow, o},
                       arith::ConstantOp::create(b, elementType,
                                                 b.getZeroAttr(elementType))
                           .getResult(),
                       ArrayRef<bool>{inBounds}));
  }
  auto vectorize = [&](Value scalar) -> Value {
    if (Value mapped = map.lookupOrNull(scalar))
      return mapped;
    // A scalar from outside the body: splat it.
    return vector::BroadcastOp::create(b, vecType, scalar);
  };
  for (Operation &op : body.without_terminator()) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      map.map(constant.getResult(),
              arith::ConstantOp::create(
                  b, DenseElementsAttr::get(
                         vecType, cast<TypedAttr>(constant.getValue()))));
      continue;
    }
    OperationState state(b.getLoc(), op.getName());
    for (Value operand : op.getOperands())
      state.addOperands(vectorize(operand));
    state.addTypes(SmallVector<Type>(op.getNumResults(), vecType));
    state.addAttributes(op.getAttrs());
    Operation *clone = b.create(state);
    map.map(op.getResults(), clone->getResults());
  }
  return vectorize(body.getTerminator()->getOperand(0));
}

Value DirectConvEmitter::store(Value out, ArrayRef<Value> accs,
                               ArrayRef<Pixel> pixels, Value oc0, int64_t nv,
                               bool lastMasked) {
  if (nchw) {
    // `out` is [1, width, 1, OW] and the pixels are consecutive columns of
    // its row: per vector of channels, the pixels x lanes block is
    // transposed and each lane's row of pixels written along W.
    int64_t count = pixels.size();
    int64_t width = cast<RankedTensorType>(out.getType()).getDimSize(1);
    auto blockType = VectorType::get({count, vw}, elementType);
    for (int64_t j = 0; j < nv; ++j) {
      Value block = arith::ConstantOp::create(
          b, DenseElementsAttr::get(blockType, b.getZeroAttr(elementType)));
      for (int64_t p = 0; p < count; ++p)
        block = vector::InsertOp::create(
            b, castFloatElements(b, b.getLoc(), accs[p * nv + j], elementType),
            block, ArrayRef<int64_t>{p});
      Value rows = vector::TransposeOp::create(b, block, {1, 0});
      for (int64_t l = 0; l < std::min(vw, width - j * vw); ++l)
        out = vector::TransferWriteOp::create(
                  b, vector::ExtractOp::create(b, rows, ArrayRef<int64_t>{l}),
                  out,
                  ValueRange{cst(0), cst(j * vw + l), cst(0),
                             pixels.front().sliceCol},
                  ArrayRef<bool>{true})
                  .getResult();
    }
    return out;
  }
  for (auto [p, px] : llvm::enumerate(pixels))
    for (int64_t j = 0; j < nv; ++j) {
      Value v = castFloatElements(b, b.getLoc(), accs[p * nv + j], elementType);
      bool inBounds = !(lastMasked && j == nv - 1);
      if (epilogue)
        v = applyEpilogue(v, px, add(oc0, cst(j * vw)), inBounds);
      out = vector::TransferWriteOp::create(
                b, v, out,
                ValueRange{cst(0), px.sliceRow, px.sliceCol, cst(j * vw)},
                ArrayRef<bool>{inBounds})
                .getResult();
    }
  return out;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

/// The linalg.generic that only consumer of `op`'s result is, if it is an
/// elementwise epilogue the direct kernel can apply in registers: identity
/// maps, all-parallel, the conv's result read once, other inputs of the same
/// type (a residual), and a body of float arith ops of the element type.
static linalg::GenericOp getFusableEpilogue(Conv2DOp op) {
  Value result = op.getResult();
  if (!result.hasOneUse())
    return nullptr;
  auto generic = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!generic || generic.getNumDpsInits() != 1 ||
      generic.getNumResults() != 1 ||
      generic.getResult(0).getType() != op.getType() ||
      generic.getNumParallelLoops() != generic.getNumLoops() ||
      !llvm::all_of(generic.getIndexingMapsArray(),
                    [](AffineMap m) { return m.isIdentity(); }))
    return nullptr;
  Type elementType = op.getType().getElementType();
  int readsOfConv = 0;
  for (OpOperand *in : generic.getDpsInputOperands()) {
    if (in->get() == result)
      ++readsOfConv;
    else if (in->get().getType() != op.getType())
      return nullptr;
  }
  Block &body = generic.getRegion().front();
  if (readsOfConv != 1 || !body.getArguments().back().use_empty())
    return nullptr;
  for (Operation &inner : body.without_terminator()) {
    if (inner.getDialect() != op->getContext()->getLoadedDialect("arith") ||
        inner.getNumRegions() != 0 || inner.getNumResults() != 1 ||
        inner.getResult(0).getType() != elementType ||
        llvm::any_of(inner.getOperandTypes(),
                     [&](Type t) { return t != elementType; }))
      return nullptr;
  }
  return generic;
}

FailureOr<Value>
mlir::conv::lowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                const DirectConvOptions &options) {
  Type elementType = op.getInput().getType().getElementType();
  FailureOr<DirectConvPlan> plan =
      planDirectConv(op.getGeometry(), elementType, options);
  if (failed(plan))
    return rewriter.notifyMatchFailure(op, "no direct plan for this conv");
  // Partial sums of reduction blocks would go through the epilogue too.
  // NCHW outputs are stored transposed, after where the epilogue applies.
  linalg::GenericOp epilogue = plan->cBlock > 0 || plan->channelsFirst
                                   ? nullptr
                                   : getFusableEpilogue(op);
  OpBuilder::InsertionGuard guard(rewriter);
  // With an epilogue, emit where it is: everything it uses is defined.
  rewriter.setInsertionPoint(epilogue ? epilogue.getOperation()
                                      : op.getOperation());
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  ReifiedRankedShapedTypeDims shape;
  if (failed(op.reifyResultShapes(b, shape)))
    return failure();
  Value init = tensor::EmptyOp::create(b, shape[0], elementType);
  DirectConvEmitter emitter(b, op, *plan, epilogue);
  Value result = emitter.emit(init);
  if (result.getType() != op.getType())
    result = tensor::CastOp::create(b, op.getType(), result);
  if (epilogue) {
    rewriter.replaceOp(epilogue, result);
    rewriter.eraseOp(op);
  } else {
    rewriter.replaceOp(op, result);
  }
  return result;
}

FailureOr<DirectConvPlan>
mlir::conv::planDirectConv(Conv2DOp op, const DirectConvOptions &options) {
  ConvGeometry g = op.getGeometry();
  Type elementType = op.getInput().getType().getElementType();
  g.filterLayout = FilterLayout::HWIO;
  if (g.inputLayout == InputLayout::NCHW) {
    FailureOr<DirectConvPlan> plan = planDirectConv(g, elementType, options);
    if (succeeded(plan))
      return plan;
  }
  g.inputLayout = InputLayout::NHWC;
  return planDirectConv(g, elementType, options);
}

FailureOr<Value>
mlir::conv::normalizeAndLowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                            const DirectConvOptions &options) {
  FailureOr<DirectConvPlan> plan = planDirectConv(op, options);
  if (failed(plan))
    return rewriter.notifyMatchFailure(op, "no direct plan for this conv");
  FailureOr<Conv2DOp> normalized = plan->channelsFirst
                                       ? normalizeConvFilterLayout(rewriter, op)
                                       : getNormalizedConv(rewriter, op);
  if (failed(normalized))
    return failure();
  // The layout transposes normalisation added, in vector tiles.
  SmallVector<linalg::TransposeOp> transposes;
  for (Value operand : {normalized->getInput(), normalized->getFilter()})
    if (auto transpose = operand.getDefiningOp<linalg::TransposeOp>())
      transposes.push_back(transpose);
  Value convResult = normalized->getResult();
  if (convResult.hasOneUse())
    if (auto transpose =
            dyn_cast<linalg::TransposeOp>(*convResult.getUsers().begin()))
      transposes.push_back(transpose);
  FailureOr<Value> result = lowerConv2DToVector(rewriter, *normalized, options);
  for (linalg::TransposeOp transpose : transposes)
    (void)lowerLayoutTransposeToVectors(rewriter, transpose, plan->vectorWidth);
  return result;
}

namespace {
/// Applies `normalizeAndLowerConv2DToVector`.
struct ConvToVectorPattern : OpRewritePattern<Conv2DOp> {
  ConvToVectorPattern(MLIRContext *ctx, const DirectConvOptions &options)
      : OpRewritePattern(ctx), options(options) {}
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    return normalizeAndLowerConv2DToVector(rewriter, op, options);
  }
  DirectConvOptions options;
};
} // namespace

void mlir::conv::populateConvToVectorPatterns(
    RewritePatternSet &patterns, const DirectConvOptions &options) {
  patterns.add<ConvToVectorPattern>(patterns.getContext(), options);
}
