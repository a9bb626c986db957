//===- ConvToLinalg.h - Lower conv.conv2d to linalg -------------*- C++ -*-===//
//
// Part of mlir-conv. Library entry points of the conv-to-linalg lowering.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_CONVTOLINALG_CONVTOLINALG_H
#define MLIR_CONV_CONVERSION_CONVTOLINALG_CONVTOLINALG_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"

namespace mlir::conv {

class Conv2DOp;

/// Lowers `op` to linalg on tensors (see `convert-conv-to-linalg`) and
/// replaces it. Returns the value that replaced the op's result.
FailureOr<Value> lowerConv2DToLinalg(RewriterBase &rewriter, Conv2DOp op);

/// Adds the pattern that applies `lowerConv2DToLinalg` to `patterns`.
void populateConvToLinalgPatterns(RewritePatternSet &patterns);

} // namespace mlir::conv

#endif // MLIR_CONV_CONVERSION_CONVTOLINALG_CONVTOLINALG_H
