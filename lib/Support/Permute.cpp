//===- Permute.cpp - Permute the dimensions of a dense buffer -------------===//
//
// Part of mlir-conv.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Support/Permute.h"

#include "llvm/ADT/SmallVector.h"

#include <cassert>
#include <cstring>

void mlir::conv::permuteElements(const char *from, char *to,
                                 size_t elementBytes,
                                 llvm::ArrayRef<int64_t> shape,
                                 llvm::ArrayRef<int64_t> permutation) {
  assert(shape.size() == permutation.size() && "one entry per dimension");
  int64_t rank = shape.size(), count = 1;
  llvm::SmallVector<int64_t, 4> strides(rank, 1), outShape, index(rank, 0);
  for (int64_t d = rank - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  for (int64_t p : permutation) {
    outShape.push_back(shape[p]);
    count *= shape[p];
  }
  // Output element i, at `index`, reads the input element whose index along
  // dimension permutation[d] is index[d].
  for (int64_t i = 0; i < count; ++i) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += index[d] * strides[permutation[d]];
    std::memcpy(to + i * elementBytes, from + source * elementBytes,
                elementBytes);
    for (int64_t d = rank - 1; d >= 0 && ++index[d] == outShape[d]; --d)
      index[d] = 0;
  }
}
