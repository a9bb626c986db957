//===- OnnxImportFuzzer.cpp - Fuzz the ONNX importer over model bytes -----===//
//
// Part of mlir-conv. Imports arbitrary bytes as an ONNX model. The importer
// must never crash: bytes that do not parse, models the checker or shape
// inference rejects and unsupported nodes are errors; a model that imports
// must give a module that verifies.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Import/OnnxImport.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace mlir;

namespace {
/// Inputs seen and models imported among them; printed when the fuzzer
/// exits.
uint64_t numInputs = 0, numImported = 0;

void printStats() {
  std::fprintf(stderr, "conv-onnx-fuzzer: %llu inputs, %llu imported\n",
               static_cast<unsigned long long>(numInputs),
               static_cast<unsigned long long>(numImported));
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  std::atexit(printStats);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ++numInputs;
  DialectRegistry registry;
  conv::registerOnnxImportDialects(registry);
  MLIRContext context(registry);
  context.disableMultithreading();
  // Errors are expected; the module's verifier diagnostics are not.
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {});
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  auto module = conv::importOnnxModel(context, bytes, "fuzz.onnx");
  if (!module) {
    std::string message = llvm::toString(module.takeError());
    if (message.empty()) {
      std::fprintf(stderr, "conv-onnx-fuzzer: an error without a message\n");
      std::abort();
    }
    return 0;
  }
  if (failed(verify(**module))) {
    std::fprintf(stderr, "conv-onnx-fuzzer: the imported module does not "
                         "verify\n");
    (*module)->print(llvm::errs());
    std::abort();
  }
  ++numImported;
  return 0;
}
