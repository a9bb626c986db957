//===- DirectConvPlanar.cpp - The planar (NCHW, W-vectorized) kernel ------===//
//
// Part of mlir-conv. Emits DirectConvPlan::Kind::Planar, for NCHW convs whose
// groups have few channels (depthwise, channel multipliers, ResNeXt-style
// groups), on tensors:
//
//   for n:
//     forall group:                              (OCg output planes)
//       w[oc][ic][kh][kw] = broadcast filter scalars
//       for oh block (ohBlock rows):              border rows static
//         for ow block (vw pixels):               border blocks static
//           acc[OCg][ohBlock] = bias
//           for ic, input row, kw:                each row vector read once
//             x = input[n, ic, ih, iw..iw + vw]   (stride 2: two reads and a
//             acc[oc][r] += w[oc][ic][kh][kw] * x  shuffle of the even lanes)
//           out[n, oc, oh + r, ow..ow + vw] = acc
//
// Input, filter and output keep their layouts: the channels-last kernels
// would need the input and output transposed around them, which on a
// depthwise layer costs more than the conv (docs/Lowering.md, Planar
// kernel). Rows and column blocks whose taps may reach the padding are
// emitted with static coordinates, so the padding is resolved at compile
// time: a tap wholly in the padding is not emitted, a partly padded read is
// a masked read or a read shifted by a constant shuffle with zeros. The
// interior runs as loops without checks.
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

Value DirectConvEmitter::emitPlanar(Value init) {
  Value zero = cst(0), one = cst(1);
  inH = cst(g.inH);
  inW = cst(g.inW);
  int64_t ocg = g.outChannelsPerGroup();
  auto nLoop =
      scf::ForOp::create(b, zero, dim(input, 0), one, ValueRange{init});
  b.setInsertionPointToStart(nLoop.getBody());
  n = nLoop.getInductionVar();
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(ocg),
                                     b.getIndexAttr(g.outH()),
                                     b.getIndexAttr(g.outW())};
  Value out = emitSlices(
      nLoop.getRegionIterArgs()[0], g.groups, b.getIndexAttr(1), sizes,
      [&](Value grp, Value) -> SmallVector<OpFoldResult> {
        return {n, mul(grp, ocg), b.getIndexAttr(0), b.getIndexAttr(0)};
      },
      [&](Value slice, Value grp, Value) {
        return emitPlanarGroup(slice, grp);
      });
  scf::YieldOp::create(b, out);
  b.setInsertionPointAfter(nLoop);
  return nLoop.getResult(0);
}

Value DirectConvEmitter::emitPlanarGroup(Value slice, Value grp) {
  int64_t icg = g.inChannelsPerGroup(), ocg = g.outChannelsPerGroup();
  planarIc0 = mul(grp, icg);
  planarOc0 = mul(grp, ocg);
  auto scalar = [&](Value t, ValueRange idx) {
    return castFloatElements(b, b.getLoc(),
                             tensor::ExtractOp::create(b, t, idx), accType);
  };
  // The group's filter scalars, read once; blocks broadcast them (LLVM
  // hoists the broadcasts out of the loops, or folds them into the FMAs as
  // broadcast loads).
  FilterDims fd = getFilterDims(g.filterLayout);
  planarTaps.clear();
  for (int64_t o = 0; o < ocg; ++o)
    for (int64_t c = 0; c < icg; ++c)
      for (int64_t kh = 0; kh < g.kernelH; ++kh)
        for (int64_t kw = 0; kw < g.kernelW; ++kw) {
          SmallVector<Value, 4> idx(4);
          idx[fd.o] = add(planarOc0, cst(o));
          idx[fd.i] = cst(c);
          idx[fd.h] = cst(kh);
          idx[fd.w] = cst(kw);
          planarTaps.push_back(scalar(filter, idx));
        }
  planarBias.clear();
  for (int64_t o = 0; o < ocg; ++o)
    planarBias.push_back(
        bias ? scalar(bias, ValueRange{add(planarOc0, cst(o))})
             : arith::ConstantOp::create(b, accType, b.getZeroAttr(accType))
                   .getResult());

  // Rows whose taps all lie inside the input run as a loop of ohBlock-row
  // blocks; the others (and the loop's remainder) are emitted one static
  // block each.
  int64_t outH = g.outH(), rows = plan.ohBlock;
  PlanarInterior interior = getPlanarInterior(g, vw);
  int64_t ohLo = interior.rowLo, ohHi = interior.rowHi;
  auto staticRows = [&](Value out, int64_t oh0, int64_t count) {
    return emitPlanarRows(out, cst(oh0), oh0, count);
  };
  Value out = slice;
  for (int64_t oh = 0; oh < ohLo; ++oh)
    out = staticRows(out, oh, 1);
  int64_t steps = (ohHi - ohLo) / rows;
  if (steps > 0) {
    auto loop = scf::ForOp::create(b, cst(ohLo), cst(ohLo + steps * rows),
                                   cst(rows), ValueRange{out});
    b.setInsertionPointToStart(loop.getBody());
    scf::YieldOp::create(b, emitPlanarRows(loop.getRegionIterArgs()[0],
                                           loop.getInductionVar(), std::nullopt,
                                           rows));
    b.setInsertionPointAfter(loop);
    out = loop.getResult(0);
  }
  if (int64_t rest = ohHi - ohLo - steps * rows; rest > 0)
    out = staticRows(out, ohLo + steps * rows, rest);
  for (int64_t oh = ohHi; oh < outH; ++oh)
    out = staticRows(out, oh, 1);
  return out;
}

