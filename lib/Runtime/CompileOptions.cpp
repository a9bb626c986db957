//===- CompileOptions.cpp - How the runtime compiles a function -----------===//
//
// Part of mlir-conv. See CompileOptions.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/CompileOptions.h"

#include "llvm/ADT/Twine.h"

#include <tuple>

using namespace mlir::conv;
using namespace mlir::conv::runtime;

/// Every field of `o`, in declaration order. The structured binding names
/// exactly as many fields as the struct has: adding one without adding it
/// here is a compile error, so equality and the hash cannot miss it.
static auto fields(const CompileOptions &o) {
  const auto &[targetTriple, targetCPU, targetFeatures, optLevel, strategy,
               threads, owBlock, ocVectors, ohBlock, cBlock, winograd, exact,
               device, gpuChip, gpuRegM, gpuRegN, gpuTileK, gpuSplitK,
               gpuDepthwiseKernel, cudaRuntimeLibrary] = o;
  return std::tie(targetTriple, targetCPU, targetFeatures, optLevel, strategy,
                  threads, owBlock, ocVectors, ohBlock, cBlock, winograd, exact,
                  device, gpuChip, gpuRegM, gpuRegN, gpuTileK, gpuSplitK,
                  gpuDepthwiseKernel, cudaRuntimeLibrary);
}

bool CompileOptions::operator==(const CompileOptions &other) const {
  return fields(*this) == fields(other);
}

llvm::hash_code mlir::conv::runtime::hash_value(const CompileOptions &options) {
  return std::apply(
      [](const auto &...field) { return llvm::hash_combine(field...); },
      fields(options));
}

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error CompileOptions::validate() const {
  for (auto [name, value, min] :
       {std::tuple<llvm::StringRef, int64_t, int64_t>{"ow-block", owBlock, 0},
        {"oc-vectors", ocVectors, 0},
        {"oh-block", ohBlock, 0},
        {"c-block", cBlock, -1},
        {"gpu-reg-m", gpuRegM, 0},
        {"gpu-reg-n", gpuRegN, 0},
        {"gpu-tile-k", gpuTileK, 0},
        {"gpu-split-k", gpuSplitK, 0}})
    if (value < min)
      return makeError(name + " (" + llvm::Twine(value) +
                       ") must be >= " + llvm::Twine(min) +
                       (min < 0 ? " (0: choose, -1: never)" : " (0: choose)"));
  if (exact && winograd == WinogradPolicy::Always)
    return makeError("winograd=always contradicts exact (Winograd's "
                     "transforms mix neighbouring pixels)");
  if (optLevel > 3)
    return makeError("opt-level (" + llvm::Twine(optLevel) +
                     ") must be 0, 1, 2 or 3");
  return llvm::Error::success();
}
