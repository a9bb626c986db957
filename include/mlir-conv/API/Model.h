//===- Model.h - Whole models, compiled once, run many times ----*- C++ -*-===//
//
// Part of mlir-conv. An ONNX model (or a module in TOSA) compiled through the
// model pipeline for this CPU: import, raise the convs, lower the rest with
// upstream TOSA -> linalg, JIT. Built with the ONNX importer.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_API_MODEL_H
#define MLIR_CONV_API_MODEL_H

#include "mlir-conv/Import/OnnxImport.h"
#include "mlir-conv/Runtime/CompileOptions.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <vector>

namespace mlir::conv {

/// A compiled model. `run` is thread-safe.
class Model {
public:
  /// Imports and compiles the ONNX model in the file at `path`.
  static llvm::Expected<std::unique_ptr<Model>>
  fromOnnxFile(llvm::StringRef path,
               const runtime::CompileOptions &options = {},
               const OnnxImportOptions &importOptions = {});
  /// Compiles function `funcName` of `module`, a network in TOSA (and conv).
  static llvm::Expected<std::unique_ptr<Model>>
  fromTosa(ModuleOp module, llvm::StringRef funcName,
           const runtime::CompileOptions &options = {});

  /// Runs the model on `inputs` (one per argument, in order).
  llvm::Expected<llvm::SmallVector<runtime::Tensor, 1>>
  run(llvm::ArrayRef<const runtime::Tensor *> inputs) const {
    return executable->invoke(inputs);
  }

  const runtime::Executable &getExecutable() const { return *executable; }
  llvm::ArrayRef<runtime::TensorSpec> getInputSpecs() const {
    return executable->getArgumentSpecs();
  }
  llvm::ArrayRef<runtime::TensorSpec> getOutputSpecs() const {
    return executable->getResultSpecs();
  }

private:
  Model() = default;
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<runtime::Executable> executable;
};

} // namespace mlir::conv

#endif // MLIR_CONV_API_MODEL_H
