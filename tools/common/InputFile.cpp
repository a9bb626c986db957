//===- InputFile.cpp - Parse a tool's input module ------------------------===//
//
// Part of mlir-conv. See InputFile.h.
//
//===----------------------------------------------------------------------===//

#include "InputFile.h"

#include "mlir-conv/Support/NestingDepth.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

llvm::Expected<OwningOpRef<ModuleOp>>
mlir::conv::tools::parseInputFile(llvm::StringRef path, MLIRContext &context) {
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
