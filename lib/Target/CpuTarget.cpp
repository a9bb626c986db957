//===- CpuTarget.cpp - The CPU a kernel is planned and compiled for -------===//
//
// Part of mlir-conv.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Target/CpuTarget.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <cstdlib>
#include <memory>
#include <unistd.h>

using namespace mlir::conv;

namespace {
/// What a CPU's data sheet gives: caches and FMA issue width.
struct CpuFacts {
  uint64_t l1KiB, l2KiB, l3MiB;
  unsigned fmaPerCycle;
};
} // namespace

/// The known facts of the LLVM CPU `cpu` (docs/Target.md gives the
/// sources), or conservative ones (a client core of 2013) for others.
static CpuFacts getCpuFacts(llvm::StringRef cpu) {
  return llvm::StringSwitch<CpuFacts>(cpu)
      .Cases({"haswell", "broadwell", "skylake", "cannonlake"}, {32, 256, 8, 2})
      .Cases({"skylake-avx512", "cascadelake", "cooperlake"}, {32, 1024, 32, 2})
      .Cases({"icelake-client", "tigerlake", "rocketlake"}, {48, 512, 8, 1})
      .Case("icelake-server", {48, 1280, 32, 2})
      .Cases({"alderlake", "raptorlake", "meteorlake", "arrowlake"},
             {48, 1280, 24, 2})
      .Cases({"sapphirerapids", "emeraldrapids", "graniterapids"},
             {48, 2048, 64, 2})
      .Case("znver1", {32, 512, 8, 1})
      .Cases({"znver2", "znver3"}, {32, 512, 32, 2})
      .Case("znver4", {32, 1024, 32, 1})
      .Case("znver5", {48, 1024, 32, 2})
      .Cases({"neoverse-n1", "neoverse-n2"}, {64, 1024, 32, 2})
      .Cases({"neoverse-v1", "neoverse-v2"}, {64, 1024, 32, 4})
      .Default({32, 256, 8, 2});
}

bool CpuTarget::hasFeature(llvm::StringRef feature) const {
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(features).split(items, ',');
  return llvm::is_contained(items, ("+" + feature).str());
}

bool CpuTarget::isX86() const { return llvm::Triple(triple).isX86(); }

bool CpuTarget::isAArch64() const { return llvm::Triple(triple).isAArch64(); }

static std::string formatBytes(uint64_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0)
    return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " B";
}

std::string CpuTarget::str() const {
  return cpu + " (" + triple + "): " + std::to_string(vectorBits) +
         "-bit vectors x " + std::to_string(vectorRegisters) + " registers, " +
         std::to_string(fmaPerCycle) + " FMA/cycle, L1 " +
         formatBytes(l1Bytes) + ", L2 " + formatBytes(l2Bytes) + ", L3 " +
         formatBytes(l3Bytes) + " (" + cacheSource + ")";
}

bool CpuTarget::operator==(const CpuTarget &other) const {
  return triple == other.triple && cpu == other.cpu &&
         features == other.features && vectorBits == other.vectorBits &&
         vectorRegisters == other.vectorRegisters &&
         fmaPerCycle == other.fmaPerCycle && l1Bytes == other.l1Bytes &&
         l2Bytes == other.l2Bytes && l3Bytes == other.l3Bytes &&
         cacheSource == other.cacheSource;
}

/// Reads the host's L1 data, L2 and L3 sizes into `target` where the OS
/// reports the first two (glibc's sysconf).
static void readHostCaches(CpuTarget &target) {
#if defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE) &&       \
    defined(_SC_LEVEL3_CACHE_SIZE)
  long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE);
  long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
  long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
  if (l1 <= 0 || l2 <= 0)
    return;
  target.l1Bytes = static_cast<uint64_t>(l1);
  target.l2Bytes = static_cast<uint64_t>(l2);
  if (l3 > 0)
    target.l3Bytes = static_cast<uint64_t>(l3);
  target.cacheSource = "host";
#else
  (void)target;
#endif
}

