//===- SetLLVMTarget.cpp - The conv-set-llvm-target pass ------------------===//
//
// Part of mlir-conv. Attaches target_cpu / target_features to llvm.funcs.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "mlir-conv/Target/CpuTarget.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVSETLLVMTARGETPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

namespace {
struct ConvSetLLVMTargetPass
    : conv::impl::ConvSetLLVMTargetPassBase<ConvSetLLVMTargetPass> {
  using Base::Base;
  void runOnOperation() override {
    // '' leaves an attribute alone; anything else is resolved as the
    // planner resolves it, so the code is compiled for what was planned.
    std::string cpu = targetCPU, features = targetFeatures;
    if (!cpu.empty() || !features.empty()) {
      llvm::Expected<conv::CpuTarget> target = conv::resolveCpuTarget(
          cpu.empty() ? "host" : cpu, features.empty() ? "host" : features,
          targetTriple);
      if (!target) {
        emitError(getOperation()->getLoc())
            << "conv-set-llvm-target: " << llvm::toString(target.takeError());
        return signalPassFailure();
      }
      if (!cpu.empty())
        cpu = target->cpu;
      if (!features.empty())
        features = target->features;
    }
    MLIRContext *ctx = &getContext();
    if (!std::string(targetTriple).empty())
      getOperation()->setAttr(LLVM::LLVMDialect::getTargetTripleAttrName(),
                              StringAttr::get(ctx, targetTriple));
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
