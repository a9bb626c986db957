//===- ParseFuzzer.cpp - Fuzz parsing and verifying conv IR ---------------===//
//
// Part of mlir-conv. Parses arbitrary text as a module with the dialects a
// conv-run input uses (conv, func, arith, tensor) and verifies it. Parsing
// must never crash, and a module that parses must print as text that parses
// again and prints the same (the round-trip property ops.mlir relies on).
// Input nested deeper than the tools accept (Support/NestingDepth.h) is
// skipped, as conv-opt and conv-run reject it before parsing.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"
#include "mlir-conv/Support/NestingDepth.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace mlir;

namespace {
/// Inputs seen and valid modules among them; printed when the fuzzer exits.
uint64_t numInputs = 0, numValid = 0;

void printStats() {
  std::fprintf(stderr,
               "conv-parse-fuzzer: %llu inputs, %llu valid modules "
               "round-tripped\n",
               static_cast<unsigned long long>(numInputs),
               static_cast<unsigned long long>(numValid));
}
} // namespace

/// Prints `module` in the custom form.
static std::string print(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os);
  return text;
}

/// Stops the fuzzer with a message libFuzzer will keep beside the input.
[[noreturn]] static void fail(const char *what, const std::string &first,
                              const std::string &second) {
  std::fprintf(stderr,
               "conv-parse-fuzzer: %s\n--- first ---\n%s\n"
               "--- second ---\n%s\n",
               what, first.c_str(), second.c_str());
  std::abort();
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  std::atexit(printStats);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ++numInputs;
  DialectRegistry registry;
  registry.insert<conv::ConvDialect, func::FuncDialect, arith::ArithDialect,
                  tensor::TensorDialect>();
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  // Errors are the expected outcome for most inputs: drop them.
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });

  // MLIR's lexer reads up to a terminating NUL, which a file read with
  // MemoryBuffer (as conv-opt and conv-run do) always has and libFuzzer's
  // buffer does not: parse a NUL-terminated copy.
  std::string source(reinterpret_cast<const char *>(data), size);
  // The tools reject nesting that would overflow the parser's stack.
  if (conv::findExcessiveNesting(source))
    return 0;
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module)
    return 0;
  // parseSourceString verified it. Printing and parsing again must give the
  // same module.
  std::string first = print(*module);
  OwningOpRef<ModuleOp> again = parseSourceString<ModuleOp>(first, &context);
  if (!again)
    fail("the printed form of a valid module does not parse", first, "");
  std::string second = print(*again);
  if (first != second)
    fail("printing is not stable over a round trip", first, second);
  ++numValid;
  return 0;
}