Value DirectConvEmitter::emitPlanarRows(Value slice, Value oh0,
                                        std::optional<int64_t> staticOh0,
                                        int64_t rows) {
  // Column blocks of vw pixels whose reads all lie inside the input row and
  // that are whole run as a loop; border and partial blocks are static. A
  // partial block takes the narrowest vector that holds it (OW = 56: three
  // blocks of 16 and one of 8, not four of 16).
  int64_t outW = g.outW();
  PlanarInterior interior = getPlanarInterior(g, vw);
  int64_t numBlocks = interior.numBlocks;
  int64_t lo = interior.blockLo, hi = interior.blockHi;
  auto staticBlock = [&](Value out, int64_t blk) {
    int64_t pixels = std::min(vw, outW - blk * vw);
    int64_t lanes =
        std::min<int64_t>(vw, llvm::PowerOf2Ceil(std::max<int64_t>(pixels, 4)));
    return emitPlanarBlock(out, oh0, staticOh0, rows, cst(blk * vw), blk * vw,
                           lanes);
  };
  Value out = slice;
  for (int64_t blk = 0; blk < lo; ++blk)
    out = staticBlock(out, blk);
  if (hi - lo == 1) {
    out = staticBlock(out, lo);
  } else if (hi > lo) {
    auto loop = scf::ForOp::create(b, cst(lo * vw), cst(hi * vw), cst(vw),
                                   ValueRange{out});
    b.setInsertionPointToStart(loop.getBody());
    scf::YieldOp::create(
        b, emitPlanarBlock(loop.getRegionIterArgs()[0], oh0, staticOh0, rows,
                           loop.getInductionVar(), std::nullopt, vw));
    b.setInsertionPointAfter(loop);
    out = loop.getResult(0);
  }
  for (int64_t blk = hi; blk < numBlocks; ++blk)
    out = staticBlock(out, blk);
  return out;
}

