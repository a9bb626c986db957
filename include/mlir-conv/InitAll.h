//===- InitAll.h - Register everything mlir-conv uses -----------*- C++ -*-===//
//
// Part of mlir-conv. Explicit registration of the dialects, interfaces, passes
// and pipelines our tools and the runtime use (no global registration).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_INITALL_H
#define MLIR_CONV_INITALL_H

namespace mlir {
class DialectRegistry;
namespace conv {

/// Adds what the pipelines need (registerConvPipelineDialects) and the
/// dialects the import passes read (tosa, quant) to `registry`.
void registerAllDialects(DialectRegistry &registry);

/// Registers our passes and pipelines, and the upstream passes the
/// `conv-to-llvm` pipeline is made of, so every stage replays from conv-opt.
void registerAllPasses();

} // namespace conv
} // namespace mlir

#endif // MLIR_CONV_INITALL_H
