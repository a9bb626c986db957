//===- conv-import-onnx.cpp - ONNX models as TOSA -------------------------===//
//
// Part of mlir-conv. A thin main over lib/Import: read model.onnx, write the
// imported module (one func.func in TOSA, weights as dense_resource blobs).
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Import/OnnxImport.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::conv;
namespace cl = llvm::cl;

static cl::OptionCategory importCategory("conv-import-onnx options");
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.onnx>"),
                                      cl::Required, cl::cat(importCategory));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::value_desc("FILE.mlir"),
                                       cl::init("-"), cl::cat(importCategory));
static cl::list<std::string>
    dims("dim", cl::desc("Extent of a symbolic dim of the inputs (repeatable)"),
         cl::value_desc("NAME=N"), cl::cat(importCategory));
static cl::opt<std::string> functionName("function",
                                         cl::desc("Name of the function"),
                                         cl::init("main"),
                                         cl::cat(importCategory));
static cl::opt<bool> elideWeights(
    "elide-weights",
    cl::desc("Print weight blobs elided (readable, but not re-parsable)"),
    cl::cat(importCategory));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "conv-import-onnx: error: " << message << "\n";
  return EXIT_FAILURE;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(importCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "mlir-conv: import an ONNX model as TOSA\n");
  OnnxImportOptions options;
  options.functionName = functionName;
  for (llvm::StringRef dim : dims) {
    auto [name, value] = dim.split('=');
    int64_t extent;
    if (name.empty() || value.getAsInteger(10, extent) || extent < 1)
      return fail("--dim=" + dim + ": expected NAME=N with N >= 1");
    options.dimParams[name] = extent;
  }
  DialectRegistry registry;
  registerOnnxImportDialects(registry);
  MLIRContext context(registry);
  auto module = importOnnxFile(context, inputFile, options);
  if (!module)
    return fail(llvm::toString(module.takeError()));
  if (failed(verify(**module)))
    return fail("the imported module does not verify (a bug of the "
                "importer)");
  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output)
    return fail(error);
  OpPrintingFlags flags;
  if (elideWeights)
    flags.elideLargeResourceString(64);
  (*module)->print(output->os(), flags);
  output->os() << "\n";
  output->keep();
  return EXIT_SUCCESS;
}
