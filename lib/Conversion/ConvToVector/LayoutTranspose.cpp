//===- LayoutTranspose.cpp - Layout transposes in vector tiles ------------===//
//
// Part of mlir-conv. Rewrites the linalg.transposes that normalise layouts
// around a conv (OIHW/OHWI filters to HWIO, NCHW input to NHWC, NHWC results
// back to NCHW) into tiles of vector reads, in-register transposes and vector
// writes. As linalg.transposes they lower to scalar loops, which cost more
// than the conv itself: a 3x3 512 -> 512 filter is 9.4 MB, and a depthwise
// conv does little work per byte moved (docs/Lowering.md, Layout
// transposes).
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

using namespace mlir;
using namespace mlir::conv;

/// The columns of the square tile whose rows are `rows` (each a vector of
/// rows.size() elements).
static SmallVector<Value> transposeTile(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> rows) {
  int64_t n = rows.size();
  auto rowType = cast<VectorType>(rows.front().getType());
  if (n == 16 && rowType.getElementTypeBitWidth() == 32) {
    // 16 x 16 32-bit elements: the 64-shuffle network of AVX-512 (32- and
    // 64-bit unpacks within 128-bit lanes, then two rounds of 128-bit lane
    // shuffles). As one vector.transpose the CPU pipeline lowers it to a
    // 256-lane shuffle that compiles to many times more instructions per
    // tile (docs/Lowering.md, Layout transposes).
    auto shuffle = [&](Value x, Value y, auto laneMask) {
      SmallVector<int64_t> mask;
      for (int64_t lane = 0; lane < 4; ++lane)
        for (int64_t i : laneMask(lane))
          mask.push_back(i);
      return vector::ShuffleOp::create(b, x, y, mask).getResult();
    };
    auto lo32 = [](int64_t l) {
      return std::array<int64_t, 4>{4 * l, 16 + 4 * l, 4 * l + 1,
                                    16 + 4 * l + 1};
    };
    auto hi32 = [](int64_t l) {
      return std::array<int64_t, 4>{4 * l + 2, 16 + 4 * l + 2, 4 * l + 3,
                                    16 + 4 * l + 3};
    };
    auto lo64 = [](int64_t l) {
      return std::array<int64_t, 4>{4 * l, 4 * l + 1, 16 + 4 * l,
                                    16 + 4 * l + 1};
    };
    auto hi64 = [](int64_t l) {
      return std::array<int64_t, 4>{4 * l + 2, 4 * l + 3, 16 + 4 * l + 2,
                                    16 + 4 * l + 3};
    };
    // 128-bit lanes 0 and 2 (even) or 1 and 3 (odd) of each operand.
    auto even = [](int64_t l) {
      int64_t base = (l < 2 ? 0 : 16) + (l % 2) * 8;
      return std::array<int64_t, 4>{base, base + 1, base + 2, base + 3};
    };
    auto odd = [](int64_t l) {
      int64_t base = (l < 2 ? 0 : 16) + (l % 2) * 8 + 4;
      return std::array<int64_t, 4>{base, base + 1, base + 2, base + 3};
    };
    SmallVector<Value> t(16), u(16), v(16), out(16);
    for (int64_t i = 0; i < 16; i += 2) {
      t[i] = shuffle(rows[i], rows[i + 1], lo32);
      t[i + 1] = shuffle(rows[i], rows[i + 1], hi32);
    }
    // u[4g + k]: in 128-bit lane L, column 4L + k of rows 4g .. 4g + 3.
    for (int64_t g = 0; g < 16; g += 4) {
      u[g] = shuffle(t[g], t[g + 2], lo64);
      u[g + 1] = shuffle(t[g], t[g + 2], hi64);
      u[g + 2] = shuffle(t[g + 1], t[g + 3], lo64);
      u[g + 3] = shuffle(t[g + 1], t[g + 3], hi64);
    }
    for (int64_t h = 0; h < 16; h += 8)
      for (int64_t k = 0; k < 4; ++k) {
        v[h + k] = shuffle(u[h + k], u[h + 4 + k], even);
        v[h + 4 + k] = shuffle(u[h + k], u[h + 4 + k], odd);
      }
    for (int64_t k = 0; k < 8; ++k) {
      out[k] = shuffle(v[k], v[8 + k], even);
      out[8 + k] = shuffle(v[k], v[8 + k], odd);
    }
    return out;
  }
  auto tileType = VectorType::get({n, n}, rowType.getElementType());
  Value tile = arith::ConstantOp::create(
      b, DenseElementsAttr::get(tileType,
                                b.getZeroAttr(rowType.getElementType())));
  for (int64_t a = 0; a < n; ++a)
    tile = vector::InsertOp::create(b, rows[a], tile, ArrayRef<int64_t>{a});
  Value transposed = vector::TransposeOp::create(b, tile, {1, 0});
  SmallVector<Value> out;
  for (int64_t k = 0; k < n; ++k)
    out.push_back(
        vector::ExtractOp::create(b, transposed, ArrayRef<int64_t>{k}));
  return out;
}

