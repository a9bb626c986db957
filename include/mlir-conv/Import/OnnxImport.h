//===- OnnxImport.h - ONNX models to TOSA -----------------------*- C++ -*-===//
//
// Part of mlir-conv. Imports an ONNX model (Debian's libonnx: parse, checker,
// shape inference) as one func.func in the TOSA dialect, with its weights as
// dense_resource constants, for convert-tosa-to-conv and the model pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_IMPORT_ONNXIMPORT_H
#define MLIR_CONV_IMPORT_ONNXIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir {
class DialectRegistry;
namespace conv {

struct OnnxImportOptions {
  /// Extents of the model's symbolic dims (an input dim with a `dim_param`,
  /// such as a dynamic batch), by name. A symbolic dim not named here is an
  /// error: the imported function has static shapes.
  llvm::StringMap<int64_t> dimParams;
  /// The name of the imported function.
  std::string functionName = "main";
  /// Constants with more elements than this become dense_resource blobs
  /// (printable elided); smaller ones stay dense elements.
  int64_t resourceThreshold = 64;
};

/// Imports the ONNX model serialized in `bytes` (`sourceName` names it in
/// locations and errors). An unsupported op or attribute, a model the ONNX
/// checker rejects or a shape that cannot be inferred is an error naming the
/// node, never a crash.
llvm::Expected<OwningOpRef<ModuleOp>>
importOnnxModel(MLIRContext &context, llvm::StringRef bytes,
                llvm::StringRef sourceName,
                const OnnxImportOptions &options = {});

/// Reads and imports the ONNX model in the file at `path`.
llvm::Expected<OwningOpRef<ModuleOp>>
importOnnxFile(MLIRContext &context, llvm::StringRef path,
               const OnnxImportOptions &options = {});

/// The dialects an imported module uses.
void registerOnnxImportDialects(DialectRegistry &registry);

} // namespace conv
} // namespace mlir

#endif // MLIR_CONV_IMPORT_ONNXIMPORT_H
