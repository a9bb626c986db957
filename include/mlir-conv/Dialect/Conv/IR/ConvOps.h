//===- ConvOps.h - Operations of the conv dialect ---------------*- C++ -*-===//
//
// Part of mlir-conv. Declares `conv.conv2d`.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_CONVOPS_H
#define MLIR_CONV_DIALECT_CONV_IR_CONVOPS_H

#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"
#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h.inc"

namespace mlir::conv {
/// The type a conv of `elementType` accumulates in: f64 for f64, f32 for
/// f16, bf16 and f32 (they round once at the end).
Type getAccumulatorType(Type elementType);
} // namespace mlir::conv

#endif // MLIR_CONV_DIALECT_CONV_IR_CONVOPS_H
