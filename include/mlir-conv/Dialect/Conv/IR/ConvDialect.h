//===- ConvDialect.h - The conv dialect -------------------------*- C++ -*-===//
//
// Part of mlir-conv. Declares the `conv` dialect and its enum attributes.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_CONVDIALECT_H
#define MLIR_CONV_DIALECT_CONV_IR_CONVDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "mlir-conv/Dialect/Conv/IR/ConvOpsDialect.h.inc"

#include "mlir-conv/Dialect/Conv/IR/ConvEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mlir-conv/Dialect/Conv/IR/ConvAttrs.h.inc"

#endif // MLIR_CONV_DIALECT_CONV_IR_CONVDIALECT_H
