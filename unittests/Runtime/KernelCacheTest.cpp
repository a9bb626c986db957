//===- KernelCacheTest.cpp - Tests of the kernel cache --------------------===//
//
// Part of mlir-conv. One compilation per key (also when two threads ask at
// once), distinct keys for distinct shapes, dtypes and targets, cached
// errors, and kernels that outlive the cache.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/KernelCache.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Target/CpuTarget.h"
#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Testing/Reference.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <functional>
#include <thread>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

namespace {

/// A small NHWC/HWIO conv with bias, padding and stride.
ConvKernelKey smallKey(int64_t inH = 6, DType dtype = DType::F32) {
  ConvKernelKey key;
  key.geometry = ConvGeometry::fromShapes(
      {1, inH, 7, 3}, {3, 3, 3, 4}, {2, 1}, {1, 1}, {1, 1, 0, 2}, 1, true,
      InputLayout::NHWC, FilterLayout::HWIO);
  key.dtype = dtype;
  return key;
}

/// Runs `exe` on seeded inputs of `key` and checks it against the float64
/// reference under the conformance tolerance.
void expectMatchesReference(const Executable &exe, const ConvKernelKey &key,
                            uint64_t seed) {
  const ConvGeometry &g = key.geometry;
  Tensor x = Tensor::random(key.dtype, g.inputShape(), seed);
  Tensor w = Tensor::random(key.dtype, g.filterShape(), seed + 1);
  Tensor b = Tensor::random(key.dtype, {g.outChannels}, seed + 2);
  auto out = exe.invoke({&x, &w, &b});
  ASSERT_TRUE(static_cast<bool>(out)) << llvm::toString(out.takeError());
  ReferenceCheck check = checkAgainstReference(g, {&x, &w, &b}, (*out)[0]);
  EXPECT_TRUE(check.comparison.passed())
      << check.comparison.numMismatches << " mismatches, max abs error "
      << check.comparison.maxAbsError;
}

TEST(KernelCacheTest, KeysDifferInEveryCodeChangingSetting) {
  ConvKernelKey base = smallKey();
  EXPECT_EQ(smallKey(), base);
  EXPECT_EQ(hash_value(smallKey()), hash_value(base));
  std::vector<std::function<void(ConvKernelKey &)>> changes = {
      [](ConvKernelKey &k) { k.options.exact = true; },
      [](ConvKernelKey &k) { k.options.device = Device::GPU; },
      [](ConvKernelKey &k) { k.options.gpuSplitK = 2; },
      [](ConvKernelKey &k) { k.options.gpuChip = "sm_80"; },
      [](ConvKernelKey &k) { k.options.threads = 2; },
      [](ConvKernelKey &k) { k.options.targetCPU = "x86-64"; },
      [](ConvKernelKey &k) { k.options.winograd = WinogradPolicy::Never; },
      [](ConvKernelKey &k) { k.options.strategy = ConvStrategy::Linalg; },
      [](ConvKernelKey &k) { k.options.cudaRuntimeLibrary = "/x.so"; },
      [](ConvKernelKey &k) { k.dtype = DType::F16; },
      [](ConvKernelKey &k) { k.geometry.inH = 8; },
      [](ConvKernelKey &k) { k.geometry.padRight = 1; },
      [](ConvKernelKey &k) { k.geometry.inputLayout = InputLayout::NCHW; },
      [](ConvKernelKey &k) { k.geometry.hasBias = false; },
  };
  for (auto [i, change] : llvm::enumerate(changes)) {
    ConvKernelKey other = base;
    change(other);
    EXPECT_NE(other, base) << "change " << i;
    EXPECT_NE(hash_value(other), hash_value(base)) << "change " << i;
  }
}

TEST(KernelCacheTest, HostKeysFollowTheHostCpuVariable) {
  // A 'host' key compiled while MLIR_CONV_HOST_CPU names one CPU is not
  // reused when it names another.
  KernelCache cache;
  ConvKernelKey key = smallKey();
  const char *given = std::getenv(kHostCpuEnvVar);
  std::string saved = given ? given : "";
  ASSERT_EQ(setenv(kHostCpuEnvVar, "haswell", 1), 0);
  auto haswell = cache.getOrCompile(key);
  ASSERT_TRUE(static_cast<bool>(haswell))
      << llvm::toString(haswell.takeError());
  ASSERT_EQ(setenv(kHostCpuEnvVar, "x86-64", 1), 0);
  auto generic = cache.getOrCompile(key);
  ASSERT_TRUE(static_cast<bool>(generic))
      << llvm::toString(generic.takeError());
  ASSERT_EQ(setenv(kHostCpuEnvVar, "haswell", 1), 0);
  auto again = cache.getOrCompile(key);
  ASSERT_TRUE(static_cast<bool>(again)) << llvm::toString(again.takeError());
  if (given)
    setenv(kHostCpuEnvVar, saved.c_str(), 1);
  else
    unsetenv(kHostCpuEnvVar);
  EXPECT_EQ(cache.getNumCompilations(), 2u);
  EXPECT_NE(haswell->get(), generic->get());
  EXPECT_EQ(haswell->get(), again->get());
  expectMatchesReference(**generic, key, 5);
}

TEST(KernelCacheTest, SameKeyCompilesOnce) {
  KernelCache cache;
  auto first = cache.getOrCompile(smallKey());
  ASSERT_TRUE(static_cast<bool>(first)) << llvm::toString(first.takeError());
  auto second = cache.getOrCompile(smallKey());
  ASSERT_TRUE(static_cast<bool>(second)) << llvm::toString(second.takeError());
  EXPECT_EQ(first->get(), second->get());
  EXPECT_EQ(cache.getNumCompilations(), 1u);
  EXPECT_EQ(cache.size(), 1u);
  expectMatchesReference(**second, smallKey(), 1);

  auto f16 = cache.getOrCompile(smallKey(6, DType::F16));
  ASSERT_TRUE(static_cast<bool>(f16)) << llvm::toString(f16.takeError());
  EXPECT_NE(f16->get(), first->get());
  EXPECT_EQ(cache.getNumCompilations(), 2u);
  expectMatchesReference(**f16, smallKey(6, DType::F16), 4);
}

TEST(KernelCacheTest, TwoThreadsShareOneCompilationPerKey) {
  KernelCache cache;
  const Executable *seen[2][2] = {};
  auto work = [&](int thread) {
    // Both threads ask for both keys, in opposite orders.
    for (int i = 0; i < 2; ++i) {
      int which = thread == 0 ? i : 1 - i;
      ConvKernelKey key = smallKey(which == 0 ? 6 : 9);
      auto exe = cache.getOrCompile(key);
      if (!exe) {
        ADD_FAILURE() << llvm::toString(exe.takeError());
        return;
      }
      seen[thread][which] = exe->get();
      expectMatchesReference(**exe, key, 10 * thread + which);
    }
  };
  std::thread other(work, 1);
  work(0);
  other.join();
  EXPECT_EQ(cache.getNumCompilations(), 2u);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(seen[0][0], nullptr);
  EXPECT_EQ(seen[0][0], seen[1][0]);
  EXPECT_EQ(seen[0][1], seen[1][1]);
  EXPECT_NE(seen[0][0], seen[0][1]);
}

TEST(KernelCacheTest, InvalidGeometryErrorIsCached) {
  KernelCache cache;
  ConvKernelKey key = smallKey();
  key.geometry.inChannels = 4; // Not divisible by 3 groups.
  key.geometry.groups = 3;
  key.geometry.hasBias = false;
  auto exe = cache.getOrCompile(key);
  ASSERT_FALSE(static_cast<bool>(exe));
  std::string message = llvm::toString(exe.takeError());
  EXPECT_EQ(message, "invalid conv2d: 'conv.conv2d' op input channels (4) "
                     "must be divisible by groups (3)");
  auto again = cache.getOrCompile(key);
  ASSERT_FALSE(static_cast<bool>(again));
  EXPECT_EQ(llvm::toString(again.takeError()), message);
  EXPECT_EQ(cache.getNumCompilations(), 1u);
}

TEST(KernelCacheTest, KernelsOutliveClear) {
  KernelCache cache;
  auto exe = cache.getOrCompile(smallKey());
  ASSERT_TRUE(static_cast<bool>(exe)) << llvm::toString(exe.takeError());
  std::shared_ptr<const Executable> kept = *exe;
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  expectMatchesReference(*kept, smallKey(), 7);
  ASSERT_TRUE(static_cast<bool>(cache.getOrCompile(smallKey())));
  EXPECT_EQ(cache.getNumCompilations(), 2u);
}

} // namespace
