//===- Target.cpp - The CPU a kernel is compiled for ----------------------===//
//
// Part of mlir-conv.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Target.h"

#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

using namespace mlir::conv::runtime;

llvm::Expected<std::string>
mlir::conv::runtime::resolveTargetFeatures(llvm::StringRef cpu,
                                           llvm::StringRef features) {
  if (features != "host" || cpu == "host" || cpu.empty())
    return features.str();
  // Registering the native target again is a no-op.
  llvm::InitializeNativeTarget();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError(error);
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!generic || !generic->isCPUStringValid(cpu))
    return llvm::createStringError("unknown target CPU '" + cpu.str() +
                                   "' for " + triple.str() +
                                   " (`llc -mcpu=help` lists the known ones)");
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(triple, cpu, ""));
  std::string out;
  for (const llvm::SubtargetFeatureKV &kv : info->getAllProcessorFeatures())
    if (info->getFeatureBits().test(kv.Value))
      out += (out.empty() ? "+" : ",+") + std::string(kv.Key);
  return out;
}
