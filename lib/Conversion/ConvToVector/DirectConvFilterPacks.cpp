//===- DirectConvFilterPacks.cpp - Filter copies the kernel reads ---------===//
//
// Part of mlir-conv. The filter layouts the direct kernel makes per call:
// channel pairs interleaved for vdpbf16ps (bf16), pairs of a flattened
// filter row (the 3-channel stem), and each reduction block's slice packed
// from an OIHW argument in blocks of the register block's output channels.
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

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
  Value zero = cst(0);
  auto tile = [&](Value part, Value o0, Value q0, int64_t rows, int64_t cols) {
    SmallVector<Value> columns = readTransposedTile(
        b, oihwRows, {}, o0, add(colBase, q0), rows, vw, cols == vw);
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

Value DirectConvEmitter::filterPrefetchBuffer() {
  auto type = cast<RankedTensorType>(filter.getType());
  if (!hasIdentityBuffer(filter) ||
      uint64_t(type.getNumElements() * type.getElementTypeBitWidth() / 8) <=
          plan.prefetchFilterAbove)
    return nullptr;
  return bufferization::ToBufferOp::create(
      b, MemRefType::get(type.getShape(), type.getElementType()), filter,
      /*read_only=*/b.getUnitAttr());
}

void DirectConvEmitter::prefetchNextFilterSlice(Value blk, Value oh,
                                                int64_t numBlocks) {
  int64_t outH = g.outH();
  if (ShapedType::isDynamic(outH) || outH < 1)
    return;
  int64_t taps = g.kernelH * g.kernelW, cols = plan.cBlock * taps;
  int64_t perLine =
      std::max<int64_t>(1, 512 / elementType.getIntOrFloatBitWidth());
  int64_t linesPerRow = llvm::divideCeil(cols, perLine);
  int64_t lines = g.outChannels * linesPerRow;
  int64_t share = llvm::divideCeil(lines, numBlocks * outH);
  // The next block's first column (the last block prefetches itself).
  Value next = arith::MulIOp::create(
      b,
      arith::MinUIOp::create(b, add(cBlockBase, cst(plan.cBlock)),
                             cst(g.inChannelsPerGroup() - plan.cBlock)),
      cst(taps));
  Value first = mul(add(mul(blk, outH), oh), share);
  Value end = arith::MinUIOp::create(b, add(first, cst(share)), cst(lines));
  auto loop = scf::ForOp::create(b, first, end, cst(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(loop.getBody());
  Value line = loop.getInductionVar();
  Value row = arith::DivUIOp::create(b, line, cst(linesPerRow));
  Value col = add(
      next, mul(arith::RemUIOp::create(b, line, cst(linesPerRow)), perLine));
  memref::PrefetchOp::create(b, oihwBuffer, ValueRange{row, col},
                             /*isWrite=*/false, /*localityHint=*/2,
                             /*isDataCache=*/true);
}

Value DirectConvEmitter::packFilterBlocks(int64_t width) {
  int64_t channels = g.inChannelsPerGroup();
  int64_t numBlocks = llvm::divideCeil(g.outChannels, width);
  int64_t rows = g.kernelH * g.kernelW * channels;
  Value init = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{numBlocks, g.kernelH, g.kernelW, channels, width},
      elementType);
  SmallVector<OpFoldResult> sizes = {
      b.getIndexAttr(1), b.getIndexAttr(g.kernelH), b.getIndexAttr(g.kernelW),
      b.getIndexAttr(channels), b.getIndexAttr(width)};
  Value zero = cst(0);
  bool wholeBlocks = g.outChannels % width == 0;
  // Parallel over the blocks; each writes its block in order, one (kh, kw,
  // c) row of `width` output channels at a time (zeros past OC); walking
  // whole HWIO rows instead (contiguous reads, scattered writes) measured
  // slower (bench/RESULTS.md).
  return emitSliceLoops(
      b, init, {b.getIndexAttr(numBlocks)}, sizes,
      [&](ValueRange ivs) -> SmallVector<OpFoldResult> {
        return {ivs[0], b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(0),
                b.getIndexAttr(0)};
      },
      [&](Value slice, ValueRange ivs) {
        Value oc0 = mul(ivs[0], width);
        auto loop =
            scf::ForOp::create(b, zero, cst(rows), cst(1), ValueRange{slice});
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(loop.getBody());
        Value t = loop.getInductionVar();
        Value c = arith::RemUIOp::create(b, t, cst(channels));
        Value rest = arith::DivUIOp::create(b, t, cst(channels));
        Value kw = arith::RemUIOp::create(b, rest, cst(g.kernelW));
        Value kh = arith::DivUIOp::create(b, rest, cst(g.kernelW));
        Value dst = loop.getRegionIterArgs()[0];
        for (int64_t j = 0; j < width / vw; ++j) {
          Value row = filterRow(kh, kw, c, add(oc0, cst(j * vw)), wholeBlocks);
          dst = vector::TransferWriteOp::create(
                    b, row, dst, ValueRange{zero, kh, kw, c, cst(j * vw)},
                    ArrayRef<bool>{true})
                    .getResult();
        }
        scf::YieldOp::create(b, dst);
        return loop.getResult(0);
      },
      plan.sequential);
}
