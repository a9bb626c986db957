//===- Passes.h - Transforms of the conv dialect ----------------*- C++ -*-===//
//
// Part of mlir-conv. Declarations and registration of conv dialect passes.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_TRANSFORMS_PASSES_H
#define MLIR_CONV_DIALECT_CONV_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::conv {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "mlir-conv/Dialect/Conv/Transforms/Passes.h.inc"

} // namespace mlir::conv

#endif // MLIR_CONV_DIALECT_CONV_TRANSFORMS_PASSES_H
