//===- DirectConvTaps.cpp - The FMAs of one filter tap --------------------===//
//
// Part of mlir-conv. The innermost bodies of the direct kernel, one per
// kernel kind: dense (broadcast input scalar x filter vector), dense bf16
// with vdpbf16ps (input channel pairs x a packed filter), and channel
// vectors (input channel vectors shuffled onto the output channels' groups).
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/X86Vector/X86VectorDialect.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

Value DirectConvEmitter::filterRow(Value kh, Value kw, Value c, Value oc,
                                   bool inBounds) {
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  return vector::TransferReadOp::create(b, VectorType::get({vw}, elementType),
                                        filter, ValueRange{kh, kw, c, oc}, pad,
                                        ArrayRef<bool>{inBounds});
}

Value DirectConvEmitter::interleave(Value even, Value odd) {
  SmallVector<int64_t> mask;
  for (int64_t i = 0; i < vw; ++i)
    mask.append({i, vw + i});
  return vector::ShuffleOp::create(b, even, odd, mask);
}

Value DirectConvEmitter::filterPair(Value kh, Value kw, Value c, Value oc,
                                    bool inBounds) {
  Value even = filterRow(kh, kw, c, oc, inBounds);
  // Odd channel counts: the last pair's second row is zero.
  Value c1 = add(c, cst(1));
  Value hasOdd;
  if (g.inChannelsPerGroup() % 2 != 0) {
    hasOdd = cmp(arith::CmpIPredicate::slt, c1, cst(g.inChannelsPerGroup()));
    c1 = arith::SelectOp::create(b, hasOdd, c1, c);
  }
  Value odd = filterRow(kh, kw, c1, oc, inBounds);
  if (hasOdd)
    odd = arith::SelectOp::create(
        b, hasOdd, odd,
        arith::ConstantOp::create(b, odd.getType(),
                                  b.getZeroAttr(odd.getType())));
  return interleave(even, odd);
}

Value DirectConvEmitter::packFlatFilterPairs() {
  int64_t channels = g.inChannelsPerGroup();
  int64_t span = g.kernelW * channels;
  int64_t pairs = llvm::divideCeil(span, 2);
  int64_t outC = g.outChannels;
  Value init = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{g.kernelH, pairs, 2 * outC}, elementType);
  auto tapLoop = scf::ForOp::create(b, cst(0), cst(g.kernelH * pairs), cst(1),
                                    ValueRange{init});
  b.setInsertionPointToStart(tapLoop.getBody());
  Value t = tapLoop.getInductionVar();
  Value kh = arith::DivUIOp::create(b, t, cst(pairs));
  Value pair = arith::RemUIOp::create(b, t, cst(pairs));
  auto oLoop = scf::ForOp::create(b, cst(0), cst(outC), cst(vw),
                                  tapLoop.getRegionIterArgs());
  b.setInsertionPointToStart(oLoop.getBody());
  Value o = oLoop.getInductionVar();
  bool inBounds = outC % vw == 0;
  // Products r = 2 pair and r + 1 of the row, r = kw * C + c.
  Value r0 = mul(pair, 2);
  Value r1 = add(r0, cst(1));
  Value hasSecond;
  if (span % 2 != 0) {
    hasSecond = cmp(arith::CmpIPredicate::slt, r1, cst(span));
    r1 = arith::SelectOp::create(b, hasSecond, r1, r0);
  }
  auto row = [&](Value r) {
    return filterRow(kh, arith::DivUIOp::create(b, r, cst(channels)),
                     arith::RemUIOp::create(b, r, cst(channels)), o, inBounds);
  };
  Value even = row(r0), odd = row(r1);
  if (hasSecond)
    odd = arith::SelectOp::create(
        b, hasSecond, odd,
        arith::ConstantOp::create(b, odd.getType(),
                                  b.getZeroAttr(odd.getType())));
  scf::YieldOp::create(
      b, vector::TransferWriteOp::create(
             b, interleave(even, odd), oLoop.getRegionIterArgs()[0],
             ValueRange{kh, pair, mul(o, 2)}, ArrayRef<bool>{inBounds})
             .getResult());
  b.setInsertionPointAfter(oLoop);
  scf::YieldOp::create(b, oLoop.getResults());
  b.setInsertionPointAfter(tapLoop);
  return tapLoop.getResult(0);
}

