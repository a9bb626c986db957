//===- FilterTranspose.cpp - OIHW -> HWIO filter transpose in vectors -----===//
//
// Part of mlir-conv. Rewrites the linalg.transpose that normalises an OIHW
// filter to HWIO into tiles of vector reads, in-register transposes and
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

FailureOr<Value> mlir::conv::lowerFilterTransposeToVectors(
    RewriterBase &rewriter, linalg::TransposeOp op, int64_t lanes) {
  // HWIO[kh][kw][i][o] = OIHW[o][i][kh][kw].
  if (!llvm::equal(op.getPermutation(), ArrayRef<int64_t>{2, 3, 1, 0}))
    return rewriter.notifyMatchFailure(op, "not an OIHW -> HWIO transpose");
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!type || !type.hasStaticShape() || !op.hasPureTensorSemantics())
    return rewriter.notifyMatchFailure(op, "not a static tensor transpose");
  ArrayRef<int64_t> shape = type.getShape();
  int64_t outC = shape[0], inC = shape[1], taps = shape[2] * shape[3];
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
  // The filter as a matrix M[o][r], r = (i, kh, kw); the result as
  // T[r'][o], r' = (kh, kw, i) = (r % taps) * I + r / taps.
  Value matrix = tensor::CollapseShapeOp::create(
      b, op.getInput(), ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  Value init = tensor::EmptyOp::create(b, ArrayRef<int64_t>{rowLength, outC},
                                       elementType);
  Value pad =
      arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  auto row = VectorType::get({lanes}, elementType);
  auto tile = VectorType::get({lanes, lanes}, elementType);

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
  Value block = arith::ConstantOp::create(
      b, DenseElementsAttr::get(tile, b.getZeroAttr(elementType)));
  for (int64_t a = 0; a < lanes; ++a) {
    Value o = arith::AddIOp::create(b, o0, cst(a));
    Value v = vector::TransferReadOp::create(b, row, matrix, ValueRange{o, r0},
                                             pad, ArrayRef<bool>{true});
    block = vector::InsertOp::create(b, v, block, ArrayRef<int64_t>{a});
  }
  Value columns = vector::TransposeOp::create(b, block, {1, 0});
  Value out = oLoop.getRegionIterArgs()[0];
  for (int64_t k = 0; k < lanes; ++k) {
    Value r = arith::AddIOp::create(b, r0, cst(k));
    Value target = arith::AddIOp::create(
        b,
        arith::MulIOp::create(b, arith::RemUIOp::create(b, r, cst(taps)),
                              cst(inC)),
        arith::DivUIOp::create(b, r, cst(taps)));
    out = vector::TransferWriteOp::create(
              b, vector::ExtractOp::create(b, columns, ArrayRef<int64_t>{k}),
              out, ValueRange{target, o0}, ArrayRef<bool>{true})
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
