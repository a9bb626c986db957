/*===- Dialects.h - C API of the conv dialect ---------------------*- C -*-===*\
|*                                                                            *|
|* Part of mlir-conv. Registration of the conv dialect (MLIR C API style),    *|
|* plus everything its lowering uses and our passes and pipelines.            *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef MLIR_CONV_C_DIALECTS_H
#define MLIR_CONV_C_DIALECTS_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/// `mlirGetDialectHandle__conv__()`: the conv dialect alone.
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Conv, conv);

/// Adds the conv dialect, the upstream dialects its lowering produces and
/// their interfaces to `registry` (what conv-opt parses).
MLIR_CAPI_EXPORTED void
mlirConvRegisterAllDialects(MlirDialectRegistry registry);

/// Registers our passes and the conv-to-llvm pipeline with the global pass
/// registry, so that `mlirParsePassPipeline` knows them.
MLIR_CAPI_EXPORTED void mlirConvRegisterAllPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* MLIR_CONV_C_DIALECTS_H */
