//===- conv-compile.cpp - Ahead-of-time object files of conv functions ----===//
//
// Part of mlir-conv. A thin main over lib/Aot: parse a module, compile its
// public functions for a CPU, write the object file and its C header.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Aot/ObjectCompiler.h"
#include "mlir-conv/InitAll.h"

#include "CompileFlags.h"
#include "InputFile.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::conv;
namespace cl = llvm::cl;

static cl::OptionCategory compileCategory("conv-compile options");
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::Required, cl::cat(compileCategory));
static cl::opt<std::string> outputFile("o", cl::desc("Object file to write"),
                                       cl::value_desc("FILE.o"), cl::Required,
                                       cl::cat(compileCategory));
static cl::opt<std::string>
    headerFile("header",
               cl::desc("C header to write (default: the object file's name "
                        "with .h)"),
               cl::value_desc("FILE.h"), cl::cat(compileCategory));
static cl::opt<aot::ObjectKind> emit(
    "emit", cl::desc("What -o gets"), cl::init(aot::ObjectKind::Object),
    cl::values(clEnumValN(aot::ObjectKind::Object, "obj", "an object file"),
               clEnumValN(aot::ObjectKind::Assembly, "asm",
                          "the target's assembly")),
    cl::cat(compileCategory));
static cl::opt<bool>
    printPipeline("print-pipeline",
                  cl::desc("Print the pass pipeline that lowered the module "
                           "(what conv-opt --pass-pipeline=... replays)"),
                  cl::cat(compileCategory));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "conv-compile: error: " << message << "\n";
  return EXIT_FAILURE;
}
static int fail(llvm::Error err) {
  return fail(llvm::toString(std::move(err)));
}

/// Writes `bytes` to `path` (kept only when everything succeeds).
static std::unique_ptr<llvm::ToolOutputFile>
write(llvm::StringRef path, llvm::StringRef bytes, std::string &error) {
  auto file = openOutputFile(path, &error);
  if (file)
    file->os() << bytes;
  return file;
}

int main(int argc, char **argv) {
  llvm::InitLLVM y(argc, argv);
  if (cl::Option *other = cl::getRegisteredOptions().lookup("threads"))
    other->removeArgument();
  static cl::opt<unsigned> threads(
      "threads",
      cl::desc("Threads one call uses (above 1: link the OpenMP runtime)"),
      cl::init(1), cl::cat(compileCategory));
  static tools::CpuCompileFlags flags(compileCategory);
  cl::HideUnrelatedOptions(compileCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "conv-compile: ahead-of-time object files of conv functions\n\n"
      "  conv-compile FILE.mlir -o conv.o [--header=conv.h] "
      "[--target-cpu=CPU]\n");
  runtime::CompileOptions options;
  flags.apply(options);
  options.threads = threads;

  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      tools::parseInputFile(inputFile, context);
  if (!module)
    return fail(module.takeError());

  std::string header = headerFile;
  if (header.empty()) {
    llvm::SmallString<256> path(outputFile);
    llvm::sys::path::replace_extension(path, "h");
    header = path.str().str();
  }
  llvm::Expected<aot::ObjectFile> object = aot::compileToObject(
      **module, options, llvm::sys::path::filename(header), emit);
  if (!object)
    return fail(object.takeError());
  std::string error;
  auto objectOut = write(outputFile, object->object, error);
  if (!objectOut)
    return fail(error);
  auto headerOut = write(header, object->header, error);
  if (!headerOut)
    return fail(error);
  objectOut->keep();
  headerOut->keep();
  if (printPipeline)
    llvm::outs() << object->pipeline << "\n";
  return EXIT_SUCCESS;
}
