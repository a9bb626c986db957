//===- CHeader.h - C declarations of compiled conv functions ----*- C++ -*-===//
//
// Part of mlir-conv. The C header of an ahead-of-time object: for each
// function, the memref descriptor of each tensor (`{allocated, aligned,
// offset, sizes[R], strides[R]}` of float, double or uint16_t for f16/bf16)
// and the `_mlir_ciface_` entry point, whose arguments are pointers to the
// input descriptors followed by the output descriptors the caller fills.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_AOT_CHEADER_H
#define MLIR_CONV_AOT_CHEADER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::conv::aot {

/// The header declaring the public functions of `module` (still on tensors,
/// as given to compileToObject), with include guard `guardName`. Fails,
/// naming the function and argument, on a type C cannot take (a dynamic
/// shape, an element type other than f16, bf16, f32, f64).
llvm::Expected<std::string> writeCHeader(ModuleOp module,
                                         llvm::StringRef guardName);

} // namespace mlir::conv::aot

#endif // MLIR_CONV_AOT_CHEADER_H
