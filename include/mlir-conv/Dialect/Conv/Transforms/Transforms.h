//===- Transforms.h - Rewrites of conv dialect ops --------------*- C++ -*-===//
//
// Part of mlir-conv. Library entry points of the conv dialect transforms.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_TRANSFORMS_TRANSFORMS_H
#define MLIR_CONV_DIALECT_CONV_TRANSFORMS_TRANSFORMS_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"

namespace mlir::conv {

class Conv2DOp;

/// Converts the float scalar or vector `value` to element type `elementType`
/// (arith.extf, arith.truncf, or nothing).
Value castFloatElements(OpBuilder &b, Location loc, Value value,
                        Type elementType);

/// Returns `value` transposed by `perm` (`result[d] = value[perm[d]]`) with a
/// `linalg.transpose`, or `value` itself when `perm` is the identity.
Value createTranspose(OpBuilder &b, Location loc, Value value,
                      ArrayRef<int64_t> perm);

/// Rewrites `op` into an NHWC/HWIO conv between transposes and returns the
/// new conv. Fails if `op` is NHWC/HWIO already.
FailureOr<Conv2DOp> normalizeConvLayout(RewriterBase &rewriter, Conv2DOp op);

/// Rewrites `op` into a conv with the same input layout and an HWIO filter
/// (a transpose of the filter) and returns it; `op` itself if its filter is
/// HWIO already. For kernels that read the input in its own layout.
FailureOr<Conv2DOp> normalizeConvFilterLayout(RewriterBase &rewriter,
                                              Conv2DOp op);

/// `op` itself if it is NHWC/HWIO, otherwise the conv `normalizeConvLayout`
/// replaced it with: what every lowering starts from.
FailureOr<Conv2DOp> getNormalizedConv(RewriterBase &rewriter, Conv2DOp op);

/// Adds the pattern that applies `normalizeConvLayout`.
void populateConvNormalizeLayoutPatterns(RewritePatternSet &patterns);

} // namespace mlir::conv

#endif // MLIR_CONV_DIALECT_CONV_TRANSFORMS_TRANSFORMS_H
