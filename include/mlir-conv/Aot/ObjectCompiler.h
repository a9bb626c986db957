//===- ObjectCompiler.h - Ahead-of-time object files ------------*- C++ -*-===//
//
// Part of mlir-conv. Compiles the public functions of a module of conv
// functions ahead of time: the conv-to-llvm pipeline (for a named CPU), LLVM
// IR, an object file, and a C header that declares each function with its
// tensors as plain C memref descriptors. The object needs only the C library
// (malloc, free, memcpy) at run time, and the OpenMP runtime when compiled
// for more than one thread: no MLIR, no LLVM.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_AOT_OBJECTCOMPILER_H
#define MLIR_CONV_AOT_OBJECTCOMPILER_H

#include "mlir-conv/Runtime/CompileOptions.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::conv::aot {

/// What an ahead-of-time compile writes.
enum class ObjectKind {
  /// An object file (ELF for the target).
  Object,
  /// The target's assembly (for reading it, or llvm-mca).
  Assembly,
};

/// What an ahead-of-time compile produced.
struct ObjectFile {
  /// The object file's bytes, or the assembly text.
  std::string object;
  /// A C header declaring every compiled function (see `writeCHeader`).
  std::string header;
  /// The pass pipeline that lowered the module (conv-opt replays it).
  std::string pipeline;
};

/// Lowers every public function of `module` (a clone; `module` is not
/// changed) with the conv-to-llvm pipeline for `options`' target and
/// strategy, results as caller-provided out-params, and compiles it to an
/// object file for that CPU. `guardName` names the header's include guard.
/// Every argument and result must be a ranked tensor with a static shape.
llvm::Expected<ObjectFile>
compileToObject(ModuleOp module, const runtime::CompileOptions &options,
                llvm::StringRef guardName,
                ObjectKind kind = ObjectKind::Object);

} // namespace mlir::conv::aot

#endif // MLIR_CONV_AOT_OBJECTCOMPILER_H
