/*===- Runtime.h - C API of the conv JIT runtime ------------------*- C -*-===*\
|*                                                                            *|
|* Part of mlir-conv. Opaque handles over runtime::Tensor and                 *|
|* runtime::Executable: make host tensors, compile a function of a module     *|
|* once, invoke it many times (from any thread), free everything.             *|
|* Failures return a null handle or a failed MlirLogicalResult and pass one   *|
|* message to the `onError` callback (which may be NULL).                     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef MLIR_CONV_C_RUNTIME_H
#define MLIR_CONV_C_RUNTIME_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DEFINE_C_API_STRUCT(name, storage)                                     \
  struct name {                                                                \
    storage *ptr;                                                              \
  };                                                                           \
  typedef struct name name

/// An owning, contiguous, row-major host tensor.
DEFINE_C_API_STRUCT(MlirConvTensor, void);
/// A compiled function.
DEFINE_C_API_STRUCT(MlirConvExecutable, void);

#undef DEFINE_C_API_STRUCT

/// Element types of tensors (f16 and bf16 are stored as uint16_t bits).
typedef enum MlirConvDType {
  MlirConvDTypeF16 = 0,
  MlirConvDTypeBF16 = 1,
  MlirConvDTypeF32 = 2,
  MlirConvDTypeF64 = 3,
} MlirConvDType;

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// A zero-filled tensor; null for a negative extent or when memory runs out.
MLIR_CAPI_EXPORTED MlirConvTensor mlirConvTensorCreate(MlirConvDType dtype,
                                                       intptr_t rank,
                                                       const int64_t *shape);
/// Frees a tensor (a null one is ignored).
MLIR_CAPI_EXPORTED void mlirConvTensorDestroy(MlirConvTensor tensor);
/// Whether `tensor` is null (a failed creation).
static inline bool mlirConvTensorIsNull(MlirConvTensor tensor) {
  return !tensor.ptr;
}
/// The element type.
MLIR_CAPI_EXPORTED MlirConvDType mlirConvTensorGetDType(MlirConvTensor tensor);
/// The number of dimensions.
MLIR_CAPI_EXPORTED intptr_t mlirConvTensorGetRank(MlirConvTensor tensor);
/// The extent of dimension `pos` (0 <= pos < rank).
MLIR_CAPI_EXPORTED int64_t mlirConvTensorGetDimSize(MlirConvTensor tensor,
                                                    intptr_t pos);
/// The number of elements (1 for rank 0).
MLIR_CAPI_EXPORTED int64_t mlirConvTensorGetNumElements(MlirConvTensor tensor);
/// The raw, 64-byte aligned buffer.
MLIR_CAPI_EXPORTED void *mlirConvTensorGetData(MlirConvTensor tensor);
/// The element at row-major `index`, widened exactly to double.
MLIR_CAPI_EXPORTED double mlirConvTensorGetElement(MlirConvTensor tensor,
                                                   int64_t index);
/// Stores `value` at row-major `index`, rounded once to the element type.
MLIR_CAPI_EXPORTED void mlirConvTensorSetElement(MlirConvTensor tensor,
                                                 int64_t index, double value);

//===----------------------------------------------------------------------===//
// Executables
//===----------------------------------------------------------------------===//

/// How convs are lowered (mlir::conv::ConvStrategy).
typedef enum MlirConvStrategy {
  /// Register-blocked vector loops where a plan exists, linalg for the rest.
  MlirConvStrategyDirect = 0,
  /// linalg named ops and loops only.
  MlirConvStrategyLinalg = 1,
} MlirConvStrategy;

/// When dense 3x3 stride-1 f32 convs use Winograd F(2x2, 3x3)
/// (mlir::conv::WinogradPolicy).
typedef enum MlirConvWinogradPolicy {
  /// Where it applies and pays.
  MlirConvWinogradAuto = 0,
  MlirConvWinogradNever = 1,
  /// Wherever it applies.
  MlirConvWinogradAlways = 2,
} MlirConvWinogradPolicy;

/// How to compile (runtime::CompileOptions, whose checks apply).
typedef struct MlirConvCompileOptions {
  /// 'host' = the CPU MLIR_CONV_HOST_CPU names, or this machine's.
  /// Features 'host' are the CPU's own; otherwise +name/-name changes.
  MlirStringRef targetCPU;
  MlirStringRef targetFeatures;
  MlirConvStrategy strategy;
  MlirConvWinogradPolicy winograd;
  /// LLVM optimization level (0-3).
  unsigned optLevel;
  /// Threads one call uses.
  unsigned threads;
  /// Exact strategies only (no Winograd): a non-finite input reaches only
  /// the outputs whose window reads it.
  bool exact;
} MlirConvCompileOptions;

/// The defaults: host CPU and features, O3, direct strategy, Winograd where
/// it pays, one thread, not exact.
MLIR_CAPI_EXPORTED MlirConvCompileOptions
mlirConvCompileOptionsGetDefault(void);

/// Compiles function `funcName` of `module` (not modified) with the
/// conv-to-llvm pipeline. `options` may be NULL (the defaults). Every
/// argument and result must be a ranked tensor of f16, bf16, f32 or f64.
MLIR_CAPI_EXPORTED MlirConvExecutable
mlirConvExecutableCompile(MlirModule module, MlirStringRef funcName,
                          const MlirConvCompileOptions *options,
                          MlirStringCallback onError, void *userData);
/// Frees an executable (a null one is ignored).
MLIR_CAPI_EXPORTED void mlirConvExecutableDestroy(MlirConvExecutable exe);
/// Whether `exe` is null (a failed compilation).
static inline bool mlirConvExecutableIsNull(MlirConvExecutable exe) {
  return !exe.ptr;
}
/// The number of arguments (inputs) of the compiled function.
MLIR_CAPI_EXPORTED intptr_t
mlirConvExecutableGetNumArguments(MlirConvExecutable exe);
/// The number of results of the compiled function.
MLIR_CAPI_EXPORTED intptr_t
mlirConvExecutableGetNumResults(MlirConvExecutable exe);

/// Runs the function on `inputs` (checked against its argument types) and
/// stores one new tensor per result in `results[0..numResults)`, which the
/// caller frees. Thread-safe.
MLIR_CAPI_EXPORTED MlirLogicalResult mlirConvExecutableInvoke(
    MlirConvExecutable exe, intptr_t numInputs, const MlirConvTensor *inputs,
    intptr_t numResults, MlirConvTensor *results, MlirStringCallback onError,
    void *userData);

/// Like `mlirConvExecutableInvoke`, but writes into existing `outputs` of
/// the result types (no allocation per call). Thread-safe for distinct
/// outputs.
MLIR_CAPI_EXPORTED MlirLogicalResult mlirConvExecutableInvokeInto(
    MlirConvExecutable exe, intptr_t numInputs, const MlirConvTensor *inputs,
    intptr_t numOutputs, const MlirConvTensor *outputs,
    MlirStringCallback onError, void *userData);

#ifdef __cplusplus
}
#endif

#endif /* MLIR_CONV_C_RUNTIME_H */
