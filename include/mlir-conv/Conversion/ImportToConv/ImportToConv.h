//===- ImportToConv.h - Raise tosa and linalg convs to conv -----*- C++ -*-===//
//
// Part of mlir-conv. Library entry points of the import passes, which raise
// the convolutions of other dialects (tosa.conv2d, tosa.depthwise_conv2d and
// the linalg named 2-D convs) into conv.conv2d.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_IMPORTTOCONV_IMPORTTOCONV_H
#define MLIR_CONV_CONVERSION_IMPORTTOCONV_IMPORTTOCONV_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"

namespace mlir {
namespace linalg {
class LinalgOp;
} // namespace linalg
namespace conv {

/// Replaces `op`, a float tosa.conv2d or tosa.depthwise_conv2d with zero
/// zero points, by a conv.conv2d (NHWC input; OHWI filter, or the depthwise
/// HWCM filter reshaped to HWIO with groups = C). Returns the replacement.
FailureOr<Value> importTosaConv(RewriterBase &rewriter, Operation *op);

/// Emits an error on each tosa.conv2d / tosa.depthwise_conv2d under `root`
/// whose input or weight zero point is not zero (or not a constant): such a
/// conv cannot be expressed as conv.conv2d. Fails if there was one.
LogicalResult checkTosaZeroPoints(Operation *root);

/// Replaces `op`, a linalg.conv_2d_nhwc_hwcf, conv_2d_nchw_fchw,
/// conv_2d_nhwc_fhwc, depthwise_conv_2d_nhwc_hwc or depthwise_conv_2d_nhwc_hwcm
/// on float tensors of one element type, by a conv.conv2d. A zero
/// `tensor.pad` of the input's H and W becomes the conv's padding; the init
/// becomes its bias when it is a broadcast 1-D tensor, nothing when it is a
/// zero fill, and a `linalg.add` otherwise. Returns the replacement.
FailureOr<Value> importLinalgConv(RewriterBase &rewriter, linalg::LinalgOp op);

/// Adds the pattern that applies `importTosaConv` to `patterns`.
void populateTosaToConvPatterns(RewritePatternSet &patterns);
/// Adds the pattern that applies `importLinalgConv` to `patterns`.
void populateLinalgToConvPatterns(RewritePatternSet &patterns);

/// Adds the patterns of conv-sink-transposes: a TOSA elementwise op whose
/// operands are transposes by one permutation, vectors or constants works on
/// the untransposed values and its result is transposed instead.
void populateSinkTransposesPatterns(RewritePatternSet &patterns);

} // namespace conv
} // namespace mlir

#endif // MLIR_CONV_CONVERSION_IMPORTTOCONV_IMPORTTOCONV_H