SmallVector<Value> DirectConvEmitter::denseFlatTap(
    ValueRange accs, ArrayRef<Value> ih, ArrayRef<Value> colBase,
    ArrayRef<Value> valid, Value kh, Value oc0, int64_t nv, bool lastMasked) {
  int64_t channels = g.inChannelsPerGroup();
  int64_t span = g.kernelW * channels;
  Type bf16 = elementType;
  Type i32 = b.getI32Type();
  auto pairType = VectorType::get({2}, bf16);
  auto pairs = VectorType::get({2 * vw}, bf16);
  auto lanes = VectorType::get({vw}, i32);
  Value pad = arith::ConstantOp::create(b, bf16, b.getZeroAttr(bf16));
  Value zero = arith::ConstantOp::create(b, i32, b.getZeroAttr(i32));
  SmallVector<Value> rowStart;
  for (Value col : colBase)
    rowStart.push_back(mul(col, channels));
  // Pair q: products 2q and 2q + 1 of the filter row; `x` reads the pixels'
  // input pairs.
  auto step = [&](ValueRange in, Value q,
                  function_ref<Value(size_t, Value)> x) {
    SmallVector<Value> w;
    for (int64_t j = 0; j < nv; ++j)
      w.push_back(vector::TransferReadOp::create(
          b, pairs, flatFilter,
          ValueRange{kh, q, mul(add(oc0, cst(j * vw)), 2)}, pad,
          ArrayRef<bool>{!(lastMasked && j == nv - 1)}));
    SmallVector<Value> next(in);
    for (size_t p = 0; p < ih.size(); ++p) {
      Value bits = vector::ExtractOp::create(
          b,
          vector::BitCastOp::create(b, VectorType::get({1}, i32),
                                    x(p, add(rowStart[p], mul(q, 2)))),
          0);
      if (valid[p])
        bits = arith::SelectOp::create(b, valid[p], bits, zero);
      Value bx = vector::BitCastOp::create(
          b, pairs, vector::BroadcastOp::create(b, lanes, bits));
      for (int64_t j = 0; j < nv; ++j)
        next[p * nv + j] = x86vector::DotBF16Op::create(
            b, next[p * nv + j].getType(), next[p * nv + j], bx, w[j]);
    }
    return next;
  };
  auto qLoop = scf::ForOp::create(b, cst(0), cst(span / 2), cst(1), accs);
  b.setInsertionPointToStart(qLoop.getBody());
  scf::YieldOp::create(
      b, step(qLoop.getRegionIterArgs(), qLoop.getInductionVar(),
              [&](size_t p, Value at) -> Value {
                return vector::TransferReadOp::create(
                    b, pairType, flatInput, ValueRange{n, ih[p], at}, pad,
                    ArrayRef<bool>{true});
              }));
  b.setInsertionPointAfter(qLoop);
  SmallVector<Value> out(qLoop.getResults());
  if (span % 2 == 0)
    return out;
  // The last product alone: its pair's second input is zero (the element
  // after it is the next pixel's, which 0 x inf would turn into NaN).
  return step(out, cst(span / 2), [&](size_t p, Value at) -> Value {
    Value last =
        tensor::ExtractOp::create(b, flatInput, ValueRange{n, ih[p], at});
    Value zeros =
        arith::ConstantOp::create(b, pairType, b.getZeroAttr(pairType));
    return vector::InsertOp::create(b, last, zeros, ArrayRef<int64_t>{0});
  });
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
