//===- FilterTranspose.cpp - Filter transposes to HWIO in vectors ---------===//
//
// Part of mlir-conv. Rewrites the linalg.transpose that normalises an OIHW or
// OHWI filter to HWIO into tiles of vector reads, in-register transposes and
// vector writes. As a linalg.transpose it lowers to scalar loops, which cost
// more than the conv on deep layers (a 3x3 512 -> 512 filter is 9.4 MB).
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"

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
    // 256-lane shuffle that compiled to ~450 instructions per tile (a 2.4 MB
    // 3x3 256 -> 256 filter took 0.23 ms).
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

FailureOr<Value> mlir::conv::lowerFilterTransposeToVectors(
    RewriterBase &rewriter, linalg::TransposeOp op, int64_t lanes) {
  // HWIO[kh][kw][i][o] = OIHW[o][i][kh][kw] or OHWI[o][kh][kw][i].
  bool fromOIHW =
      llvm::equal(op.getPermutation(), ArrayRef<int64_t>{2, 3, 1, 0});
  bool fromOHWI =
      llvm::equal(op.getPermutation(), ArrayRef<int64_t>{1, 2, 3, 0});
  if (!fromOIHW && !fromOHWI)
    return rewriter.notifyMatchFailure(op,
                                       "not an OIHW/OHWI -> HWIO transpose");
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!type || !type.hasStaticShape() || !op.hasPureTensorSemantics())
    return rewriter.notifyMatchFailure(op, "not a static tensor transpose");
  ArrayRef<int64_t> shape = type.getShape();
  int64_t outC = shape[0];
  int64_t inC = fromOIHW ? shape[1] : shape[3];
  int64_t taps = fromOIHW ? shape[2] * shape[3] : shape[1] * shape[2];
  int64_t rowLength = inC * taps;
  if (lanes <= 1 || outC % lanes != 0 || rowLength % lanes != 0)
    return rewriter.notifyMatchFailure(op, "not whole tiles of lanes x lanes");

  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  Type elementType = type.getElementType();
  auto cst = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, v);
  };
  // The filter as a matrix M[o][r], r = (i, kh, kw) (OIHW) or (kh, kw, i)
  // (OHWI); the result as T[r'][o], r' = (kh, kw, i): (r % taps) * I +
  // r / taps from OIHW, r itself from OHWI.
  Value matrix = tensor::CollapseShapeOp::create(
      b, op.getInput(), ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  Value init = tensor::EmptyOp::create(b, ArrayRef<int64_t>{rowLength, outC},
                                       elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  auto row = VectorType::get({lanes}, elementType);

  // r outer: each tile's writes continue the rows the previous tile wrote.
  auto rLoop = scf::ForOp::create(b, cst(0), cst(rowLength), cst(lanes),
                                  ValueRange{init});
  b.setInsertionPointToStart(rLoop.getBody());
  Value r0 = rLoop.getInductionVar();
  auto oLoop = scf::ForOp::create(b, cst(0), cst(outC), cst(lanes),
                                  rLoop.getRegionIterArgs());
  b.setInsertionPointToStart(oLoop.getBody());
  Value o0 = oLoop.getInductionVar();
  // lanes rows of lanes contiguous elements, transposed in registers.
  SmallVector<Value> rows;
  for (int64_t a = 0; a < lanes; ++a) {
    Value o = arith::AddIOp::create(b, o0, cst(a));
    rows.push_back(vector::TransferReadOp::create(
        b, row, matrix, ValueRange{o, r0}, pad, ArrayRef<bool>{true}));
  }
  SmallVector<Value> columns = transposeTile(b, rows);
  Value out = oLoop.getRegionIterArgs()[0];
  for (int64_t k = 0; k < lanes; ++k) {
    Value r = arith::AddIOp::create(b, r0, cst(k));
    Value target = r;
    if (fromOIHW)
      target = arith::AddIOp::create(
          b,
          arith::MulIOp::create(b, arith::RemUIOp::create(b, r, cst(taps)),
                                cst(inC)),
          arith::DivUIOp::create(b, r, cst(taps)));
    out = vector::TransferWriteOp::create(
              b, columns[k], out, ValueRange{target, o0}, ArrayRef<bool>{true})
              .getResult();
  }
  scf::YieldOp::create(b, out);
  b.setInsertionPointAfter(oLoop);
  scf::YieldOp::create(b, oLoop.getResults());
  b.setInsertionPointAfter(rLoop);
  Value result = tensor::ExpandShapeOp::create(
      b, op.getResult()[0].getType(), rLoop.getResult(0),
      ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  rewriter.replaceOp(op, result);
  return result;
}
