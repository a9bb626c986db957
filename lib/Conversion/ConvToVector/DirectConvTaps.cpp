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

/// How many input channels ahead the dense kernel prefetches a big filter
/// (the fastest of 16, 32 and 64; docs/Lowering.md, Filter prefetch).
static constexpr int64_t kFilterPrefetchChannels = 16;

void DirectConvEmitter::dotPair(MutableArrayRef<Value> accs, Value x,
                                Value valid, ArrayRef<Value> w) {
  Type i32 = b.getI32Type();
  Value bits = vector::ExtractOp::create(
      b, vector::BitCastOp::create(b, VectorType::get({1}, i32), x), 0);
  if (valid)
    bits = arith::SelectOp::create(
        b, valid, bits,
        arith::ConstantOp::create(b, i32, b.getZeroAttr(i32)).getResult());
  Value bx = vector::BitCastOp::create(
      b, VectorType::get({2 * vw}, elementType),
      vector::BroadcastOp::create(b, VectorType::get({vw}, i32), bits));
  for (auto [acc, wj] : llvm::zip_equal(accs, w))
    acc = x86vector::DotBF16Op::create(b, acc.getType(), acc, bx, wj);
}

SmallVector<Value> DirectConvEmitter::denseFlatTap(
    ValueRange accs, ArrayRef<Value> ih, ArrayRef<Value> colBase,
    ArrayRef<Value> valid, Value kh, Value oc0, int64_t nv, bool lastMasked) {
  int64_t channels = g.inChannelsPerGroup();
  int64_t span = g.kernelW * channels;
  Type bf16 = elementType;
  auto pairType = VectorType::get({2}, bf16);
  auto pairs = VectorType::get({2 * vw}, bf16);
  Value pad = arith::ConstantOp::create(b, bf16, b.getZeroAttr(bf16));
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
    for (size_t p = 0; p < ih.size(); ++p)
      dotPair(MutableArrayRef<Value>(next).slice(p * nv, nv),
              x(p, add(rowStart[p], mul(q, 2))), valid[p], w);
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
  auto pair = VectorType::get({2}, bf16);
  for (size_t p = 0; p < ih.size(); ++p) {
    // Odd channel counts (no groups): the pair past the last channel reads
    // a zero.
    Value x = vector::TransferReadOp::create(
        b, pair, input, ValueRange{n, ih[p], iw[p], inC}, pad,
        ArrayRef<bool>{g.inChannelsPerGroup() % 2 == 0});
    dotPair(MutableArrayRef<Value>(next).slice(p * nv, nv), x, valid[p], w);
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
  Value ahead;
  if (filterBuffer)
    ahead = arith::MinUIOp::create(b, add(c, cst(kFilterPrefetchChannels)),
                                   cst(g.inChannelsPerGroup() - 1));
  for (int64_t j = 0; j < nv; ++j) {
    if (blockedFilter) {
      // The block's vectors at [oc0 / width][kh][kw][c][oc0 % width + j vw];
      // lanes past OC are zeros of the padded last block.
      Value block = arith::DivUIOp::create(b, oc0, cst(blockedWidth));
      Value lane =
          add(arith::RemUIOp::create(b, oc0, cst(blockedWidth)), cst(j * vw));
      Value slice =
          blockedSliceBase ? arith::SubIOp::create(b, c, blockedSliceBase) : c;
      w.push_back(readVector(blockedFilter, {block, kh, kw, slice, lane}, vw,
                             /*inBounds=*/true));
      continue;
    }
    w.push_back(readVector(filter, {kh, kw, c, add(oc0, cst(j * vw))}, vw,
                           !(lastMasked && j == nv - 1)));
    // The same vector some channels later, into L2: a big HWIO filter's
    // pieces (3x3_7: 192 bytes 2 KB apart) defeat the hardware prefetchers,
    // most of all while another process streams memory (docs/Lowering.md,
    // Filter prefetch).
    if (filterBuffer)
      memref::PrefetchOp::create(
          b, filterBuffer, ValueRange{kh, kw, ahead, add(oc0, cst(j * vw))},
          /*isWrite=*/false, /*localityHint=*/2, /*isDataCache=*/true);
  }
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
