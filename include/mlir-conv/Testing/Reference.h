//===- Reference.h - Float64 reference conv2d and comparison ----*- C++ -*-===//
//
// Part of mlir-conv. A plain loop-nest conv2d in double precision that shares
// nothing with the MLIR lowering except the geometry, and the allclose-style
// comparison used to check compiled results against it.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TESTING_REFERENCE_H
#define MLIR_CONV_TESTING_REFERENCE_H

#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <string>

namespace mlir::conv {
struct ConvGeometry;
} // namespace mlir::conv

namespace mlir::conv::testing {

/// Computes conv2d in double precision:
///   out[n, oc, oh, ow] = bias[oc] + sum_{ic, kh, kw}
///       X[n, g * ICg + ic, oh * sh - padTop + kh * dh,
///                          ow * sw - padLeft + kw * dw] * W[oc, ic, kh, kw]
/// with g = oc / (OC / groups), ICg = IC / groups and X zero outside the
/// input, written here in NCHW/OIHW order but read and written in the layouts
/// of `geometry`. `input` and `filter` (and `bias`, shape [OC], when not null)
/// may have any dtype; their shapes must equal `geometry.inputShape()` and
/// `geometry.filterShape()`, the geometry must be static and valid (fatal
/// error otherwise). Returns an F64 tensor of shape `geometry.outputShape()`.
runtime::Tensor referenceConv2D(const ConvGeometry &geometry,
                                const runtime::Tensor &input,
                                const runtime::Tensor &filter,
                                const runtime::Tensor *bias);

/// The result of comparing two tensors element by element.
struct Comparison {
  /// Elements with !(|a - e| <= atol + rtol * |e|); -1 if the element counts
  /// differ.
  int64_t numMismatches = 0;
  /// The element with the largest |a - e| / (atol + rtol * |e|) (the first
  /// one on ties; mismatching NaNs and infinities rank highest); -1 if none.
  int64_t worstIndex = -1;
  /// |a - e| at `worstIndex` (infinity when either side is NaN).
  double worstAbsError = 0;
  /// atol + rtol * |e| at `worstIndex`.
  double worstAllowed = 0;
  /// The largest |a - e| over all elements (infinity if any NaN mismatches).
  double maxAbsError = 0;
  /// The values at `worstIndex`.
  double actualAtWorst = 0, expectedAtWorst = 0;

  /// True when every element is close.
  bool passed() const { return numMismatches == 0; }
};

/// Compares `actual` against `expected` with numpy.allclose's rule
/// |a - e| <= atol + rtol * |e|, in double. Equal values (including equal
/// infinities) always match; NaN matches only NaN. Shapes are the caller's
/// business: only the element counts are checked.
Comparison compareTensors(const runtime::Tensor &actual,
                          const runtime::Tensor &expected, double rtol,
                          double atol);

/// The multi-index of row-major `linearIndex` in `shape`, as "[0, 3, 1, 2]".
std::string formatIndex(llvm::ArrayRef<int64_t> shape, int64_t linearIndex);

} // namespace mlir::conv::testing

#endif // MLIR_CONV_TESTING_REFERENCE_H