SmallVector<Value> mlir::conv::detail::readTransposedTile(
    ImplicitLocOpBuilder &b, Value matrix, ValueRange prefix, Value row0,
    Value col0, int64_t rows, int64_t lanes, bool inBounds) {
  Type elementType = cast<ShapedType>(matrix.getType()).getElementType();
  auto rowType = VectorType::get({lanes}, elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  Value zeroRow = arith::ConstantOp::create(
      b, DenseElementsAttr::get(rowType, b.getZeroAttr(elementType)));
  SmallVector<Value> tileRows;
  for (int64_t a = 0; a < lanes; ++a) {
    if (a >= rows) {
      tileRows.push_back(zeroRow);
      continue;
    }
    SmallVector<Value> indices(prefix);
    indices.append(
        {arith::AddIOp::create(b, row0, arith::ConstantIndexOp::create(b, a)),
         col0});
    tileRows.push_back(vector::TransferReadOp::create(
        b, rowType, matrix, indices, pad, ArrayRef<bool>{inBounds}));
  }
  return transposeTile(b, tileRows);
}

namespace {
/// A 4-D transpose seen as dst[b][q][p] = src[b][p][q] on collapsed views
/// (without a batch dimension for filters), with rows of dst optionally
/// permuted: dst row = mapRow(q).
struct MatrixView {
  /// Reassociations collapsing the source to [b][p][q] (or [p][q]) and
  /// expanding [b][q][p] (or [q][p]) to the result.
  SmallVector<ReassociationIndices> collapse, expand;
  bool batched = false;
  /// For OIHW filters: q = (i, kh, kw) goes to row (kh, kw, i).
  int64_t oihwTaps = 0, oihwInC = 0;
};
} // namespace

/// The view of `op` as a matrix transpose, for the layout permutations of
/// a conv, or nullopt.
static std::optional<MatrixView> getMatrixView(linalg::TransposeOp op) {
  ArrayRef<int64_t> perm = op.getPermutation();
  auto type = cast<ShapedType>(op.getInput().getType());
  MatrixView view;
  if (llvm::equal(perm, ArrayRef<int64_t>{2, 3, 1, 0})) {
    // OIHW -> HWIO: [O][I*KH*KW] -> [KH*KW*I][O], rows permuted.
    view.collapse = {{0}, {1, 2, 3}};
    view.expand = {{0, 1, 2}, {3}};
    view.oihwTaps = type.getDimSize(2) * type.getDimSize(3);
    view.oihwInC = type.getDimSize(1);
  } else if (llvm::equal(perm, ArrayRef<int64_t>{1, 2, 3, 0})) {
    // OHWI -> HWIO: [O][KH*KW*I] -> [KH*KW*I][O].
    view.collapse = {{0}, {1, 2, 3}};
    view.expand = {{0, 1, 2}, {3}};
  } else if (llvm::equal(perm, ArrayRef<int64_t>{0, 2, 3, 1})) {
    // NCHW -> NHWC: [N][C][H*W] -> [N][H*W][C].
    view.collapse = {{0}, {1}, {2, 3}};
    view.expand = {{0}, {1, 2}, {3}};
    view.batched = true;
  } else if (llvm::equal(perm, ArrayRef<int64_t>{0, 3, 1, 2})) {
    // NHWC -> NCHW: [N][H*W][C] -> [N][C][H*W].
    view.collapse = {{0}, {1, 2}, {3}};
    view.expand = {{0}, {1}, {2, 3}};
    view.batched = true;
  } else {
    return std::nullopt;
  }
  return view;
}

/// The elementwise consumer of `op`, an NHWC -> NCHW result transpose, that
/// its tile writes can apply: a fusable epilogue whose broadcast inputs keep
/// to N and C (`(d0)`, `(d1)`, `(d0, d1)`, `()`), since each written vector
/// runs along the collapsed H * W.
static linalg::GenericOp getTransposeEpilogue(linalg::TransposeOp op) {
  if (!llvm::equal(op.getPermutation(), ArrayRef<int64_t>{0, 3, 1, 2}))
    return nullptr;
  linalg::GenericOp epilogue =
      conv::detail::getFusableEpilogue(op.getResult()[0]);
  if (!epilogue)
    return nullptr;
  for (OpOperand *in : epilogue.getDpsInputOperands()) {
    AffineMap map = epilogue.getMatchingIndexingMap(in);
    if (!map.isIdentity() && llvm::any_of(map.getResults(), [](AffineExpr e) {
          return cast<AffineDimExpr>(e).getPosition() > 1;
        }))
      return nullptr;
  }
  return epilogue;
}

FailureOr<Value>
mlir::conv::lowerLayoutTransposeToVectors(RewriterBase &rewriter,
                                          linalg::TransposeOp op, int64_t lanes,
                                          bool fuseEpilogue) {
  std::optional<MatrixView> view = getMatrixView(op);
  if (!view)
    return rewriter.notifyMatchFailure(op, "not a conv layout transpose");
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!type || !op.hasPureTensorSemantics() || lanes <= 1)
    return rewriter.notifyMatchFailure(op, "not a tensor transpose");
  // Everything but a batch dimension must be static.
  for (int64_t d = view->batched ? 1 : 0; d < 4; ++d)
    if (type.isDynamicDim(d))
      return rewriter.notifyMatchFailure(op, "dynamic extents");

  linalg::GenericOp epilogue =
      fuseEpilogue ? getTransposeEpilogue(op) : linalg::GenericOp();
  OpBuilder::InsertionGuard guard(rewriter);
  // With an epilogue, emit where it is: everything it uses is defined.
  rewriter.setInsertionPoint(epilogue ? epilogue.getOperation()
                                      : op.getOperation());
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  auto cst = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, v);
  };
  Value src = tensor::CollapseShapeOp::create(b, op.getInput(), view->collapse);
  // The epilogue's same-shaped inputs as [N][C][H * W], read along H * W.
  DenseMap<OpOperand *, Value> collapsedInputs;
  if (epilogue)
    for (OpOperand *in : epilogue.getDpsInputOperands())
      if (in->get() != op.getResult()[0] &&
          epilogue.getMatchingIndexingMap(in).isIdentity())
        collapsedInputs[in] =
            tensor::CollapseShapeOp::create(b, in->get(), view->expand);
  auto srcType = cast<RankedTensorType>(src.getType());
  int64_t rank = srcType.getRank();
  int64_t p = srcType.getDimSize(rank - 2), q = srcType.getDimSize(rank - 1);
  // The tiles are written into a view of the transpose's own destination,
  // so that the result (the same view expanded back) is that buffer: when
  // it is the function's result, bufferization then writes the caller's
  // buffer instead of a scratch one copied out (3x3_56 NCHW: 0.8 MB a
  // call).
  // With an epilogue, its destination instead: the transpose's result is
  // then never materialised.
  Value dst = tensor::CollapseShapeOp::create(
      b, epilogue ? epilogue.getDpsInits()[0] : op.getDpsInits()[0],
      view->expand);

  // The destination row of source column `col`.
  auto targetRow = [&](Value col) -> Value {
    if (!view->oihwTaps)
      return col;
    // (i, kh, kw) -> (kh, kw, i): (col % taps) * I + col / taps.
    return arith::AddIOp::create(
        b,
        arith::MulIOp::create(
            b, arith::RemUIOp::create(b, col, cst(view->oihwTaps)),
            cst(view->oihwInC)),
        arith::DivUIOp::create(b, col, cst(view->oihwTaps)));
  };
  // One tile: source rows [p0, p0 + rows) x columns [q0, q0 + cols), rows
  // and cols up to lanes (fewer at the edges: zero rows are transposed in,
  // and out-of-bounds lanes are masked).
  auto tile = [&](Value out, Value n, Value p0, Value q0, int64_t rows,
                  int64_t cols) {
    auto at = [&](Value i, Value j) {
      SmallVector<Value> indices;
      if (n)
        indices.push_back(n);
      indices.append({i, j});
      return indices;
    };
    SmallVector<Value> columns =
        detail::readTransposedTile(b, src, n ? ValueRange{n} : ValueRange{}, p0,
                                   q0, rows, lanes, cols == lanes);
    // The epilogue on each channel's vector of pixels: same-shaped inputs
    // read at (n, c, p0) of their [N][C][H * W] view, broadcasts of N and
    // C as one splat scalar.
    if (epilogue)
      for (int64_t k = 0; k < cols; ++k) {
        Value c = arith::AddIOp::create(b, q0, cst(k));
        auto vecType = cast<VectorType>(columns[k].getType());
        columns[k] = conv::detail::applyEpilogueBody(
            b, epilogue, op.getResult()[0], columns[k], [&](OpOperand &in) {
              if (Value input = collapsedInputs.lookup(&in)) {
                Value pad = arith::ConstantOp::create(
                    b, vecType.getElementType(),
                    b.getZeroAttr(vecType.getElementType()));
                return vector::TransferReadOp::create(
                           b, vecType, input, ValueRange{n, c, p0}, pad,
                           ArrayRef<bool>{rows == lanes})
                    .getResult();
              }
              SmallVector<Value> picked;
              for (AffineExpr e :
                   epilogue.getMatchingIndexingMap(&in).getResults())
                picked.push_back(cast<AffineDimExpr>(e).getPosition() == 0 ? n
                                                                           : c);
              return vector::BroadcastOp::create(
                         b, vecType,
                         tensor::ExtractOp::create(b, in.get(), picked))
                  .getResult();
            });
      }
    for (int64_t k = 0; k < cols; ++k)
      out = vector::TransferWriteOp::create(
                b, columns[k], out,
                at(targetRow(arith::AddIOp::create(b, q0, cst(k))), p0),
                ArrayRef<bool>{rows == lanes})
                .getResult();
    return out;
  };
  // Loops over the tiles of one matrix: whole tiles, then the tiles of the
  // last rows and columns (static sizes).
  int64_t pMain = p / lanes * lanes, qMain = q / lanes * lanes;
  // `body` at each step of lanes in [0, end), or once at `fixed`.
  auto along = [&](Value o, int64_t end, Value fixed,
                   function_ref<Value(Value, Value)> body) -> Value {
    if (fixed)
      return body(o, fixed);
    auto loop =
        scf::ForOp::create(b, cst(0), cst(end), cst(lanes), ValueRange{o});
    b.setInsertionPointToStart(loop.getBody());
    scf::YieldOp::create(
        b, body(loop.getRegionIterArgs()[0], loop.getInductionVar()));
    b.setInsertionPointAfter(loop);
    return loop.getResult(0);
  };
  auto matrix = [&](Value out, Value n) {
    // Tiles of `rows` x `cols` over p in [0, pEnd) (or at pFixed) and q in
    // [0, qEnd) (or at qFixed); q outer, so each tile's writes continue the
    // rows the previous one wrote.
    auto tiles = [&](Value o, int64_t pEnd, int64_t qEnd, int64_t rows,
                     int64_t cols, Value pFixed, Value qFixed) -> Value {
      if ((!pFixed && pEnd <= 0) || (!qFixed && qEnd <= 0))
        return o;
      return along(o, qEnd, qFixed, [&](Value oq, Value q0) {
        return along(oq, pEnd, pFixed, [&](Value op, Value p0) {
          return tile(op, n, p0, q0, rows, cols);
        });
      });
    };
    out = tiles(out, pMain, qMain, lanes, lanes, nullptr, nullptr);
    if (p % lanes)
      out = tiles(out, 0, qMain, p % lanes, lanes, cst(pMain), nullptr);
    if (q % lanes)
      out = tiles(out, pMain, 0, lanes, q % lanes, nullptr, cst(qMain));
    if (p % lanes && q % lanes)
      out = tiles(out, 0, 0, p % lanes, q % lanes, cst(pMain), cst(qMain));
    return out;
  };
  Value result;
  if (view->batched) {
    auto nLoop = scf::ForOp::create(b, cst(0), tensor::DimOp::create(b, src, 0),
                                    cst(1), ValueRange{dst});
    b.setInsertionPointToStart(nLoop.getBody());
    scf::YieldOp::create(
        b, matrix(nLoop.getRegionIterArgs()[0], nLoop.getInductionVar()));
    b.setInsertionPointAfter(nLoop);
    result = nLoop.getResult(0);
  } else {
    result = matrix(dst, nullptr);
  }
  auto resultType = cast<RankedTensorType>(op.getResult()[0].getType());
  SmallVector<OpFoldResult> outputShape =
      tensor::getMixedSizes(b, b.getLoc(), op.getInit());
  result = tensor::ExpandShapeOp::create(b, resultType, result, view->expand,
                                         outputShape);
  if (epilogue) {
    rewriter.replaceOp(epilogue, result);
    rewriter.eraseOp(op);
  } else {
    rewriter.replaceOp(op, result);
  }
  return result;
}
