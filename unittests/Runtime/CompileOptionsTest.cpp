//===- CompileOptionsTest.cpp - Tests of the typed compile options --------===//
//
// Part of mlir-conv. The rules `validate` enforces (each error names the
// field and its value), equality and hashing over the fields, and the one
// spelling of each named choice.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/CompileOptions.h"

#include "gtest/gtest.h"

#include <functional>
#include <string>

using namespace mlir::conv;
using namespace mlir::conv::runtime;

namespace {

/// The message of `options.validate()`, or "" when it passes.
std::string validationError(const CompileOptions &options) {
  if (llvm::Error err = options.validate())
    return llvm::toString(std::move(err));
  return "";
}

TEST(CompileOptionsTest, DefaultsAreValid) {
  EXPECT_EQ(validationError(CompileOptions()), "");
}

TEST(CompileOptionsTest, ValidateNamesTheFieldAndValue) {
  CompileOptions o;
  o.owBlock = -1;
  EXPECT_EQ(validationError(o), "ow-block (-1) must be >= 0 (0: choose)");
  o = CompileOptions();
  o.cBlock = -1;
  EXPECT_EQ(validationError(o), "");
  o.cBlock = -2;
  EXPECT_EQ(validationError(o),
            "c-block (-2) must be >= -1 (0: choose, -1: never)");
  o = CompileOptions();
  o.gpuSplitK = -3;
  EXPECT_EQ(validationError(o), "gpu-split-k (-3) must be >= 0 (0: choose)");
  o = CompileOptions();
  o.exact = true;
  EXPECT_EQ(validationError(o), "");
  o.winograd = WinogradPolicy::Always;
  EXPECT_EQ(validationError(o),
            "winograd=always contradicts exact (Winograd's transforms mix "
            "neighbouring pixels)");
  o = CompileOptions();
  o.optLevel = 4;
  EXPECT_EQ(validationError(o), "opt-level (4) must be 0, 1, 2 or 3");
}

TEST(CompileOptionsTest, EveryFieldTakesPartInEqualityAndHash) {
  const CompileOptions base;
  std::vector<std::function<void(CompileOptions &)>> changes = {
      [](CompileOptions &o) { o.targetTriple = "aarch64-linux-gnu"; },
      [](CompileOptions &o) { o.targetCPU = "haswell"; },
      [](CompileOptions &o) { o.targetFeatures = "-avx512f"; },
      [](CompileOptions &o) { o.optLevel = 2; },
      [](CompileOptions &o) { o.strategy = ConvStrategy::Linalg; },
      [](CompileOptions &o) { o.threads = 2; },
      [](CompileOptions &o) { o.owBlock = 4; },
      [](CompileOptions &o) { o.ocVectors = 2; },
      [](CompileOptions &o) { o.ohBlock = 2; },
      [](CompileOptions &o) { o.cBlock = 64; },
      [](CompileOptions &o) { o.winograd = WinogradPolicy::Never; },
      [](CompileOptions &o) { o.exact = true; },
      [](CompileOptions &o) { o.device = Device::GPU; },
      [](CompileOptions &o) { o.gpuChip = "sm_80"; },
      [](CompileOptions &o) { o.gpuRegM = 2; },
      [](CompileOptions &o) { o.gpuRegN = 2; },
      [](CompileOptions &o) { o.gpuTileK = 8; },
      [](CompileOptions &o) { o.gpuSplitK = 2; },
      [](CompileOptions &o) { o.gpuDepthwiseKernel = false; },
      [](CompileOptions &o) { o.cudaRuntimeLibrary = "/lib.so"; },
  };
  for (auto [i, change] : llvm::enumerate(changes)) {
    CompileOptions other = base;
    EXPECT_EQ(other, base);
    change(other);
    EXPECT_NE(other, base) << "field " << i;
    EXPECT_NE(hash_value(other), hash_value(base)) << "field " << i;
  }
}

TEST(CompileOptionsTest, ChoiceNamesRoundTrip) {
  for (ConvStrategy s : {ConvStrategy::Direct, ConvStrategy::Linalg})
    EXPECT_EQ(parseConvStrategy(stringifyConvStrategy(s)), s);
  for (WinogradPolicy p :
       {WinogradPolicy::Auto, WinogradPolicy::Never, WinogradPolicy::Always})
    EXPECT_EQ(parseWinogradPolicy(stringifyWinogradPolicy(p)), p);
  for (Device d : {Device::CPU, Device::GPU})
    EXPECT_EQ(parseDevice(stringifyDevice(d)), d);
  EXPECT_EQ(stringifyDevice(Device::GPU), "cuda");
  EXPECT_EQ(parseDevice("gpu"), Device::GPU);
  EXPECT_EQ(parseConvStrategy("Direct"), std::nullopt);
  EXPECT_EQ(parseWinogradPolicy("sometimes"), std::nullopt);
  EXPECT_EQ(parseDevice("tpu"), std::nullopt);
}

} // namespace
