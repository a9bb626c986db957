//===- ConvGeometry.h - Shape arithmetic of conv2d --------------*- C++ -*-===//
//
// Part of mlir-conv. The one place that knows where each dimension sits in
// each layout and how the output extent follows from the attributes. Used by
// the verifier, the lowering, the reference implementation and the tools.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_CONVGEOMETRY_H
#define MLIR_CONV_DIALECT_CONV_IR_CONVGEOMETRY_H

#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace mlir::conv {

/// Positions of the N, C, H, W dimensions in a tensor of `layout`.
struct InputDims {
  unsigned n, c, h, w;
};
InputDims getInputDims(InputLayout layout);

/// Positions of the O, I, H, W dimensions in a filter of `layout`.
struct FilterDims {
  unsigned o, i, h, w;
};
FilterDims getFilterDims(FilterLayout layout);

/// The permutation `perm` such that `transpose(t, perm)` turns a tensor of
/// `layout` into NHWC (`result[d] = t[perm[d]]`).
std::array<int64_t, 4> getInputToNHWCPermutation(InputLayout layout);
/// The permutation that turns an NHWC tensor back into `layout`.
std::array<int64_t, 4> getNHWCToInputPermutation(InputLayout layout);
/// The permutation that turns a filter of `layout` into HWIO.
std::array<int64_t, 4> getFilterToHWIOPermutation(FilterLayout layout);

/// `floor((in + padLo + padHi - dilation * (kernel - 1) - 1) / stride) + 1`,
/// or nullopt if an intermediate overflows int64_t. May be < 1.
std::optional<int64_t> computeOutputExtent(int64_t in, int64_t padLo,
                                           int64_t padHi, int64_t dilation,
                                           int64_t kernel, int64_t stride);

/// The attributes of a conv2d as a framework layer takes them (Modular MAX
/// `nn.Conv2d`): padding as one value (all sides), two (pad_h, pad_w) or four
/// (top, bottom, left, right).
struct Conv2DAttrs {
  llvm::SmallVector<int64_t, 2> strides = {1, 1};
  llvm::SmallVector<int64_t, 2> dilations = {1, 1};
  llvm::SmallVector<int64_t, 4> padding = {0};
  int64_t groups = 1;
  InputLayout inputLayout = InputLayout::NHWC;
  FilterLayout filterLayout = FilterLayout::HWIO;
};

/// `padding` as [top, bottom, left, right]: p -> [p, p, p, p], (h, w) ->
/// [h, h, w, w]; other sizes are returned as given (the verifier reports
/// them).
llvm::SmallVector<int64_t, 4> expandPadding(llvm::ArrayRef<int64_t> padding);

/// Every parameter of one conv2d, in canonical (NCHW / OIHW) order. Dynamic
/// input extents are `ShapedType::kDynamic`.
struct ConvGeometry {
  int64_t batch = 1, inChannels = 1, inH = 1, inW = 1;
  int64_t outChannels = 1, kernelH = 1, kernelW = 1;
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int64_t padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
  int64_t groups = 1;
  bool hasBias = false;
  InputLayout inputLayout = InputLayout::NHWC;
  FilterLayout filterLayout = FilterLayout::HWIO;

  /// Builds the geometry from shapes given in `inputLayout`/`filterLayout`.
  static ConvGeometry
  fromShapes(llvm::ArrayRef<int64_t> inputShape,
             llvm::ArrayRef<int64_t> filterShape,
             llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> dilations,
             llvm::ArrayRef<int64_t> padding, int64_t groups, bool hasBias,
             InputLayout inputLayout, FilterLayout filterLayout);

  int64_t inChannelsPerGroup() const { return inChannels / groups; }
  int64_t outChannelsPerGroup() const { return outChannels / groups; }
  /// Output extents; kDynamic when the input extent is dynamic.
  int64_t outH() const;
  int64_t outW() const;

  /// Shapes in the geometry's own layouts.
  llvm::SmallVector<int64_t, 4> inputShape() const;
  llvm::SmallVector<int64_t, 4> filterShape() const;
  llvm::SmallVector<int64_t, 4> outputShape() const;

  /// 2 * N * OH * OW * OC * KH * KW * IC / groups (static shapes only).
  double flops() const;
  /// The number of products summed per output element.
  int64_t reductionSize() const {
    return inChannelsPerGroup() * kernelH * kernelW;
  }

  /// Field by field (all of them: ConvGeometry.cpp binds each by position).
  bool operator==(const ConvGeometry &other) const;
  bool operator!=(const ConvGeometry &other) const { return !(*this == other); }
};

llvm::hash_code hash_value(const ConvGeometry &geometry);

} // namespace mlir::conv

#endif // MLIR_CONV_DIALECT_CONV_IR_CONVGEOMETRY_H
