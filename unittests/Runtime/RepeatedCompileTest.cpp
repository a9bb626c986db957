//===- RepeatedCompileTest.cpp - Compiling many times does not leak -------===//
//
// Part of mlir-conv. An embedder (a framework calling the runtime per layer)
// compiles and runs the same conv many times in one process: the JIT, the
// pass pipeline and the context must not grow with the number of compiles.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Testing/Reference.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

#include <chrono>
#include <cstdio>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define MLIR_CONV_UNDER_ASAN
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MLIR_CONV_UNDER_ASAN
#endif
#endif

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

namespace {

/// The resident set size of this process in bytes, from /proc/self/statm
/// (its second field, in pages); 0 where that file does not exist.
int64_t residentBytes() {
  std::FILE *file = std::fopen("/proc/self/statm", "r");
  if (!file)
    return 0;
  long long size = 0, resident = 0;
  int fields = std::fscanf(file, "%lld %lld", &size, &resident);
  std::fclose(file);
  return fields == 2 ? resident * sysconf(_SC_PAGESIZE) : 0;
}

TEST(RepeatedCompileTest, ThousandCompilesDoNotGrowMemory) {
  constexpr int kWarmup = 50, kTotal = 1000;
  constexpr int64_t kMaxGrowth = 10 << 20;
  if (residentBytes() == 0)
    GTEST_SKIP() << "/proc/self/statm is not available";
#ifdef MLIR_CONV_UNDER_ASAN
  // ASan holds freed memory in quarantine, so RSS grows without a leak (and
  // 1000 compiles take 90 s); LeakSanitizer checks that build for leaks.
  GTEST_SKIP() << "RSS is not meaningful under AddressSanitizer";
#endif

  // A small conv with padding, stride and bias, built once in one context.
  MLIRContext context;
  ConvGeometry g = ConvGeometry::fromShapes(
      {1, 5, 6, 3}, {3, 3, 3, 4}, {2, 1}, {1, 1}, {1, 1, 0, 1}, 1, true,
      InputLayout::NHWC, FilterLayout::HWIO);
  OwningOpRef<ModuleOp> module = buildConvModule(context, g, DType::F32);
  ASSERT_TRUE(module);
  Tensor x = Tensor::random(DType::F32, g.inputShape(), 1);
  Tensor w = Tensor::random(DType::F32, g.filterShape(), 2);
  Tensor b = Tensor::random(DType::F32, {g.outChannels}, 3);
  const Tensor *inputs[] = {&x, &w, &b};
  CompileOptions options;
  options.optLevel = 0;

  int64_t afterWarmup = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 1; i <= kTotal; ++i) {
    auto exe = Executable::compile(*module, "conv", options);
    ASSERT_TRUE(static_cast<bool>(exe)) << llvm::toString(exe.takeError());
    auto outputs = (*exe)->invoke(inputs);
    ASSERT_TRUE(static_cast<bool>(outputs))
        << llvm::toString(outputs.takeError());
    // Every compile computes the right answer, not just the first.
    ASSERT_TRUE(
        checkAgainstReference(g, inputs, (*outputs)[0]).comparison.passed())
        << "compile " << i;
    if (i == kWarmup)
      afterWarmup = residentBytes();
  }
  int64_t growth = residentBytes() - afterWarmup;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf("%d compiles in %.1f s; RSS grew %lld KiB after the first %d\n",
              kTotal, seconds, static_cast<long long>(growth >> 10), kWarmup);
  EXPECT_LT(growth, kMaxGrowth);
}

} // namespace
