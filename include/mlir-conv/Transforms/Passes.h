//===- Passes.h - General passes of mlir-conv -------------------*- C++ -*-===//
//
// Part of mlir-conv. Declarations and registration of non-conversion passes.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TRANSFORMS_PASSES_H
#define MLIR_CONV_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::conv {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "mlir-conv/Transforms/Passes.h.inc"

} // namespace mlir::conv

#endif // MLIR_CONV_TRANSFORMS_PASSES_H
