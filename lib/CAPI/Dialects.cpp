//===- Dialects.cpp - C API of the conv dialect ---------------------------===//
//
// Part of mlir-conv. See mlir-conv-c/Dialects.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv-c/Dialects.h"
#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"
#include "mlir-conv/InitAll.h"

#include "mlir/CAPI/Registration.h"

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Conv, conv, mlir::conv::ConvDialect)

void mlirConvRegisterAllDialects(MlirDialectRegistry registry) {
  mlir::conv::registerAllDialects(*unwrap(registry));
}

void mlirConvRegisterAllPasses(void) { mlir::conv::registerAllPasses(); }
