//===- LoweringChoices.cpp - The named choices of a compile ---------------===//
//
// Part of mlir-conv. See LoweringChoices.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Support/LoweringChoices.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir::conv;

llvm::StringRef mlir::conv::stringifyConvStrategy(ConvStrategy strategy) {
  return strategy == ConvStrategy::Linalg ? "linalg" : "direct";
}

llvm::StringRef mlir::conv::stringifyWinogradPolicy(WinogradPolicy policy) {
  switch (policy) {
  case WinogradPolicy::Never:
    return "never";
  case WinogradPolicy::Always:
    return "always";
  case WinogradPolicy::Auto:
    break;
  }
  return "auto";
}

llvm::StringRef mlir::conv::stringifyDevice(Device device) {
  return device == Device::GPU ? "cuda" : "cpu";
}

std::optional<ConvStrategy>
mlir::conv::parseConvStrategy(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<ConvStrategy>>(name)
      .Case("direct", ConvStrategy::Direct)
      .Case("linalg", ConvStrategy::Linalg)
      .Default(std::nullopt);
}

std::optional<WinogradPolicy>
mlir::conv::parseWinogradPolicy(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<WinogradPolicy>>(name)
      .Case("auto", WinogradPolicy::Auto)
      .Case("never", WinogradPolicy::Never)
      .Case("always", WinogradPolicy::Always)
      .Default(std::nullopt);
}

std::optional<Device> mlir::conv::parseDevice(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Device>>(name)
      .Case("cpu", Device::CPU)
      .Cases({"cuda", "gpu"}, Device::GPU)
      .Default(std::nullopt);
}
