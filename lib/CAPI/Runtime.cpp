//===- Runtime.cpp - C API of the conv JIT runtime ------------------------===//
//
// Part of mlir-conv. See mlir-conv-c/Runtime.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv-c/Runtime.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

static Tensor *unwrap(MlirConvTensor tensor) {
  return static_cast<Tensor *>(tensor.ptr);
}
static MlirConvTensor wrap(Tensor *tensor) { return {tensor}; }
static Executable *unwrap(MlirConvExecutable exe) {
  return static_cast<Executable *>(exe.ptr);
}

/// Passes `message` to `onError`, if any.
static void report(MlirStringCallback onError, void *userData,
                   llvm::StringRef message) {
  if (onError)
    onError(wrap(message), userData);
}

/// Reports `err` and returns failure.
static MlirLogicalResult fail(MlirStringCallback onError, void *userData,
                              llvm::Error err) {
  report(onError, userData, llvm::toString(std::move(err)));
  return mlirLogicalResultFailure();
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

MlirConvTensor mlirConvTensorCreate(MlirConvDType dtype, intptr_t rank,
                                    const int64_t *shape) {
  if (dtype < MlirConvDTypeF16 || dtype > MlirConvDTypeF64 || rank < 0)
    return {nullptr};
  auto tensor = Tensor::create(static_cast<DType>(dtype),
                               llvm::ArrayRef<int64_t>(shape, rank));
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return {nullptr};
  }
  return wrap(new Tensor(std::move(*tensor)));
}

void mlirConvTensorDestroy(MlirConvTensor tensor) { delete unwrap(tensor); }

MlirConvDType mlirConvTensorGetDType(MlirConvTensor tensor) {
  return static_cast<MlirConvDType>(unwrap(tensor)->dtype());
}

intptr_t mlirConvTensorGetRank(MlirConvTensor tensor) {
  return unwrap(tensor)->rank();
}

int64_t mlirConvTensorGetDimSize(MlirConvTensor tensor, intptr_t pos) {
  return unwrap(tensor)->shape()[pos];
}

int64_t mlirConvTensorGetNumElements(MlirConvTensor tensor) {
  return unwrap(tensor)->numElements();
}

void *mlirConvTensorGetData(MlirConvTensor tensor) {
  return unwrap(tensor)->data();
}

double mlirConvTensorGetElement(MlirConvTensor tensor, int64_t index) {
  return unwrap(tensor)->get(index);
}

void mlirConvTensorSetElement(MlirConvTensor tensor, int64_t index,
                              double value) {
  unwrap(tensor)->set(index, value);
}

//===----------------------------------------------------------------------===//
// Executables
//===----------------------------------------------------------------------===//

static_assert(static_cast<int>(DType::F16) == MlirConvDTypeF16 &&
                  static_cast<int>(DType::BF16) == MlirConvDTypeBF16 &&
                  static_cast<int>(DType::F32) == MlirConvDTypeF32 &&
                  static_cast<int>(DType::F64) == MlirConvDTypeF64,
              "MlirConvDType must mirror runtime::DType");

static_assert(static_cast<int>(ConvStrategy::Direct) ==
                      MlirConvStrategyDirect &&
                  static_cast<int>(ConvStrategy::Linalg) ==
                      MlirConvStrategyLinalg,
              "MlirConvStrategy must mirror ConvStrategy");
static_assert(static_cast<int>(WinogradPolicy::Auto) == MlirConvWinogradAuto &&
                  static_cast<int>(WinogradPolicy::Never) ==
                      MlirConvWinogradNever &&
                  static_cast<int>(WinogradPolicy::Always) ==
                      MlirConvWinogradAlways,
              "MlirConvWinogradPolicy must mirror WinogradPolicy");

MlirConvCompileOptions mlirConvCompileOptionsGetDefault(void) {
  CompileOptions defaults;
  MlirConvCompileOptions options;
  options.targetCPU = mlirStringRefCreateFromCString("host");
  options.targetFeatures = mlirStringRefCreateFromCString("host");
  options.strategy = static_cast<MlirConvStrategy>(defaults.strategy);
  options.winograd = static_cast<MlirConvWinogradPolicy>(defaults.winograd);
  options.optLevel = defaults.optLevel;
  options.threads = defaults.threads;
  options.exact = defaults.exact;
  return options;
}

