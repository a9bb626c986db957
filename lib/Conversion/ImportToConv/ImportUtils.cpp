//===- ImportUtils.cpp - Helpers shared by the import patterns ------------===//
//
// Part of mlir-conv. See ImportUtils.h.
//
//===----------------------------------------------------------------------===//

#include "ImportUtils.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::conv;

bool importutils::isSupportedElementType(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

FailureOr<Value> importutils::reshapeDepthwiseFilter(OpBuilder &builder,
                                                     Location loc,
                                                     Value filter) {
  auto type = dyn_cast<RankedTensorType>(filter.getType());
  if (!type || !type.hasStaticShape() ||
      (type.getRank() != 3 && type.getRank() != 4))
    return failure();
  ArrayRef<int64_t> shape = type.getShape();
  Value flat = filter;
  if (type.getRank() == 4) {
    // [KH, KW, C, M] -> [KH, KW, C * M].
    SmallVector<ReassociationIndices> collapse = {{0}, {1}, {2, 3}};
    flat = tensor::CollapseShapeOp::create(builder, loc, filter, collapse);
  }
  int64_t channels = cast<RankedTensorType>(flat.getType()).getDimSize(2);
  auto hwioType = RankedTensorType::get({shape[0], shape[1], 1, channels},
                                        type.getElementType());
  SmallVector<ReassociationIndices> expand = {{0}, {1}, {2, 3}};
  return tensor::ExpandShapeOp::create(builder, loc, hwioType, flat, expand)
      .getResult();
}

FailureOr<Value> importutils::createConv(RewriterBase &rewriter, Location loc,
                                         Value input, Value filter, Value bias,
                                         const Conv2DAttrs &attrs,
                                         Type resultType) {
  // The builder reports an invalid conv as a diagnostic and leaves the op
  // without a result: here that only means the pattern does not apply.
  Conv2DOp conv;
  {
    ScopedDiagnosticHandler silence(rewriter.getContext(),
                                    [](Diagnostic &) { return success(); });
    conv = Conv2DOp::create(rewriter, loc, input, filter, bias, attrs);
  }
  // A failed import leaves the IR as it was: the conv goes, and so do the
  // operands' producers the caller made for it (a reshaped filter, a splat
  // bias), which nothing else uses.
  auto undo = [&] {
    rewriter.eraseOp(conv);
    llvm::SetVector<Operation *> producers;
    for (Value value : {input, filter, bias})
      if (Operation *def = value ? value.getDefiningOp() : nullptr)
        producers.insert(def);
    while (!producers.empty()) {
      Operation *def = producers.pop_back_val();
      if (!def->use_empty() || !isMemoryEffectFree(def))
        continue;
      for (Value operand : def->getOperands())
        if (Operation *producer = operand.getDefiningOp())
          producers.insert(producer);
      rewriter.eraseOp(def);
    }
    return failure();
  };
  if (conv->getNumResults() != 1)
    return undo();
  Value result = conv.getResult();
  if (result.getType() == resultType)
    return result;
  if (!tensor::CastOp::areCastCompatible(result.getType(), resultType))
    return undo();
  return tensor::CastOp::create(rewriter, loc, resultType, result).getResult();
}
