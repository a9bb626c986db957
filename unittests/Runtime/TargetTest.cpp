//===- TargetTest.cpp - Tests of the target feature resolution ------------===//
//
// Part of mlir-conv. A CPU named without features means that CPU's own
// features; "host" and explicit features are kept; unknown CPUs fail.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Target.h"

#include "gtest/gtest.h"

using namespace mlir::conv::runtime;

namespace {

std::string resolved(llvm::StringRef cpu, llvm::StringRef features) {
  llvm::Expected<std::string> out = resolveTargetFeatures(cpu, features);
  if (!out) {
    ADD_FAILURE() << llvm::toString(out.takeError());
    return "";
  }
  return *out;
}

bool has(llvm::StringRef list, llvm::StringRef feature) {
  llvm::SmallVector<llvm::StringRef> items;
  list.split(items, ',');
  return llvm::is_contained(items, feature);
}

TEST(ResolveTargetFeatures, NamedCpuGetsItsOwnFeatures) {
  std::string haswell = resolved("haswell", "host");
  EXPECT_TRUE(has(haswell, "+avx2")) << haswell;
  EXPECT_TRUE(has(haswell, "+fma")) << haswell;
  EXPECT_FALSE(has(haswell, "+avx512f")) << haswell;
  std::string skylake = resolved("skylake-avx512", "host");
  EXPECT_TRUE(has(skylake, "+avx512f")) << skylake;
  std::string generic = resolved("x86-64", "host");
  EXPECT_TRUE(has(generic, "+sse2")) << generic;
  EXPECT_FALSE(has(generic, "+avx")) << generic;
}

TEST(ResolveTargetFeatures, HostAndExplicitFeaturesAreKept) {
  EXPECT_EQ(resolved("host", "host"), "host");
  EXPECT_EQ(resolved("haswell", "+sse2,-avx"), "+sse2,-avx");
  EXPECT_EQ(resolved("", "host"), "host");
}

TEST(ResolveTargetFeatures, UnknownCpuFails) {
  llvm::Expected<std::string> out = resolveTargetFeatures("nosuchcpu", "host");
  ASSERT_FALSE(static_cast<bool>(out));
  std::string message = llvm::toString(out.takeError());
  EXPECT_NE(message.find("unknown target CPU 'nosuchcpu'"), std::string::npos)
      << message;
}

} // namespace