Value DirectConvEmitter::emitPlanarBlock(Value slice, Value oh0,
                                         std::optional<int64_t> staticOh0,
                                         int64_t rows, Value ow0,
                                         std::optional<int64_t> staticOw0,
                                         int64_t lanes) {
  int64_t icg = g.inChannelsPerGroup(), ocg = g.outChannelsPerGroup();
  int64_t kh = g.kernelH, kw = g.kernelW;
  auto accVec = VectorType::get({lanes}, accType);
  SmallVector<Value> accs;
  for (int64_t o = 0; o < ocg; ++o)
    accs.append(rows, vector::BroadcastOp::create(b, accVec, planarBias[o]));
  DenseMap<Value, Value> splats;
  auto splat = [&](Value scalar) {
    Value &v = splats[scalar];
    if (!v)
      v = vector::BroadcastOp::create(b, accVec, scalar);
    return v;
  };
  // Input row offsets from oh0 * strideH, each read once for the (row, kh)
  // pairs that use it.
  std::map<int64_t, SmallVector<std::pair<int64_t, int64_t>>> inputRows;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t h = 0; h < kh; ++h)
      inputRows[r * g.strideH + h * g.dilationH - g.padTop].push_back({r, h});
  Value rowBase = mul(oh0, g.strideH);
  for (int64_t c = 0; c < icg; ++c) {
    Value channel = add(planarIc0, cst(c));
    for (auto &[offset, uses] : inputRows) {
      if (staticOh0) {
        int64_t ih = *staticOh0 * g.strideH + offset;
        if (ih < 0 || ih >= g.inH)
          continue; // A row of padding.
      }
      Value ih = add(rowBase, cst(offset));
      for (int64_t w = 0; w < kw; ++w) {
        Value x = readPlanarTap(channel, ih, ow0, staticOw0, w, lanes);
        if (!x)
          continue;
        for (auto [r, h] : uses)
          for (int64_t o = 0; o < ocg; ++o) {
            Value &acc = accs[o * rows + r];
            acc = vector::FMAOp::create(
                b, splat(planarTaps[((o * icg + c) * kh + h) * kw + w]), x,
                acc);
          }
      }
    }
  }
  // Stores, masked past OW.
  bool inBounds = !staticOw0 || *staticOw0 + lanes <= g.outW();
  Value out = slice;
  for (int64_t o = 0; o < ocg; ++o)
    for (int64_t r = 0; r < rows; ++r) {
      Value oh = add(oh0, cst(r));
      Value v =
          castFloatElements(b, b.getLoc(), accs[o * rows + r], elementType);
      if (epilogue)
        v = applyEpilogue(v, ValueRange{n, add(planarOc0, cst(o)), oh, ow0},
                          inBounds);
      out = vector::TransferWriteOp::create(b, v, out,
                                            ValueRange{cst(0), cst(o), oh, ow0},
                                            ArrayRef<bool>{inBounds})
                .getResult();
    }
  return out;
}

Value DirectConvEmitter::readPlanarTap(Value c, Value ih, Value ow0,
                                       std::optional<int64_t> staticOw0,
                                       int64_t kw, int64_t lanes) {
  int64_t sw = g.strideW;
  // Lane l is column start + sw * l; the chunks read from start - parity.
  int64_t offset = getPlanarTapReadOffset(g, kw);
  int64_t parity = kw * g.dilationW - g.padLeft - offset;
  auto vecType = VectorType::get({lanes}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  auto read = [&](Value iw, bool inBounds) -> Value {
    return vector::TransferReadOp::create(b, vecType, input,
                                          ValueRange{n, c, ih, iw}, pad,
                                          ArrayRef<bool>{inBounds});
  };
  SmallVector<Value, 2> chunks;
  if (!staticOw0) {
    // Interior: every chunk lies inside the row.
    Value first = add(mul(ow0, sw), cst(offset));
    for (int64_t k = 0; k < sw; ++k)
      chunks.push_back(read(add(first, cst(k * lanes)), true));
  } else {
    int64_t first = *staticOw0 * sw + offset;
    // The columns the block's real pixels read; none inside: no tap.
    int64_t pixels = std::min(lanes, g.outW() - *staticOw0);
    bool any = false;
    for (int64_t l = 0; l < pixels && !any; ++l) {
      int64_t col = first + parity + sw * l;
      any = col >= 0 && col < g.inW;
    }
    if (!any)
      return nullptr;
    Value zeros = arith::ConstantOp::create(
        b, DenseElementsAttr::get(vecType, b.getZeroAttr(elementType)));
    for (int64_t k = 0; k < sw; ++k) {
      int64_t col = first + k * lanes;
      if (col >= g.inW || col + lanes <= 0) {
        chunks.push_back(zeros);
      } else if (col >= 0) {
        // Lanes past the row's end read zero (a masked read).
        chunks.push_back(read(cst(col), col + lanes <= g.inW));
      } else {
        // Starts in the left padding: read from column 0 and shift the
        // lanes up by -col, filling with zeros.
        Value head = read(cst(0), lanes <= g.inW);
        SmallVector<int64_t> shift;
        for (int64_t l = 0; l < lanes; ++l)
          shift.push_back(l + col >= 0 ? l + col : lanes);
        chunks.push_back(vector::ShuffleOp::create(b, head, zeros, shift));
      }
    }
  }
  Value x = chunks.front();
  if (sw == 2) {
    // Lane l is chunk element 2 l + parity of the two chunks.
    SmallVector<int64_t> picks;
    for (int64_t l = 0; l < lanes; ++l)
      picks.push_back(2 * l + parity);
    x = vector::ShuffleOp::create(b, chunks[0], chunks[1], picks);
  }
  return castFloatElements(b, b.getLoc(), x, accType);
}
