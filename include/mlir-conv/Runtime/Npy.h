//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// Part of mlir-conv. Little-endian, C-order .npy files (format versions 1.0,
// 2.0 and 3.0) holding f16, f32, f64, or bf16 stored as uint16 bit patterns.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_NPY_H
#define MLIR_CONV_RUNTIME_NPY_H

#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace mlir::conv::runtime {

/// Reads the .npy file at `path`. Accepted descrs: `<f2` (F16), `<f4` (F32),
/// `<f8` (F64) and `<u2` (BF16 bit patterns; `<u2` is always read as BF16,
/// so `bf16Hint` currently changes nothing). Every other input, including any
/// malformed or truncated byte sequence, gives an error whose message is one
/// line of the form "<path>: <problem>".
llvm::Expected<Tensor> readNpy(llvm::StringRef path,
                               std::optional<DType> bf16Hint = std::nullopt);

/// Parses the bytes of a .npy file; `name` only prefixes error messages.
/// This is what `readNpy` does after reading the file.
llvm::Expected<Tensor> parseNpy(llvm::StringRef name, llvm::StringRef bytes);

/// Writes `tensor` to `path` as a version 1.0 .npy file (version 2.0 if the
/// header would not fit) whose data starts at a multiple of 64 bytes. BF16 is
/// written as `<u2` bit patterns.
llvm::Error writeNpy(llvm::StringRef path, const Tensor &tensor);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_NPY_H
