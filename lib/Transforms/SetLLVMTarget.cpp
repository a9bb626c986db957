//===- SetLLVMTarget.cpp - The conv-set-llvm-target pass ------------------===//
//
// Part of mlir-conv. Attaches target_cpu / target_features to llvm.funcs.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVSETLLVMTARGETPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

/// The host's features as a "+a,-b,..." string.
static std::string getHostFeatures() {
  std::string features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures()) {
    if (!features.empty())
      features += ",";
    features += (feature.second ? "+" : "-") + feature.first().str();
  }
  return features;
}

namespace {
struct ConvSetLLVMTargetPass
    : conv::impl::ConvSetLLVMTargetPassBase<ConvSetLLVMTargetPass> {
  using Base::Base;
  void runOnOperation() override {
    std::string cpu = targetCPU == "host" ? llvm::sys::getHostCPUName().str()
                                          : std::string(targetCPU);
    std::string features =
        targetFeatures == "host" ? getHostFeatures() : targetFeatures;
    MLIRContext *ctx = &getContext();
    getOperation().walk([&](LLVM::LLVMFuncOp func) {
      if (func.isExternal())
        return;
      if (!cpu.empty())
        func.setTargetCpuAttr(StringAttr::get(ctx, cpu));
      if (!features.empty())
        func.setTargetFeaturesAttr(
            LLVM::TargetFeaturesAttr::get(ctx, features));
    });
  }
};
} // namespace
