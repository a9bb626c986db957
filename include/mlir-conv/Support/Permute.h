//===- Permute.h - Permute the dimensions of a dense buffer -----*- C++ -*-===//
//
// Part of mlir-conv. The dimension permutation of linalg.transpose on a
// row-major buffer of elements of any byte size: compile-time folding of a
// constant filter's layout transpose and the runtime's Tensor::permuted.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_SUPPORT_PERMUTE_H
#define MLIR_CONV_SUPPORT_PERMUTE_H

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <cstdint>

namespace mlir::conv {

/// Writes to `to` the row-major buffer `from` (of `shape`, elements of
/// `elementBytes` bytes) with its dimensions permuted: dimension `d` of the
/// result is dimension `permutation[d]` of `from`. `to` holds as many bytes
/// as `from`; `permutation` is a permutation of [0, shape.size()).
void permuteElements(const char *from, char *to, size_t elementBytes,
                     llvm::ArrayRef<int64_t> shape,
                     llvm::ArrayRef<int64_t> permutation);

} // namespace mlir::conv

#endif // MLIR_CONV_SUPPORT_PERMUTE_H
