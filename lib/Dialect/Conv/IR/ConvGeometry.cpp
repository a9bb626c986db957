//===- ConvGeometry.cpp - Shape arithmetic of conv2d ----------------------===//
//
// Part of mlir-conv. Layout dimension positions and output extents.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

#include <tuple>

using namespace mlir;
using namespace mlir::conv;

/// Every field of `g`, in declaration order. The structured binding names
/// exactly as many fields as the struct has: a new field that is not added
/// here is a compile error, so equality and the hash cannot miss it.
static auto fields(const ConvGeometry &g) {
  const auto &[batch, inChannels, inH, inW, outChannels, kernelH, kernelW,
               strideH, strideW, dilationH, dilationW, padTop, padBottom,
               padLeft, padRight, groups, hasBias, inputLayout, filterLayout] =
      g;
  return std::tie(batch, inChannels, inH, inW, outChannels, kernelH, kernelW,
                  strideH, strideW, dilationH, dilationW, padTop, padBottom,
                  padLeft, padRight, groups, hasBias, inputLayout,
                  filterLayout);
}

bool ConvGeometry::operator==(const ConvGeometry &other) const {
  return fields(*this) == fields(other);
}

llvm::hash_code mlir::conv::hash_value(const ConvGeometry &geometry) {
  return std::apply(
      [](const auto &...field) { return llvm::hash_combine(field...); },
      fields(geometry));
}

InputDims mlir::conv::getInputDims(InputLayout layout) {
  switch (layout) {
  case InputLayout::NHWC:
    return {0, 3, 1, 2};
  case InputLayout::NCHW:
    return {0, 1, 2, 3};
  }
  llvm_unreachable("unknown input layout");
}

FilterDims mlir::conv::getFilterDims(FilterLayout layout) {
  switch (layout) {
  case FilterLayout::HWIO:
    return {3, 2, 0, 1};
  case FilterLayout::OIHW:
    return {0, 1, 2, 3};
  case FilterLayout::OHWI:
    return {0, 3, 1, 2};
  }
  llvm_unreachable("unknown filter layout");
}

std::array<int64_t, 4> mlir::conv::getInputToNHWCPermutation(InputLayout l) {
  InputDims d = getInputDims(l);
  return {d.n, d.h, d.w, d.c};
}

std::array<int64_t, 4> mlir::conv::getNHWCToInputPermutation(InputLayout l) {
  std::array<int64_t, 4> toNHWC = getInputToNHWCPermutation(l);
  std::array<int64_t, 4> inverse{};
  for (int64_t i = 0; i < 4; ++i)
    inverse[toNHWC[i]] = i;
  return inverse;
}

std::array<int64_t, 4> mlir::conv::getFilterToHWIOPermutation(FilterLayout l) {
  FilterDims d = getFilterDims(l);
  return {d.h, d.w, d.i, d.o};
}

std::optional<int64_t>
mlir::conv::computeOutputExtent(int64_t in, int64_t padLo, int64_t padHi,
                                int64_t dilation, int64_t kernel,
                                int64_t stride) {
  std::optional<int64_t> padded = llvm::checkedAdd(in, padLo);
  if (padded)
    padded = llvm::checkedAdd(*padded, padHi);
  std::optional<int64_t> span = llvm::checkedMul(dilation, kernel - 1);
  if (!padded || !span || stride <= 0)
    return std::nullopt;
  std::optional<int64_t> numer = llvm::checkedSub(*padded, *span);
  if (numer)
    numer = llvm::checkedSub(*numer, int64_t(1));
  if (!numer)
    return std::nullopt;
  return llvm::divideFloorSigned(*numer, stride) + 1;
}

SmallVector<int64_t, 4> mlir::conv::expandPadding(ArrayRef<int64_t> padding) {
  switch (padding.size()) {
  case 0:
    return {0, 0, 0, 0};
  case 1:
    return {padding[0], padding[0], padding[0], padding[0]};
  case 2:
    return {padding[0], padding[0], padding[1], padding[1]};
  default:
    return SmallVector<int64_t, 4>(padding);
  }
}

ConvGeometry ConvGeometry::fromShapes(ArrayRef<int64_t> inputShape,
                                      ArrayRef<int64_t> filterShape,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations,
                                      ArrayRef<int64_t> padding, int64_t groups,
                                      bool hasBias, InputLayout inputLayout,
                                      FilterLayout filterLayout) {
  ConvGeometry g;
  InputDims in = getInputDims(inputLayout);
  FilterDims f = getFilterDims(filterLayout);
  g.batch = inputShape[in.n];
  g.inChannels = inputShape[in.c];
  g.inH = inputShape[in.h];
  g.inW = inputShape[in.w];
  g.outChannels = filterShape[f.o];
  g.kernelH = filterShape[f.h];
  g.kernelW = filterShape[f.w];
  g.strideH = strides[0];
  g.strideW = strides[1];
  g.dilationH = dilations[0];
  g.dilationW = dilations[1];
  g.padTop = padding[0];
  g.padBottom = padding[1];
  g.padLeft = padding[2];
  g.padRight = padding[3];
  g.groups = groups;
  g.hasBias = hasBias;
  g.inputLayout = inputLayout;
  g.filterLayout = filterLayout;
  return g;
}

int64_t ConvGeometry::outH() const {
  if (ShapedType::isDynamic(inH))
    return ShapedType::kDynamic;
  return computeOutputExtent(inH, padTop, padBottom, dilationH, kernelH,
                             strideH)
      .value_or(0);
}

int64_t ConvGeometry::outW() const {
  if (ShapedType::isDynamic(inW))
    return ShapedType::kDynamic;
  return computeOutputExtent(inW, padLeft, padRight, dilationW, kernelW,
                             strideW)
      .value_or(0);
}

SmallVector<int64_t, 4> ConvGeometry::inputShape() const {
  SmallVector<int64_t, 4> shape(4);
  InputDims d = getInputDims(inputLayout);
  shape[d.n] = batch;
  shape[d.c] = inChannels;
  shape[d.h] = inH;
  shape[d.w] = inW;
  return shape;
}

SmallVector<int64_t, 4> ConvGeometry::filterShape() const {
  SmallVector<int64_t, 4> shape(4);
  FilterDims d = getFilterDims(filterLayout);
  shape[d.o] = outChannels;
  shape[d.i] = groups > 0 ? inChannels / groups : 0;
  shape[d.h] = kernelH;
  shape[d.w] = kernelW;
  return shape;
}

SmallVector<int64_t, 4> ConvGeometry::outputShape() const {
  SmallVector<int64_t, 4> shape(4);
  InputDims d = getInputDims(inputLayout);
  shape[d.n] = batch;
  shape[d.c] = outChannels;
  shape[d.h] = outH();
  shape[d.w] = outW();
  return shape;
}

double ConvGeometry::flops() const {
  return 2.0 * double(batch) * double(outH()) * double(outW()) *
         double(outChannels) * double(kernelH) * double(kernelW) *
         double(inChannelsPerGroup());
}
