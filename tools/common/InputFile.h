//===- InputFile.h - Parse a tool's input module ----------------*- C++ -*-===//
//
// Part of mlir-conv. How the tools read FILE.mlir: open it, refuse nesting
// deep enough to overflow the parser's stack, parse it with diagnostics
// printed against the file.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TOOLS_COMMON_INPUTFILE_H
#define MLIR_CONV_TOOLS_COMMON_INPUTFILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

namespace mlir::conv::tools {

/// The module in `path`, parsed in `context`; parser diagnostics go to
/// stderr. The error says why (the file cannot be opened, or parsed). A
/// `.onnx` file is imported (as TOSA) when the ONNX importer is built.
llvm::Expected<OwningOpRef<ModuleOp>> parseInputFile(llvm::StringRef path,
                                                     MLIRContext &context);

} // namespace mlir::conv::tools

#endif // MLIR_CONV_TOOLS_COMMON_INPUTFILE_H
