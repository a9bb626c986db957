//===- CpuTarget.h - The CPU a kernel is planned and compiled for -*- C++
//-*-===//
//
// Part of mlir-conv. One description of the target CPU, resolved once, that
// the planner, the target-stamping pass, the runtime and the tools all read.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TARGET_CPUTARGET_H
#define MLIR_CONV_TARGET_CPUTARGET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir::conv {

/// The environment variable that makes "host" mean another CPU: its LLVM
/// name (e.g. `haswell`), so that anyone can plan, compile and test as that
/// CPU would (its features, vector width, registers and caches).
inline constexpr const char *kHostCpuEnvVar = "MLIR_CONV_HOST_CPU";

/// A resolved CPU target. Every field is explicit: no "host" is left.
struct CpuTarget {
  /// LLVM target triple, e.g. `x86_64-unknown-linux-gnu`.
  std::string triple;
  /// LLVM CPU name, e.g. `znver4`, `haswell`, `neoverse-n1`.
  std::string cpu;
  /// Every feature LLVM knows for the triple, each `+name` or `-name`
  /// (comma-separated): what the CPU has after the requested changes.
  std::string features;
  /// Width of a vector register in bits (512 with AVX-512, 256 with AVX,
  /// 128 for SSE or NEON).
  unsigned vectorBits = 128;
  /// Vector registers the planner may use (32 with AVX-512 or on AArch64,
  /// 16 otherwise).
  unsigned vectorRegisters = 16;
  /// Full-width vector FMAs the CPU can start per cycle.
  unsigned fmaPerCycle = 2;
  /// Data cache sizes in bytes: L1 and L2 of one core, L3 as one core sees
  /// it (the whole shared cache).
  uint64_t l1Bytes = 32 * 1024;
  uint64_t l2Bytes = 256 * 1024;
  uint64_t l3Bytes = 8 * 1024 * 1024;
  /// Where the cache sizes came from: "host" (read off this machine) or
  /// "table" (the CPU's known sizes, or a conservative default).
  std::string cacheSource = "table";

  /// Whether `feature` (without `+`) is enabled.
  bool hasFeature(llvm::StringRef feature) const;
  bool isX86() const;
  bool isAArch64() const;
  /// `znver4 (x86_64-unknown-linux-gnu): 512-bit vectors x 32 registers,
  /// 2 FMA/cycle, L1 32 KiB, L2 1 MiB, L3 32 MiB (table)`.
  std::string str() const;

  bool operator==(const CpuTarget &other) const;
  bool operator!=(const CpuTarget &other) const { return !(*this == other); }
};

/// Resolves a target from what a user names:
/// - `cpu`: an LLVM CPU name, or `host` (or empty): the CPU named by
///   MLIR_CONV_HOST_CPU when that is set, this machine's CPU otherwise;
/// - `features`: `host` for the CPU's own features (this machine's, as the
///   OS reports them, for the real host), or a comma-separated list of
///   `+name`/`-name` changes applied on top of the CPU's own features, as
///   LLVM applies them (`-avx512f` also drops what needs it);
/// - `triple`: empty for this process's triple.
/// Fails, naming the value, for an unknown CPU, triple or feature.
llvm::Expected<CpuTarget> resolveCpuTarget(llvm::StringRef cpu = "host",
                                           llvm::StringRef features = "host",
                                           llvm::StringRef triple = "");

} // namespace mlir::conv

#endif // MLIR_CONV_TARGET_CPUTARGET_H
