//===- InputFile.cpp - Parse a tool's input module ------------------------===//
//
// Part of mlir-conv. See InputFile.h.
//
//===----------------------------------------------------------------------===//

#include "InputFile.h"

#include "mlir-conv/Support/NestingDepth.h"
#ifdef MLIR_CONV_ENABLE_ONNX
#include "mlir-conv/Import/OnnxImport.h"
#endif

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

llvm::Expected<OwningOpRef<ModuleOp>>
mlir::conv::tools::parseInputFile(llvm::StringRef path, MLIRContext &context) {
  if (path.ends_with(".onnx")) {
#ifdef MLIR_CONV_ENABLE_ONNX
    return importOnnxFile(context, path);
#else
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot read " + path +
            ": mlir-conv was built without the ONNX importer (install "
            "libonnx-dev and libprotobuf-dev and configure again)");
#endif
  }
  std::string error;
  auto file = openInputFile(path, &error);
  if (!file)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context, llvm::errs());
  OwningOpRef<ModuleOp> module;
  if (checkNestingDepth(sourceMgr, llvm::errs()))
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot parse " + path);
  return module;
}
