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

Value DirectConvEmitter::rowPair(Value r0, int64_t count,
                                 function_ref<Value(Value)> rowAt) {
  Value even = rowAt(r0);
  // An odd count: the last pair's second row is zero.
  Value r1 = add(r0, cst(1));
  Value hasSecond;
  if (count % 2 != 0) {
    hasSecond = cmp(arith::CmpIPredicate::slt, r1, cst(count));
    r1 = arith::SelectOp::create(b, hasSecond, r1, r0);
  }
  Value odd = rowAt(r1);
  if (hasSecond)
    odd = arith::SelectOp::create(
        b, hasSecond, odd,
        arith::ConstantOp::create(b, odd.getType(),
                                  b.getZeroAttr(odd.getType())));
  SmallVector<int64_t> mask;
  for (int64_t i = 0; i < vw; ++i)
    mask.append({i, vw + i});
  return vector::ShuffleOp::create(b, even, odd, mask);
}

Value DirectConvEmitter::packPairs(
    ArrayRef<int64_t> outer,
    function_ref<Value(ArrayRef<Value> index, Value oc, bool inBounds)>
        pairAt) {
  int64_t outC = g.outChannels;
  SmallVector<int64_t> shape(outer);
  shape.push_back(2 * outC);
  Value init = tensor::EmptyOp::create(b, shape, elementType);
  // One loop over the outer index (delinearized), one over blocks of vw
  // output channels.
  int64_t total = 1;
  for (int64_t extent : outer)
    total *= extent;
  auto outerLoop =
      scf::ForOp::create(b, cst(0), cst(total), cst(1), ValueRange{init});
  b.setInsertionPointToStart(outerLoop.getBody());
  SmallVector<Value> index(outer.size());
  Value rest = outerLoop.getInductionVar();
  for (int64_t d = outer.size() - 1; d >= 0; --d) {
    index[d] = d == 0 ? rest : arith::RemUIOp::create(b, rest, cst(outer[d]));
    if (d > 0)
      rest = arith::DivUIOp::create(b, rest, cst(outer[d]));
  }
  auto oLoop = scf::ForOp::create(b, cst(0), cst(outC), cst(vw),
                                  outerLoop.getRegionIterArgs());
  b.setInsertionPointToStart(oLoop.getBody());
  Value o = oLoop.getInductionVar();
  bool inBounds = outC % vw == 0;
  SmallVector<Value> at(index);
  at.push_back(mul(o, 2));
  scf::YieldOp::create(
      b, vector::TransferWriteOp::create(b, pairAt(index, o, inBounds),
                                         oLoop.getRegionIterArgs()[0], at,
                                         ArrayRef<bool>{inBounds})
             .getResult());
  b.setInsertionPointAfter(oLoop);
  scf::YieldOp::create(b, oLoop.getResults());
  b.setInsertionPointAfter(outerLoop);
  return outerLoop.getResult(0);
}

Value DirectConvEmitter::packFilterPairs() {
  int64_t channels = g.inChannelsPerGroup();
  return packPairs(
      {g.kernelH, g.kernelW, int64_t(llvm::divideCeil(channels, 2))},
      [&](ArrayRef<Value> index, Value oc, bool inBounds) {
        return rowPair(mul(index[2], 2), channels, [&](Value c) {
          return filterRow(index[0], index[1], c, oc, inBounds);
        });
      });
}

Value DirectConvEmitter::packFlatFilterPairs() {
  // Products r = kw * C + c of a filter row, in pairs.
  int64_t channels = g.inChannelsPerGroup();
  int64_t span = g.kernelW * channels;
  return packPairs(
      {g.kernelH, int64_t(llvm::divideCeil(span, 2))},
      [&](ArrayRef<Value> index, Value oc, bool inBounds) {
        return rowPair(mul(index[1], 2), span, [&](Value r) {
          return filterRow(
              index[0], arith::DivUIOp::create(b, r, cst(channels)),
              arith::RemUIOp::create(b, r, cst(channels)), oc, inBounds);
        });
      });
}