llvm::Expected<CpuTarget> mlir::conv::resolveCpuTarget(llvm::StringRef cpu,
                                                       llvm::StringRef features,
                                                       llvm::StringRef triple) {
  // LLVM's target registry is process-wide and its registration is not
  // thread-safe (passes resolve targets from parallel function pipelines):
  // register once.
  static const bool registered = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargetMCs();
    return true;
  }();
  (void)registered;
  CpuTarget target;
  target.triple = llvm::Triple::normalize(
      triple.empty() ? llvm::sys::getProcessTriple() : triple.str());
  llvm::Triple parsed(target.triple);
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(parsed, error);
  if (!llvmTarget)
    return llvm::createStringError("unknown target triple '" + triple.str() +
                                   "': " + error);
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      llvmTarget->createMCSubtargetInfo(parsed, "", ""));
  if (!generic)
    return llvm::createStringError("no subtarget information for " +
                                   target.triple);

  // "host" is the CPU MLIR_CONV_HOST_CPU names, or this machine.
  bool realHost = false;
  if (cpu.empty() || cpu == "host") {
    const char *named = std::getenv(kHostCpuEnvVar);
    if (named && *named) {
      target.cpu = named;
    } else if (!triple.empty() &&
               parsed != llvm::Triple(llvm::sys::getProcessTriple())) {
      return llvm::createStringError("target CPU 'host' is not a CPU of " +
                                     target.triple + ": name one");
    } else {
      target.cpu = llvm::sys::getHostCPUName().str();
      realHost = true;
    }
  } else {
    target.cpu = cpu.str();
  }
  if (!generic->isCPUStringValid(target.cpu))
    return llvm::createStringError(
        "unknown target CPU '" + target.cpu + "' for " + target.triple +
        (realHost ? "" : " (`llc -mcpu=help` lists the known ones)"));

  // The feature changes: the real host's as the OS reports them, or the
  // user's on top of the CPU's own.
  llvm::StringSet<> known;
  for (const llvm::SubtargetFeatureKV &kv : generic->getAllProcessorFeatures())
    known.insert(kv.Key);
  std::string changes;
  if (features == "host") {
    if (realHost)
      for (const auto &feature : llvm::sys::getHostCPUFeatures())
        if (known.contains(feature.first()))
          changes += std::string(changes.empty() ? "" : ",") +
                     (feature.second ? "+" : "-") + feature.first().str();
  } else {
    llvm::SmallVector<llvm::StringRef> items;
    features.split(items, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef item : items) {
      item = item.trim();
      if (item.size() < 2 || (item[0] != '+' && item[0] != '-') ||
          !known.contains(item.drop_front()))
        return llvm::createStringError(
            "unknown target feature '" + item.str() + "' for " + target.triple +
            " (expected +name or -name of a feature that " +
            "`llc -mattr=help` lists)");
      changes += (changes.empty() ? "" : ",") + item.str();
    }
  }
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      llvmTarget->createMCSubtargetInfo(parsed, target.cpu, changes));
  for (const llvm::SubtargetFeatureKV &kv : info->getAllProcessorFeatures())
    target.features += std::string(target.features.empty() ? "" : ",") +
                       (info->getFeatureBits().test(kv.Value) ? "+" : "-") +
                       kv.Key;

  if (target.isX86()) {
    bool avx512 = target.hasFeature("avx512f");
    target.vectorBits = avx512 ? 512 : target.hasFeature("avx") ? 256 : 128;
    target.vectorRegisters = avx512 ? 32 : 16;
  } else if (target.isAArch64()) {
    target.vectorBits = 128;
    target.vectorRegisters = 32;
  }
  CpuFacts facts = getCpuFacts(target.cpu);
  target.fmaPerCycle = facts.fmaPerCycle;
  target.l1Bytes = facts.l1KiB * 1024;
  target.l2Bytes = facts.l2KiB * 1024;
  target.l3Bytes = facts.l3MiB * 1024 * 1024;
  if (realHost)
    readHostCaches(target);
  return target;
}
