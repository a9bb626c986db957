//===- LoweringChoices.h - The named choices of a compile -------*- C++ -*-===//
//
// Part of mlir-conv. The enumerated choices a user makes when compiling a conv
// (strategy, Winograd policy, device), with the one spelling of each name that
// the pipelines' options, the tools, the C API and Python read and print.
// Dependency-free, so the embedding headers can use them without pulling in
// any pass header.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_SUPPORT_LOWERINGCHOICES_H
#define MLIR_CONV_SUPPORT_LOWERINGCHOICES_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::conv {

/// How the `conv-to-llvm` pipeline lowers conv.conv2d.
enum class ConvStrategy {
  /// Register-blocked vector loops where a plan exists, linalg for the rest.
  Direct,
  /// linalg named ops and generic loops only.
  Linalg,
};

/// When 3x3 stride-1 convs are computed with Winograd F(2x2, 3x3).
enum class WinogradPolicy {
  /// Where it applies and pays (winogradPays).
  Auto,
  /// Never: the direct kernels only.
  Never,
  /// Wherever it applies (winogradApplies).
  Always,
};

/// Where convs run.
enum class Device {
  /// This machine's CPU (the `conv-to-llvm` pipeline).
  CPU,
  /// An NVIDIA GPU (the `conv-to-nvvm` pipeline and the CUDA runtime).
  GPU,
};

/// "direct", "linalg".
llvm::StringRef stringifyConvStrategy(ConvStrategy strategy);
/// "auto", "never", "always".
llvm::StringRef stringifyWinogradPolicy(WinogradPolicy policy);
/// "cpu", "cuda".
llvm::StringRef stringifyDevice(Device device);

/// The inverses of the above; nullopt for any other name. parseDevice also
/// takes "gpu" for Device::GPU.
std::optional<ConvStrategy> parseConvStrategy(llvm::StringRef name);
std::optional<WinogradPolicy> parseWinogradPolicy(llvm::StringRef name);
std::optional<Device> parseDevice(llvm::StringRef name);

} // namespace mlir::conv

#endif // MLIR_CONV_SUPPORT_LOWERINGCHOICES_H
