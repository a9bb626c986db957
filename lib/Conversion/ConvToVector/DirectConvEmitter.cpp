//===- DirectConvEmitter.cpp - The direct kernel's loop nest -------------===//
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

#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <functional>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

Value DirectConvEmitter::readVector(Value tensor, ValueRange indices,
                                    int64_t lanes, bool inBounds) {
  auto type = VectorType::get({lanes}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  Value v = vector::TransferReadOp::create(b, type, tensor, indices, pad,
                                           ArrayRef<bool>{inBounds});
  return castFloatElements(b, b.getLoc(), v, accType);
}

bool mlir::conv::hasIdentityBuffer(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return false;
  // Function arguments bufferize to identity-layout buffers, and so do
  // values an op computes into a new tensor; a slice of something would be
  // copied to get that layout.
  Operation *def = value.getDefiningOp();
  return !def || isa<linalg::TransposeOp, scf::ForallOp, scf::ForOp>(def);
}

Value mlir::conv::detail::getOihwArgumentFilter(Conv2DOp op) {
  auto transpose = op.getFilter().getDefiningOp<linalg::TransposeOp>();
  if (!transpose || !transpose.hasPureTensorSemantics() ||
      !llvm::equal(transpose.getPermutation(), ArrayRef<int64_t>{2, 3, 1, 0}) ||
      !hasIdentityBuffer(transpose.getInput()) ||
      isReadableConstant(transpose.getInput()))
    return nullptr;
  return transpose.getInput();
}

Value DirectConvEmitter::emit(Value init) {
  if (plan.kind == DirectConvPlan::Kind::Planar)
    return emitPlanar(init);
  Value zero = cst(0), one = cst(1);
  inH = dim(input, nchw ? 2 : 1);
  inW = dim(input, nchw ? 3 : 2);
  Value batch = dim(input, 0);
  int64_t ocBlock = plan.ocVectors * vw;
  int64_t numFull = g.outChannels / ocBlock;
  int64_t ocRest = g.outChannels - numFull * ocBlock;

  // Partial sums live in the output between input-channel blocks; the
  // first block starts from the bias (or zero), the last applies the
  // epilogue.
  bool blocked = plan.cBlock > 0 && plan.cBlock < g.inChannelsPerGroup();
  // A constant filter (a frozen model's) is laid out in blocks of the
  // register block's output channels at compile time: in HWIO a block's
  // filter rows are pieces OC elements apart, which the hardware
  // prefetchers do not follow, and oneDNN's one-time reorder gives it such
  // blocks too (docs/Lowering.md, Filter layout).
  // Blocks never straddle groups, so grouped dense convs are laid out the
  // same way (Winograd's GEMMs among them, when their groups of OCp output
  // channels take the dense kernel: OCp above one vector).
  if (plan.blocksConstantFilter())
    if (std::optional<ConstantBytes> bytes = getConstantBytes(filter)) {
      blockedWidth = ocBlock;
      blockedFilter =
          packConstantFilterBlocks(b, b.getLoc(), filter, *bytes, ocBlock);
    }
  if (plan.packFilterBlocks && plan.blocksConstantFilter() && !blockedFilter) {
    blockedWidth = ocBlock;
    blockedFilter = packFilterBlocks(ocBlock);
  }
  // The packed slice's buffer is made here, outside the loops: one
  // allocation per call (a scratch buffer the runtime keeps), not one per
  // block.
  Value sliceBuffer;
  if (plan.packFilterSlices && blocked && !blockedFilter)
    if (Value oihw = getOihwArgumentFilter(conv)) {
      oihwRows = tensor::CollapseShapeOp::create(
          b, oihw, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
      auto rowsType = cast<RankedTensorType>(oihwRows.getType());
      oihwBuffer = bufferization::ToBufferOp::create(
          b, MemRefType::get(rowsType.getShape(), rowsType.getElementType()),
          oihwRows, /*read_only=*/b.getUnitAttr());
      sliceBuffer = tensor::EmptyOp::create(
          b,
          ArrayRef<int64_t>{int64_t(llvm::divideCeil(g.outChannels, ocBlock)),
                            g.kernelH, g.kernelW, plan.cBlock, ocBlock},
          elementType);
    }
  if (plan.kind == DirectConvPlan::Kind::Dense && !blockedFilter && !oihwRows &&
      !plan.bf16Dot && !plan.bf16FlatTaps)
    filterBuffer = filterPrefetchBuffer();
  if (plan.bf16Dot)
    packedFilter = packFilterPairs();
  if (plan.bf16FlatTaps) {
    flatFilter = packFlatFilterPairs();
    flatInput = tensor::CollapseShapeOp::create(
        b, input, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
  }
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
    lastCBlock = cmp(arith::CmpIPredicate::eq, cBlockBase,
                     cst(g.inChannelsPerGroup() - plan.cBlock));
    out = cLoop.getRegionIterArgs()[0];
    if (oihwRows) {
      // The block's filter slice, packed once and read by every row: an
      // OIHW argument is never transposed whole (3x3_7 NCHW: a 9.4 MB
      // transpose written to memory on every call).
      blockedWidth = ocBlock;
      blockedFilter = packFilterSlice(sliceBuffer, cBlockBase, ocBlock);
      blockedSliceBase = cBlockBase;
    }
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

Value mlir::conv::detail::emitSliceLoops(
    ImplicitLocOpBuilder &b, Value out, ArrayRef<OpFoldResult> ubs,
    ArrayRef<OpFoldResult> sizes,
    function_ref<SmallVector<OpFoldResult>(ValueRange)> offsetsOf,
    function_ref<Value(Value, ValueRange)> body, bool sequential) {
  SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
  if (sequential) {
    // Nested scf.for loops writing the slices in place.
    std::function<Value(Value, SmallVector<Value>)> nest =
        [&](Value target, SmallVector<Value> ivs) -> Value {
      if (ivs.size() == ubs.size()) {
        SmallVector<OpFoldResult> offsets = offsetsOf(ivs);
        Value slice =
            tensor::ExtractSliceOp::create(b, target, offsets, sizes, strides);
        return tensor::InsertSliceOp::create(b, body(slice, ivs), target,
                                             offsets, sizes, strides);
      }
      auto loop = scf::ForOp::create(
          b, arith::ConstantIndexOp::create(b, 0),
          getValueOrCreateConstantIndexOp(b, b.getLoc(), ubs[ivs.size()]),
          arith::ConstantIndexOp::create(b, 1), ValueRange{target});
      b.setInsertionPointToStart(loop.getBody());
      SmallVector<Value> inner = ivs;
      inner.push_back(loop.getInductionVar());
      scf::YieldOp::create(b, nest(loop.getRegionIterArgs()[0], inner));
      b.setInsertionPointAfter(loop);
      return loop.getResult(0);
    };
    return nest(out, {});
  }
  // An scf.forall: OpenMP threads or loops, as the pipeline decides.
  auto forall = scf::ForallOp::create(b, ubs, ValueRange{out}, std::nullopt);
  b.setInsertionPointToStart(forall.getBody());
  Value shared = forall.getRegionIterArgs()[0];
  SmallVector<Value> ivs = forall.getInductionVars();
  SmallVector<OpFoldResult> offsets = offsetsOf(ivs);
  Value slice =
      tensor::ExtractSliceOp::create(b, shared, offsets, sizes, strides);
  Value result = body(slice, ivs);
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, result, shared, offsets, sizes,
                                        strides);
  b.setInsertionPointAfter(forall);
  return forall.getResult(0);
}

Value DirectConvEmitter::emitSlices(Value out, int64_t numBlocks,
                                    OpFoldResult count,
                                    ArrayRef<OpFoldResult> sizes,
                                    SliceOffsets offsetsOf,
                                    SliceCompute compute) {
  if (plan.rowsOuter)
    return emitSliceLoops(
        b, out, {count, b.getIndexAttr(numBlocks)}, sizes,
        [&](ValueRange ivs) { return offsetsOf(ivs[1], ivs[0]); },
        [&](Value slice, ValueRange ivs) {
          return compute(slice, ivs[1], ivs[0]);
        },
        plan.sequential);
  return emitSliceLoops(
      b, out, {b.getIndexAttr(numBlocks), count}, sizes,
      [&](ValueRange ivs) { return offsetsOf(ivs[0], ivs[1]); },
      [&](Value slice, ValueRange ivs) {
        return compute(slice, ivs[0], ivs[1]);
      },
      plan.sequential);
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
          if (oihwBuffer && ocBase == 0)
            prefetchNextFilterSlice(blk, oh, numBlocks);
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
  // unrolled: unrolling the 7x7 stem's border blocks cost compile time for
  // no measurable speed (docs/Lowering.md, Dense kernel).
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
  // Accumulators start as the bias (or zero).
  auto initial = [&] {
    SmallVector<Value> init, accs;
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
    return accs;
  };
  if (!cBlockBase)
    return accumulate(pixels, initial(), khBegin, khEnd, oc0, nv, lastMasked);
  // Input-channel blocks after the first start from the partial sums so far.
  SmallVector<Type> types(pixels.size() * nv, VectorType::get({vw}, accType));
  auto ifOp = scf::IfOp::create(
      b, types, cmp(arith::CmpIPredicate::eq, cBlockBase, cst(0)),
      /*withElse=*/true);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  scf::YieldOp::create(b, initial());
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  SmallVector<Value> sums;
  for (const Pixel &px : pixels)
    for (int64_t j = 0; j < nv; ++j)
      sums.push_back(vector::TransferReadOp::create(
          b, VectorType::get({vw}, accType), slice,
          ValueRange{cst(0), px.sliceRow, px.sliceCol, cst(j * vw)},
          arith::ConstantOp::create(b, accType, b.getZeroAttr(accType))
              .getResult(),
          ArrayRef<bool>{!(lastMasked && j == nv - 1)}));
  scf::YieldOp::create(b, sums);
  b.setInsertionPointAfter(ifOp);
  return accumulate(pixels, SmallVector<Value>(ifOp.getResults()), khBegin,
                    khEnd, oc0, nv, lastMasked);
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
  } else if (plan.bf16FlatTaps && llvm::none_of(pixels, [](const Pixel &px) {
               return px.checkCol;
             })) {
    // All columns inside the input: the whole filter row in pairs over
    // (kw, c).
    scf::YieldOp::create(b,
                         denseFlatTap(khLoop.getRegionIterArgs(), ih, colBase,
                                      rowValid, kh, oc0, nv, lastMasked));
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

Value mlir::conv::detail::applyEpilogueToVector(OpBuilder &b,
                                                linalg::GenericOp epilogue,
                                                Value convResult, Value v,
                                                ValueRange indices,
                                                bool inBounds) {
  Location loc = epilogue.getLoc();
  auto vecType = cast<VectorType>(v.getType());
  Type elementType = vecType.getElementType();
  return applyEpilogueBody(b, epilogue, convResult, v, [&](OpOperand &in) {
    // A same-shaped tensor (a residual) or a broadcast one (a bias): its
    // elements at the picked indices. Along the last dimension it is a
    // vector; without that dimension, one scalar for all lanes.
    AffineMap m = epilogue.getMatchingIndexingMap(&in);
    SmallVector<Value, 4> picked;
    for (AffineExpr e : m.getResults())
      picked.push_back(indices[cast<AffineDimExpr>(e).getPosition()]);
    if (m.getNumResults() > 0 &&
        m.getResults().back() ==
            getAffineDimExpr(m.getNumDims() - 1, b.getContext()))
      return vector::TransferReadOp::create(
                 b, loc, vecType, in.get(), picked,
                 arith::ConstantOp::create(b, loc, elementType,
                                           b.getZeroAttr(elementType))
                     .getResult(),
                 ArrayRef<bool>{inBounds})
          .getResult();
    return vector::BroadcastOp::create(
               b, loc, vecType,
               tensor::ExtractOp::create(b, loc, in.get(), picked))
        .getResult();
  });
}

Value mlir::conv::detail::applyEpilogueBody(
    OpBuilder &b, linalg::GenericOp epilogue, Value convResult, Value v,
    function_ref<Value(OpOperand &)> readInput) {
  Location loc = epilogue.getLoc();
  Block &body = epilogue.getRegion().front();
  auto vecType = cast<VectorType>(v.getType());
  IRMapping map;
  for (OpOperand *in : epilogue.getDpsInputOperands())
    map.map(body.getArgument(in->getOperandNumber()),
            in->get() == convResult ? v : readInput(*in));
  auto vectorize = [&](Value scalar) -> Value {
    if (Value mapped = map.lookupOrNull(scalar))
      return mapped;
    // A scalar from outside the body: splat it.
    return vector::BroadcastOp::create(b, loc, vecType, scalar);
  };
  for (Operation &op : body.without_terminator()) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      map.map(constant.getResult(),
              arith::ConstantOp::create(
                  b, loc,
                  DenseElementsAttr::get(
                      vecType, cast<TypedAttr>(constant.getValue()))));
      continue;
    }
    OperationState state(loc, op.getName());
    for (Value operand : op.getOperands())
      state.addOperands(vectorize(operand));
    state.addTypes(SmallVector<Type>(op.getNumResults(), vecType));
    state.addAttributes(op.getAttrs());
    Operation *clone = b.create(state);
    map.map(op.getResults(), clone->getResults());
  }
  return vectorize(body.getTerminator()->getOperand(0));
}

Value DirectConvEmitter::applyEpilogue(Value v, ValueRange indices,
                                       bool inBounds) {
  return applyEpilogueToVector(b, epilogue, conv.getResult(), v, indices,
                               inBounds);
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
      // A fused epilogue applies to each real channel's row of pixels, as
      // in the planar kernel: a vector along W at (n, c, oh, first ow).
      if (epilogue)
        for (int64_t k = 0; k < std::min(vw, width - j * vw); ++k) {
          Value row = vector::ExtractOp::create(b, rows, ArrayRef<int64_t>{k});
          row = applyEpilogue(row,
                              ValueRange{n, add(oc0, cst(j * vw + k)),
                                         pixels.front().oh, pixels.front().ow},
                              /*inBounds=*/true);
          rows = vector::InsertOp::create(b, row, rows, ArrayRef<int64_t>{k});
        }
      // One 2-D write (channels x pixels) per vector, lanes past the
      // slice's channels masked; convert-vector-to-scf unrolls it into row
      // writes after bufferization (64 tensor writes per block made one-shot
      // bufferization dominate the compile; docs/Lowering.md, Dense kernel
      // on NCHW).
      MLIRContext *ctx = b.getContext();
      AffineMap map = AffineMap::get(
          4, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(3, ctx)}, ctx);
      out =
          vector::TransferWriteOp::create(
              b, rows, out,
              ValueRange{cst(0), cst(j * vw), cst(0), pixels.front().sliceCol},
              map, ArrayRef<bool>{width - j * vw >= vw, true})
              .getResult();
    }
    return out;
  }
  for (auto [p, px] : llvm::enumerate(pixels))
    for (int64_t j = 0; j < nv; ++j) {
      Value v = castFloatElements(b, b.getLoc(), accs[p * nv + j], elementType);
      bool inBounds = !(lastMasked && j == nv - 1);
      if (epilogue) {
        Value done = applyEpilogue(
            v, ValueRange{n, px.oh, px.ow, add(oc0, cst(j * vw))}, inBounds);
        // Partial sums of input-channel blocks are stored as they are.
        v = lastCBlock ? arith::SelectOp::create(b, lastCBlock, done, v) : done;
      }
      out = vector::TransferWriteOp::create(
                b, v, out,
                ValueRange{cst(0), px.sliceRow, px.sliceCol, cst(j * vw)},
                ArrayRef<bool>{inBounds})
                .getResult();
    }
  return out;
}
