//===- CpuTargetTest.cpp - Tests of the CPU target description ------------===//
//
// Part of mlir-conv. A named CPU means its own features, registers and
// caches; feature changes apply on top of it as LLVM applies them;
// MLIR_CONV_HOST_CPU makes "host" that CPU; bad names fail with a message.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Target/CpuTarget.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <optional>
#include <string>

using namespace mlir::conv;

namespace {

CpuTarget resolved(llvm::StringRef cpu, llvm::StringRef features = "host",
                   llvm::StringRef triple = "") {
  llvm::Expected<CpuTarget> out = resolveCpuTarget(cpu, features, triple);
  if (!out) {
    ADD_FAILURE() << llvm::toString(out.takeError());
    return CpuTarget();
  }
  return *out;
}

std::string errorOf(llvm::StringRef cpu, llvm::StringRef features,
                    llvm::StringRef triple = "") {
  llvm::Expected<CpuTarget> out = resolveCpuTarget(cpu, features, triple);
  if (out)
    return "(resolved to " + out->str() + ")";
  return llvm::toString(out.takeError());
}

/// Sets MLIR_CONV_HOST_CPU for one scope and restores it after.
class HostCpuOverride {
public:
  explicit HostCpuOverride(const char *value) {
    if (const char *old = std::getenv(kHostCpuEnvVar))
      saved = old;
    if (value)
      setenv(kHostCpuEnvVar, value, 1);
    else
      unsetenv(kHostCpuEnvVar);
  }
  ~HostCpuOverride() {
    if (saved)
      setenv(kHostCpuEnvVar, saved->c_str(), 1);
    else
      unsetenv(kHostCpuEnvVar);
  }

private:
  std::optional<std::string> saved;
};

TEST(CpuTarget, NamedX86CpusGetTheirOwnFeaturesRegistersAndCaches) {
  CpuTarget haswell = resolved("haswell");
  EXPECT_EQ(haswell.cpu, "haswell");
  EXPECT_TRUE(haswell.hasFeature("avx2")) << haswell.features;
  EXPECT_TRUE(haswell.hasFeature("fma"));
  EXPECT_FALSE(haswell.hasFeature("avx512f"));
  EXPECT_EQ(haswell.vectorBits, 256u);
  EXPECT_EQ(haswell.vectorRegisters, 16u);
  EXPECT_EQ(haswell.l1Bytes, 32u * 1024);
  EXPECT_EQ(haswell.l2Bytes, 256u * 1024);
  EXPECT_EQ(haswell.cacheSource, "table");

  CpuTarget skx = resolved("skylake-avx512");
  EXPECT_TRUE(skx.hasFeature("avx512f"));
  EXPECT_FALSE(skx.hasFeature("avx512bf16"));
  EXPECT_EQ(skx.vectorBits, 512u);
  EXPECT_EQ(skx.vectorRegisters, 32u);
  EXPECT_EQ(skx.l2Bytes, 1024u * 1024);

  CpuTarget zen3 = resolved("znver3");
  EXPECT_EQ(zen3.vectorBits, 256u);
  EXPECT_EQ(zen3.l2Bytes, 512u * 1024);
  CpuTarget zen4 = resolved("znver4");
  EXPECT_TRUE(zen4.hasFeature("avx512bf16"));
  EXPECT_EQ(zen4.fmaPerCycle, 1u);

  CpuTarget generic = resolved("x86-64");
  EXPECT_TRUE(generic.hasFeature("sse2"));
  EXPECT_FALSE(generic.hasFeature("avx"));
  EXPECT_EQ(generic.vectorBits, 128u);
}

TEST(CpuTarget, EveryFeatureIsListedEnabledOrNot) {
  CpuTarget haswell = resolved("haswell");
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(haswell.features).split(items, ',');
  EXPECT_GT(items.size(), 50u);
  EXPECT_TRUE(llvm::is_contained(items, "-avx512f"));
  EXPECT_TRUE(llvm::is_contained(items, "+avx2"));
  for (llvm::StringRef item : items)
    EXPECT_TRUE(item.starts_with("+") || item.starts_with("-")) << item.str();
}

TEST(CpuTarget, FeatureChangesApplyOnTopOfTheCpu) {
  // Dropping AVX-512F drops what needs it, and leaves AVX2.
  CpuTarget avx2 = resolved("znver4", "-avx512f");
  EXPECT_FALSE(avx2.hasFeature("avx512f"));
  EXPECT_FALSE(avx2.hasFeature("avx512bf16"));
  EXPECT_TRUE(avx2.hasFeature("avx2"));
  EXPECT_EQ(avx2.vectorBits, 256u);
  EXPECT_EQ(avx2.vectorRegisters, 16u);
  // Adding to a CPU keeps its own features.
  CpuTarget more = resolved("haswell", "+avx512f");
  EXPECT_TRUE(more.hasFeature("avx512f"));
  EXPECT_TRUE(more.hasFeature("fma"));
  EXPECT_EQ(more.vectorBits, 512u);
  // A full list resolves to itself: passes given a resolved target's
  // features plan the same target.
  CpuTarget again = resolved(avx2.cpu, avx2.features);
  EXPECT_EQ(again, avx2);
}

TEST(CpuTarget, HostCpuEnvironmentVariableNamesTheHost) {
  {
    HostCpuOverride env("haswell");
    CpuTarget host = resolved("host");
    EXPECT_EQ(host.cpu, "haswell");
    EXPECT_EQ(host.vectorBits, 256u);
    EXPECT_EQ(host.l2Bytes, 256u * 1024);
    EXPECT_EQ(host.cacheSource, "table");
    EXPECT_EQ(host, resolved("haswell"));
    EXPECT_EQ(resolved(""), host);
    // A named CPU is not affected.
    EXPECT_EQ(resolved("skylake-avx512").cpu, "skylake-avx512");
  }
  {
    HostCpuOverride env("nosuchcpu");
    EXPECT_NE(errorOf("host", "host").find("unknown target CPU 'nosuchcpu'"),
              std::string::npos);
  }
  {
    HostCpuOverride env(nullptr);
    CpuTarget host = resolved("host");
    EXPECT_FALSE(host.cpu.empty());
    EXPECT_NE(host.cpu, "host");
    EXPECT_GE(host.l1Bytes, 1024u);
    EXPECT_GE(host.l2Bytes, host.l1Bytes);
  }
}

TEST(CpuTarget, AArch64IsDescribedToo) {
  CpuTarget n1 = resolved("neoverse-n1", "host", "aarch64-linux-gnu");
  EXPECT_TRUE(n1.isAArch64());
  EXPECT_FALSE(n1.isX86());
  EXPECT_TRUE(n1.hasFeature("neon")) << n1.features;
  EXPECT_EQ(n1.vectorBits, 128u);
  EXPECT_EQ(n1.vectorRegisters, 32u);
  EXPECT_EQ(n1.l1Bytes, 64u * 1024);
}

TEST(CpuTarget, BadNamesFailWithTheValue) {
  EXPECT_NE(errorOf("nosuchcpu", "host").find("unknown target CPU 'nosuchcpu'"),
            std::string::npos);
  EXPECT_NE(errorOf("haswell", "+nosuchfeature")
                .find("unknown target feature '+nosuchfeature'"),
            std::string::npos);
  EXPECT_NE(errorOf("haswell", "avx2").find("unknown target feature 'avx2'"),
            std::string::npos);
  EXPECT_NE(errorOf("haswell", "host", "nosucharch-linux")
                .find("unknown target triple 'nosucharch-linux'"),
            std::string::npos);
  EXPECT_NE(errorOf("host", "host", "aarch64-linux-gnu")
                .find("'host' is not a CPU of aarch64"),
            std::string::npos);
}

TEST(CpuTarget, StrNamesWhatThePlannerReads) {
  EXPECT_EQ(resolved("haswell").str().substr(0, 8), "haswell ");
  std::string text = resolved("skylake-avx512").str();
  EXPECT_NE(text.find("512-bit vectors x 32 registers"), std::string::npos)
      << text;
  EXPECT_NE(text.find("L2 1 MiB"), std::string::npos) << text;
}

} // namespace