Value DirectConvEmitter::packFilterSlice(Value dst, Value c0, int64_t width) {
  int64_t cb = plan.cBlock, taps = g.kernelH * g.kernelW, oc = g.outChannels;
  // The slice is columns [c0 * taps, (c0 + cb) * taps) of oihwRows. A tile
  // of vw output channels x vw of its columns becomes vw vectors of output
  // channels, each written at its (kh, kw, c) in the [1][KH][KW][cb][vw]
  // part of a block that holds the tile's channels. Output channels past OC
  // are zero rows (the last block's lanes past OC are zeros or never read).
  Value colBase = mul(c0, taps);
  auto rowType = VectorType::get({vw}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  Value zeroRow = arith::ConstantOp::create(
      b, DenseElementsAttr::get(rowType, b.getZeroAttr(elementType)));
  Value zero = cst(0);
  auto tile = [&](Value part, Value o0, Value q0, int64_t rows, int64_t cols) {
    SmallVector<Value> tileRows;
    for (int64_t a = 0; a < vw; ++a)
      tileRows.push_back(
          a < rows ? vector::TransferReadOp::create(
                         b, rowType, oihwRows,
                         ValueRange{add(o0, cst(a)), add(colBase, q0)}, pad,
                         ArrayRef<bool>{cols == vw})
                         .getResult()
                   : zeroRow);
    SmallVector<Value> columns = transposeTile(b, tileRows);
    for (int64_t k = 0; k < cols; ++k) {
      Value q = add(q0, cst(k));
      Value t = arith::RemUIOp::create(b, q, cst(taps));
      part = vector::TransferWriteOp::create(
                 b, columns[k], part,
                 ValueRange{zero, arith::DivUIOp::create(b, t, cst(g.kernelW)),
                            arith::RemUIOp::create(b, t, cst(g.kernelW)),
                            arith::DivUIOp::create(b, q, cst(taps)), zero},
                 ArrayRef<bool>{true})
                 .getResult();
    }
    return part;
  };
  int64_t cols = cb * taps, colsMain = cols / vw * vw;
  // All the tiles of output channels [o0, o0 + rows) into `part`.
  auto tileRow = [&](Value part, Value o0, int64_t rows) {
    if (colsMain > 0) {
      auto loop =
          scf::ForOp::create(b, zero, cst(colsMain), cst(vw), ValueRange{part});
      b.setInsertionPointToStart(loop.getBody());
      scf::YieldOp::create(b, tile(loop.getRegionIterArgs()[0], o0,
                                   loop.getInductionVar(), rows, vw));
      b.setInsertionPointAfter(loop);
      part = loop.getResult(0);
    }
    if (cols % vw)
      part = tile(part, o0, cst(colsMain), rows, cols % vw);
    return part;
  };
  SmallVector<OpFoldResult> sizes = {
      b.getIndexAttr(1), b.getIndexAttr(g.kernelH), b.getIndexAttr(g.kernelW),
      b.getIndexAttr(cb), b.getIndexAttr(vw)};
  auto offsetsOf = [&](Value o0) -> SmallVector<OpFoldResult> {
    return {arith::DivUIOp::create(b, o0, cst(width)).getResult(),
            b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(0),
            arith::RemUIOp::create(b, o0, cst(width)).getResult()};
  };
  // Whole tiles of output channels in parallel (with the plan's threads),
  // then the last rows.
  int64_t ocMain = oc / vw;
  Value out = dst;
  if (ocMain > 0)
    out = emitSliceLoops(
        b, out, {b.getIndexAttr(ocMain)}, sizes,
        [&](ValueRange ivs) { return offsetsOf(mul(ivs[0], vw)); },
        [&](Value part, ValueRange ivs) {
          return tileRow(part, mul(ivs[0], vw), vw);
        },
        plan.sequential);
  if (oc % vw) {
    Value o0 = cst(ocMain * vw);
    SmallVector<OpFoldResult> offsets = offsetsOf(o0);
    SmallVector<OpFoldResult> strides(5, b.getIndexAttr(1));
    Value part =
        tensor::ExtractSliceOp::create(b, out, offsets, sizes, strides);
    out = tensor::InsertSliceOp::create(b, tileRow(part, o0, oc % vw), out,
                                        offsets, sizes, strides);
  }
  return out;
}

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
