//===- ConvModule.h - A function of one conv.conv2d -------------*- C++ -*-===//
//
// Part of mlir-conv. Builds the module of a single conv from its geometry and
// element type (what the kernel cache and the Conv2d layer compile), and
// turns a weight argument into a constant for frozen weights.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_CONVMODULE_H
#define MLIR_CONV_RUNTIME_CONVMODULE_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace mlir::conv::runtime {

/// The MLIR element type of `dtype` (f16, bf16, f32, f64) in `context`.
Type getElementType(MLIRContext &context, DType dtype);

/// A module with `func.func @<funcName>(input, filter[, bias]) -> output`
/// whose body is one conv.conv2d with geometry `g` (static shapes).
OwningOpRef<ModuleOp> buildConvModule(MLIRContext &context,
                                      const ConvGeometry &g, DType dtype,
                                      llvm::StringRef funcName = "conv");

/// Makes argument `index` of `func` the constant `value` (a frozen model's
/// weights: the lowering then prepares it at compile time) and removes the
/// argument. Fails if `value`'s type differs from the argument's.
LogicalResult freezeArgument(func::FuncOp func, unsigned index,
                             const Tensor &value);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_CONVMODULE_H
