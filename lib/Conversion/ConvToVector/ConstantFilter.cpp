//===- ConstantFilter.cpp - Filter preparation of constant filters --------===//
//
// Part of mlir-conv. A frozen model's filters are constants: what the
// kernels do to a filter on every call (an OIHW/OHWI -> HWIO layout
// transpose, Winograd's filter transform) is then done once, at compile
// time, into a new constant, and the dense kernel reads it laid out in
// blocks of its register block's output channels. Transposing a big OIHW
// filter on every call costs a large share of the conv (docs/Lowering.md,
// Constant filters).
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Support/Permute.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

std::optional<ConstantBytes> mlir::conv::detail::getConstantBytes(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape() || type.getElementTypeBitWidth() % 8 != 0)
    return std::nullopt;
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  ConstantBytes out;
  out.elementBytes = type.getElementTypeBitWidth() / 8;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    out.data = dense.getRawData();
    out.splat = dense.isSplat();
    return out;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    // A blob released by its owner (or never given) cannot be read.
    const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || blob->getData().size() !=
                     size_t(type.getNumElements()) * size_t(out.elementBytes))
      return std::nullopt;
    out.data = blob->getData();
    return out;
  }
  return std::nullopt;
}

bool mlir::conv::isReadableConstant(Value value) {
  return getConstantBytes(value).has_value();
}

double mlir::conv::detail::ConstantBytes::at(Type elementType,
                                             int64_t index) const {
  const char *p = data.data() + (splat ? 0 : index * elementBytes);
  // f32 and f64 directly (a 512 x 512 filter's Winograd transform reads
  // 2.4 M elements); other float types through APFloat.
  if (elementType.isF32()) {
    float value;
    std::memcpy(&value, p, sizeof(value));
    return value;
  }
  if (elementType.isF64()) {
    double value;
    std::memcpy(&value, p, sizeof(value));
    return value;
  }
  uint64_t bits = 0;
  std::memcpy(&bits, p, elementBytes);
  auto floatType = cast<FloatType>(elementType);
  llvm::APFloat value(floatType.getFloatSemantics(),
                      llvm::APInt(floatType.getWidth(), bits));
  bool lossy;
  value.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
                &lossy);
  return value.convertToDouble();
}

FailureOr<Value>
mlir::conv::foldConstantLayoutTranspose(RewriterBase &rewriter,
                                        linalg::TransposeOp op) {
  if (!op.hasPureTensorSemantics())
    return rewriter.notifyMatchFailure(op, "not on tensors");
  std::optional<ConstantBytes> bytes = getConstantBytes(op.getInput());
  if (!bytes)
    return rewriter.notifyMatchFailure(op, "input is not a static constant");
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op.getResult()[0].getType());
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  DenseElementsAttr folded;
  if (bytes->splat) {
    folded = DenseElementsAttr::getFromRawBuffer(outType, bytes->data);
  } else {
    std::vector<char> data(bytes->data.size());
    permuteElements(bytes->data.data(), data.data(), bytes->elementBytes,
                    inType.getShape(), op.getPermutation());
    folded = DenseElementsAttr::getFromRawBuffer(outType, data);
  }
  Value result = arith::ConstantOp::create(rewriter, op.getLoc(), folded);
  rewriter.replaceOp(op, result);
  return result;
}

Value mlir::conv::detail::packConstantFilterBlocks(OpBuilder &b, Location loc,
                                                   Value filter,
                                                   const ConstantBytes &bytes,
                                                   int64_t width) {
  auto type = cast<RankedTensorType>(filter.getType());
  int64_t taps = type.getDimSize(0) * type.getDimSize(1);
  int64_t inC = type.getDimSize(2), outC = type.getDimSize(3);
  int64_t blocks = llvm::divideCeil(outC, width), size = bytes.elementBytes;
  // [block][kh][kw][c][width]; the last block's lanes past OC are zero.
  std::vector<char> data(blocks * taps * inC * width * size, 0);
  for (int64_t t = 0; t < taps; ++t)
    for (int64_t c = 0; c < inC; ++c)
      for (int64_t o = 0; o < outC; ++o) {
        int64_t from = (t * inC + c) * outC + o;
        int64_t to = ((o / width * taps + t) * inC + c) * width + o % width;
        std::memcpy(data.data() + to * size,
                    bytes.data.data() + (bytes.splat ? 0 : from * size), size);
      }
  auto packedType = RankedTensorType::get(
      {blocks, type.getDimSize(0), type.getDimSize(1), inC, width},
      type.getElementType());
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::getFromRawBuffer(packedType, data));
}
