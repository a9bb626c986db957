//===- ImportUtils.h - Helpers shared by the import patterns ----*- C++ -*-===//
//
// Part of mlir-conv. Building conv.conv2d from another dialect's conv:
// element types, depthwise filters and the checked op creation.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_LIB_CONVERSION_IMPORTTOCONV_IMPORTUTILS_H
#define MLIR_CONV_LIB_CONVERSION_IMPORTTOCONV_IMPORTUTILS_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::conv::importutils {

/// Whether `type` is an element type conv.conv2d supports (f16, bf16, f32,
/// f64).
bool isSupportedElementType(Type type);

/// Reshapes a depthwise filter, [KH, KW, C] (HWC) or [KH, KW, C, M] (HWCM),
/// to the HWIO filter [KH, KW, 1, C * M] of a conv with C groups (output
/// channel c * M + m, the same order). Fails for dynamic shapes.
FailureOr<Value> reshapeDepthwiseFilter(OpBuilder &builder, Location loc,
                                        Value filter);

/// Creates a conv.conv2d and casts its result to `resultType` if that only
/// differs in static information. Fails, creating nothing, when the operands
/// and attributes do not make a valid conv or the types do not agree.
FailureOr<Value> createConv(RewriterBase &rewriter, Location loc, Value input,
                            Value filter, Value bias, const Conv2DAttrs &attrs,
                            Type resultType);

} // namespace mlir::conv::importutils

#endif // MLIR_CONV_LIB_CONVERSION_IMPORTTOCONV_IMPORTUTILS_H
