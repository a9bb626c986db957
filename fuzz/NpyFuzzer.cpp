//===- NpyFuzzer.cpp - Fuzz the .npy reader
//--------------------------------===//
//
// Part of mlir-conv. `parseNpy` on arbitrary bytes must return a tensor or a
// one-line error naming the input; never crash, read out of bounds, or make
// a tensor with more data than the input holds.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Npy.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace mlir::conv::runtime;

namespace {
/// Inputs seen and parsed; printed when the fuzzer exits.
uint64_t numInputs = 0, numParsed = 0;

void printStats() {
  std::fprintf(stderr, "conv-npy-fuzzer: %llu inputs, %llu parsed as tensors\n",
               static_cast<unsigned long long>(numInputs),
               static_cast<unsigned long long>(numParsed));
}
} // namespace

/// Stops the fuzzer with `message`.
[[noreturn]] static void fail(const std::string &message) {
  std::fprintf(stderr, "conv-npy-fuzzer: %s\n", message.c_str());
  std::abort();
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  std::atexit(printStats);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ++numInputs;
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  llvm::Expected<Tensor> tensor = parseNpy("fuzz.npy", bytes);
  if (!tensor) {
    std::string message = llvm::toString(tensor.takeError());
    if (!llvm::StringRef(message).starts_with("fuzz.npy: ") ||
        message.find('\n') != std::string::npos)
      fail("error is not one line starting with the name: " + message);
    return 0;
  }
  // The data must have been in the input.
  size_t dataBytes = tensor->numElements() * getDTypeSize(tensor->dtype());
  if (dataBytes > size)
    fail("tensor has more data than the input");
  ++numParsed;
  return 0;
}
