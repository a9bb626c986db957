//===- ConvDialect.cpp - The conv dialect ---------------------------------===//
//
// Part of mlir-conv. Registers the dialect's ops and attributes.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::conv;

#include "mlir-conv/Dialect/Conv/IR/ConvEnums.cpp.inc"
#include "mlir-conv/Dialect/Conv/IR/ConvOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mlir-conv/Dialect/Conv/IR/ConvAttrs.cpp.inc"

void ConvDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mlir-conv/Dialect/Conv/IR/ConvOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mlir-conv/Dialect/Conv/IR/ConvAttrs.cpp.inc"
      >();
}
