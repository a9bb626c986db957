//===- ConvOps.cpp - conv.conv2d verifier, inference and builders ---------===//
//
// Part of mlir-conv. Every rule a conv2d must satisfy lives in
// `checkConv2D`, which the verifier and result-type inference share.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::conv;

/// Formats `values` as `[a, b, c]`.
static std::string formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

/// Whether a tensor of `shape` (its static dims) and `elementType` has a
/// size in bytes that int64_t can hold, as the lowering's index arithmetic
/// and allocations need.
static bool fitsInt64Bytes(ArrayRef<int64_t> shape, Type elementType) {
  std::optional<int64_t> bytes = (elementType.getIntOrFloatBitWidth() + 7) / 8;
  for (int64_t d : shape)
    if (!ShapedType::isDynamic(d) && bytes)
      bytes = llvm::checkedMul(*bytes, d);
  return bytes.has_value();
}

/// Checks every rule of conv2d over the operand types and attributes, and
/// fills `geometry`. `emitError` yields the diagnostic to report to.
static LogicalResult
checkConv2D(function_ref<InFlightDiagnostic()> emitError,
            RankedTensorType inputType, RankedTensorType filterType,
            RankedTensorType biasType, ArrayRef<int64_t> strides,
            ArrayRef<int64_t> dilations, ArrayRef<int64_t> padding,
            int64_t groups, InputLayout inputLayout, FilterLayout filterLayout,
            ConvGeometry &geometry) {
  if (inputType.getRank() != 4)
    return emitError() << "expected input rank (" << inputType.getRank()
                       << ") to be 4";
  if (filterType.getRank() != 4)
    return emitError() << "expected filter rank (" << filterType.getRank()
                       << ") to be 4";
  if (strides.size() != 2)
    return emitError() << "strides must have 2 values [sh, sw], got "
                       << strides.size();
  if (dilations.size() != 2)
    return emitError() << "dilations must have 2 values [dh, dw], got "
                       << dilations.size();
  if (padding.size() != 4)
    return emitError()
           << "padding must have 4 values [top, bottom, left, right], got "
           << padding.size();
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return emitError() << "strides must be >= 1, got " << formatList(strides);
  if (llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return emitError() << "dilations must be >= 1, got "
                       << formatList(dilations);
  if (llvm::any_of(padding, [](int64_t p) { return p < 0; }))
    return emitError() << "padding must be >= 0, got " << formatList(padding);
  if (groups < 1)
    return emitError() << "groups (" << groups << ") must be >= 1";

  Type elementType = inputType.getElementType();
  if (filterType.getElementType() != elementType)
    return emitError() << "filter element type (" << filterType.getElementType()
                       << ") must match input element type (" << elementType
                       << ")";
  if (biasType && biasType.getElementType() != elementType)
    return emitError() << "bias element type (" << biasType.getElementType()
                       << ") must match input element type (" << elementType
                       << ")";

  if (!filterType.hasStaticShape())
    return emitError() << "filter shape must be static, got " << filterType;
  InputDims in = getInputDims(inputLayout);
  if (inputType.isDynamicDim(in.c))
    return emitError() << "input channels must be static, got " << inputType;

  geometry = ConvGeometry::fromShapes(
      inputType.getShape(), filterType.getShape(), strides, dilations, padding,
      groups, static_cast<bool>(biasType), inputLayout, filterLayout);
  const ConvGeometry &g = geometry;
  int64_t filterIn = filterType.getDimSize(getFilterDims(filterLayout).i);

  if (g.inChannels < 1)
    return emitError() << "input channels (" << g.inChannels
                       << ") must be >= 1";
  if (g.outChannels < 1)
    return emitError() << "output channels (" << g.outChannels
                       << ") must be >= 1";
  if (g.kernelH < 1 || g.kernelW < 1)
    return emitError() << "kernel size (" << g.kernelH << "x" << g.kernelW
                       << ") must be at least 1x1";
  if (g.inChannels % groups != 0)
    return emitError() << "input channels (" << g.inChannels
                       << ") must be divisible by groups (" << groups << ")";
  if (g.outChannels % groups != 0)
    return emitError() << "output channels (" << g.outChannels
                       << ") must be divisible by groups (" << groups << ")";
  if (filterIn != g.inChannels / groups)
    return emitError() << "filter input channels (" << filterIn
                       << ") must equal input channels / groups ("
                       << g.inChannels << " / " << groups << " = "
                       << g.inChannels / groups << ")";
  if (biasType &&
      (biasType.getRank() != 1 || biasType.getDimSize(0) != g.outChannels))
    return emitError() << "bias shape (" << biasType
                       << ") must be [output channels] = [" << g.outChannels
                       << "]";

  // Operands too large to address (their products would wrap).
  for (auto [name, type] :
       {std::pair<StringRef, RankedTensorType>{"input", inputType},
        {"filter", filterType}})
    if (!fitsInt64Bytes(type.getShape(), elementType))
      return emitError() << name << " type (" << type
                         << ") is too large: its size in bytes overflows "
                            "int64";

  // Output extents, with the formula's numbers on failure.
  auto checkExtent = [&](StringRef name, int64_t size, int64_t lo, int64_t hi,
                         int64_t dil, int64_t k,
                         int64_t stride) -> LogicalResult {
    // With a dynamic size, the constant part of the formula must still fit.
    bool dynamic = ShapedType::isDynamic(size);
    std::optional<int64_t> extent =
        computeOutputExtent(dynamic ? 0 : size, lo, hi, dil, k, stride);
    if (!extent)
      return emitError() << "output " << name << " overflows int64: floor(("
                         << (dynamic ? std::string("?") : std::to_string(size))
                         << " + " << lo << " + " << hi << " - " << dil << " * ("
                         << k << " - 1) - 1) / " << stride << ") + 1";
    if (dynamic)
      return success();
    if (*extent < 1)
      return emitError() << "output " << name << " (" << *extent
                         << ") must be >= 1: floor((" << size << " + " << lo
                         << " + " << hi << " - " << dil << " * (" << k
                         << " - 1) - 1) / " << stride << ") + 1 = " << *extent;
    return success();
  };
  if (failed(checkExtent("height", g.inH, g.padTop, g.padBottom, g.dilationH,
                         g.kernelH, g.strideH)) ||
      failed(checkExtent("width", g.inW, g.padLeft, g.padRight, g.dilationW,
                         g.kernelW, g.strideW)))
    return failure();
  if (!fitsInt64Bytes(g.outputShape(), elementType))
    return emitError() << "result type ("
                       << RankedTensorType::get(g.outputShape(), elementType)
                       << ") is too large: its size in bytes overflows int64";
  return success();
}

/// The result type a conv2d with geometry `g` and `elementType` has.
static RankedTensorType inferResultType(const ConvGeometry &g,
                                        Type elementType) {
  return RankedTensorType::get(g.outputShape(), elementType);
}

Type mlir::conv::getAccumulatorType(Type elementType) {
  if (elementType.isF64())
    return elementType;
  return Float32Type::get(elementType.getContext());
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

ConvGeometry Conv2DOp::getGeometry() {
  return ConvGeometry::fromShapes(
      getInput().getType().getShape(), getFilter().getType().getShape(),
      getStrides(), getDilations(), getPadding(), getGroups(),
      static_cast<bool>(getBias()), getInputLayout(), getFilterLayout());
}

LogicalResult Conv2DOp::verify() {
  auto biasType =
      getBias() ? cast<RankedTensorType>(getBias().getType()) : nullptr;
  ConvGeometry g;
  if (failed(checkConv2D([&] { return emitOpError(); }, getInput().getType(),
                         getFilter().getType(), biasType, getStrides(),
                         getDilations(), getPadding(), getGroups(),
                         getInputLayout(), getFilterLayout(), g)))
    return failure();
  RankedTensorType inferred =
      inferResultType(g, getInput().getType().getElementType());
  RankedTensorType declared = getResult().getType();
  if (failed(verifyCompatibleShape(inferred, declared)) ||
      inferred.getElementType() != declared.getElementType())
    return emitOpError() << "result type (" << declared
                         << ") does not match the inferred type (" << inferred
                         << ")";
  return success();
}

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *context,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto inputType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  auto filterType = dyn_cast<RankedTensorType>(adaptor.getFilter().getType());
  RankedTensorType biasType =
      adaptor.getBias()
          ? dyn_cast<RankedTensorType>(adaptor.getBias().getType())
          : nullptr;
  if (!inputType || !filterType || (adaptor.getBias() && !biasType))
    return emitOptionalError(location,
                             "'conv.conv2d' op expects ranked tensor operands");
  auto emitError = [&]() -> InFlightDiagnostic {
    if (!location)
      return InFlightDiagnostic();
    return mlir::emitError(*location) << "'conv.conv2d' op ";
  };
  ConvGeometry g;
  if (failed(checkConv2D(
          emitError, inputType, filterType, biasType, adaptor.getStrides(),
          adaptor.getDilations(), adaptor.getPadding(), adaptor.getGroups(),
          adaptor.getInputLayout(), adaptor.getFilterLayout(), g)))
    return failure();
  types.push_back(inferResultType(g, inputType.getElementType()));
  return success();
}

bool Conv2DOp::isCompatibleReturnTypes(TypeRange inferred, TypeRange actual) {
  if (inferred.size() != actual.size())
    return false;
  for (auto [l, r] : llvm::zip(inferred, actual)) {
    auto lt = dyn_cast<ShapedType>(l), rt = dyn_cast<ShapedType>(r);
    if (!lt || !rt || lt.getElementType() != rt.getElementType() ||
        failed(verifyCompatibleShape(lt, rt)))
      return false;
  }
  return true;
}

LogicalResult
Conv2DOp::reifyResultShapes(OpBuilder &builder,
                            ReifiedRankedShapedTypeDims &reifiedShapes) {
  ConvGeometry g = getGeometry();
  Location loc = getLoc();
  InputDims d = getInputDims(getInputLayout());
  Value input = getInput();
  RankedTensorType resultType = getResult().getType();
  SmallVector<OpFoldResult> shape(4);
  // out = (in + lo + hi - dil * (k - 1) - 1) floordiv stride + 1.
  auto extent = [&](unsigned dim, int64_t lo, int64_t hi, int64_t dil,
                    int64_t k, int64_t stride) -> OpFoldResult {
    if (!resultType.isDynamicDim(dim))
      return builder.getIndexAttr(resultType.getDimSize(dim));
    AffineExpr s0 = builder.getAffineSymbolExpr(0);
    AffineExpr expr = (s0 + (lo + hi - dil * (k - 1) - 1)).floorDiv(stride) + 1;
    OpFoldResult size = tensor::getMixedSize(builder, loc, input, dim);
    return affine::makeComposedFoldedAffineApply(
        builder, loc, AffineMap::get(0, 1, expr), {size});
  };
  shape[d.n] = tensor::getMixedSize(builder, loc, input, d.n);
  shape[d.c] = builder.getIndexAttr(g.outChannels);
  shape[d.h] =
      extent(d.h, g.padTop, g.padBottom, g.dilationH, g.kernelH, g.strideH);
  shape[d.w] =
      extent(d.w, g.padLeft, g.padRight, g.dilationW, g.kernelW, g.strideW);
  reifiedShapes.push_back(std::move(shape));
  return success();
}

void Conv2DOp::build(OpBuilder &builder, OperationState &state, Value input,
                     Value filter, Value bias, const Conv2DAttrs &attrs) {
  state.addOperands({input, filter});
  if (bias)
    state.addOperands(bias);
  Properties &props = state.getOrAddProperties<Properties>();
  props.setStrides(builder.getDenseI64ArrayAttr(attrs.strides));
  props.setDilations(builder.getDenseI64ArrayAttr(attrs.dilations));
  props.setPadding(builder.getDenseI64ArrayAttr(expandPadding(attrs.padding)));
  props.setGroups(builder.getI64IntegerAttr(attrs.groups));
  props.setInputLayout(
      InputLayoutAttr::get(builder.getContext(), attrs.inputLayout));
  props.setFilterLayout(
      FilterLayoutAttr::get(builder.getContext(), attrs.filterLayout));
  SmallVector<Type, 1> resultTypes;
  if (succeeded(inferReturnTypes(
          builder.getContext(), state.location, state.operands,
          state.attributes.getDictionary(builder.getContext()),
          state.getRawProperties(), state.regions, resultTypes)))
    state.addTypes(resultTypes);
}

#define GET_OP_CLASSES
#include "mlir-conv/Dialect/Conv/IR/ConvOps.cpp.inc"
