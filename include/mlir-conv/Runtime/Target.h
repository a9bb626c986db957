//===- Target.h - The CPU a kernel is compiled for --------------*- C++ -*-===//
//
// Part of mlir-conv.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_TARGET_H
#define MLIR_CONV_RUNTIME_TARGET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::conv::runtime {

/// The LLVM target features that `features` stands for when compiling for
/// `cpu`: "host" with a named CPU means that CPU's own features ("haswell":
/// AVX2 and FMA, no AVX-512), so that naming a CPU alone plans and compiles
/// for it rather than for this machine; anything else is returned as given.
/// Fails for a CPU name LLVM does not know.
llvm::Expected<std::string> resolveTargetFeatures(llvm::StringRef cpu,
                                                  llvm::StringRef features);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_TARGET_H