MlirConvExecutable
mlirConvExecutableCompile(MlirModule module, MlirStringRef funcName,
                          const MlirConvCompileOptions *options,
                          MlirStringCallback onError, void *userData) {
  CompileOptions compileOptions;
  if (options && (options->strategy < MlirConvStrategyDirect ||
                  options->strategy > MlirConvStrategyLinalg ||
                  options->winograd < MlirConvWinogradAuto ||
                  options->winograd > MlirConvWinogradAlways)) {
    (void)fail(onError, userData,
               llvm::createStringError(
                   llvm::inconvertibleErrorCode(),
                   "unknown strategy (" + llvm::Twine(options->strategy) +
                       ") or winograd policy (" +
                       llvm::Twine(options->winograd) + ")"));
    return {nullptr};
  }
  if (options) {
    compileOptions.targetCPU = unwrap(options->targetCPU).str();
    compileOptions.targetFeatures = unwrap(options->targetFeatures).str();
    compileOptions.strategy = static_cast<ConvStrategy>(options->strategy);
    compileOptions.winograd = static_cast<WinogradPolicy>(options->winograd);
    compileOptions.optLevel = options->optLevel;
    compileOptions.threads = options->threads;
    compileOptions.exact = options->exact;
  }
  auto exe =
      Executable::compile(unwrap(module), unwrap(funcName), compileOptions);
  if (!exe) {
    (void)fail(onError, userData, exe.takeError());
    return {nullptr};
  }
  return {exe->release()};
}

void mlirConvExecutableDestroy(MlirConvExecutable exe) { delete unwrap(exe); }

intptr_t mlirConvExecutableGetNumArguments(MlirConvExecutable exe) {
  return unwrap(exe)->getArgumentSpecs().size();
}

intptr_t mlirConvExecutableGetNumResults(MlirConvExecutable exe) {
  return unwrap(exe)->getResultSpecs().size();
}

/// The tensors behind `handles`, or an error naming the first null one.
static llvm::Expected<llvm::SmallVector<const Tensor *, 4>>
unwrapInputs(intptr_t numInputs, const MlirConvTensor *inputs) {
  llvm::SmallVector<const Tensor *, 4> tensors;
  for (intptr_t i = 0; i < numInputs; ++i) {
    if (mlirConvTensorIsNull(inputs[i]))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "input " + llvm::Twine(i) + " is null");
    tensors.push_back(unwrap(inputs[i]));
  }
  return tensors;
}

MlirLogicalResult
mlirConvExecutableInvoke(MlirConvExecutable exe, intptr_t numInputs,
                         const MlirConvTensor *inputs, intptr_t numResults,
                         MlirConvTensor *results, MlirStringCallback onError,
                         void *userData) {
  const Executable &executable = *unwrap(exe);
  if (numResults != static_cast<intptr_t>(executable.getResultSpecs().size()))
    return fail(onError, userData,
                llvm::createStringError(
                    llvm::inconvertibleErrorCode(),
                    "expected room for " +
                        llvm::Twine(executable.getResultSpecs().size()) +
                        " results, got " + llvm::Twine(numResults)));
  auto tensors = unwrapInputs(numInputs, inputs);
  if (!tensors)
    return fail(onError, userData, tensors.takeError());
  auto outputs = executable.invoke(*tensors);
  if (!outputs)
    return fail(onError, userData, outputs.takeError());
  for (auto [i, output] : llvm::enumerate(*outputs))
    results[i] = wrap(new Tensor(std::move(output)));
  return mlirLogicalResultSuccess();
}

MlirLogicalResult
mlirConvExecutableInvokeInto(MlirConvExecutable exe, intptr_t numInputs,
                             const MlirConvTensor *inputs, intptr_t numOutputs,
                             const MlirConvTensor *outputs,
                             MlirStringCallback onError, void *userData) {
  auto tensors = unwrapInputs(numInputs, inputs);
  if (!tensors)
    return fail(onError, userData, tensors.takeError());
  // Executable::invokeInto takes a contiguous array of tensors: move the
  // outputs' buffers in for the call and back out after it.
  llvm::SmallVector<Tensor, 1> moved;
  for (intptr_t i = 0; i < numOutputs; ++i) {
    if (mlirConvTensorIsNull(outputs[i])) {
      for (auto [j, tensor] : llvm::enumerate(moved))
        *unwrap(outputs[j]) = std::move(tensor);
      return fail(
          onError, userData,
          llvm::createStringError(llvm::inconvertibleErrorCode(),
                                  "output " + llvm::Twine(i) + " is null"));
    }
    moved.push_back(std::move(*unwrap(outputs[i])));
  }
  llvm::Error err = unwrap(exe)->invokeInto(*tensors, moved);
  for (auto [i, tensor] : llvm::enumerate(moved))
    *unwrap(outputs[i]) = std::move(tensor);
  if (err)
    return fail(onError, userData, std::move(err));
  return mlirLogicalResultSuccess();
}
