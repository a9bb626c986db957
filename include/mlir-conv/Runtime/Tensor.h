//===- Tensor.h - Host tensors for running and checking convs ---*- C++ -*-===//
//
// Part of mlir-conv. A small owning, contiguous, row-major host tensor of one
// of the floating-point element types the conv operator supports, plus the
// scalar f16/bf16 conversions it needs. Independent of MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_TENSOR_H
#define MLIR_CONV_RUNTIME_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

namespace mlir::conv::runtime {

/// The element types a runtime tensor can hold.
enum class DType { F16, BF16, F32, F64 };

/// The size of one element of `dtype` in bytes.
size_t getDTypeSize(DType dtype);
/// The MLIR spelling of `dtype`: "f16", "bf16", "f32" or "f64".
llvm::StringRef getDTypeName(DType dtype);
/// The inverse of `getDTypeName`; nullopt for any other string.
std::optional<DType> parseDTypeName(llvm::StringRef name);

/// Decodes IEEE binary16 bits (exact).
float halfBitsToFloat(uint16_t bits);
/// Encodes `value` as IEEE binary16, rounding to nearest even. Overflow gives
/// infinity, tiny values give subnormals or signed zero, NaN stays a quiet NaN.
uint16_t floatToHalfBits(float value);
/// Decodes bfloat16 bits (exact).
float bf16BitsToFloat(uint16_t bits);
/// Encodes `value` as bfloat16, rounding to nearest even; NaN stays a quiet
/// NaN.
uint16_t floatToBF16Bits(float value);
/// Like `floatToHalfBits`, but rounds a double only once (no double rounding
/// through float).
uint16_t doubleToHalfBits(double value);
/// Like `floatToBF16Bits`, but rounds a double only once.
uint16_t doubleToBF16Bits(double value);

/// An owning, contiguous, row-major tensor whose buffer is 64-byte aligned.
/// Move-only. A rank-0 tensor holds one element.
class Tensor {
public:
  /// A zero-initialised tensor. Every extent must be non-negative and the
  /// element count must fit int64_t (checked; violations are fatal errors).
  Tensor(DType dtype, llvm::ArrayRef<int64_t> shape);

  /// Like the constructor, but a negative extent, an element count that
  /// overflows, or memory that cannot be allocated is an error, not fatal:
  /// for shapes that come from users.
  static llvm::Expected<Tensor> create(DType dtype,
                                       llvm::ArrayRef<int64_t> shape);

  /// Overwrites every element with the values `random(dtype(), shape(),
  /// seed)` would have.
  void fillRandom(uint64_t seed);

  /// Tensors move (a moved-from tensor may only be assigned or destroyed)
  /// but never copy implicitly; use `convertTo(dtype())` for a copy.
  Tensor(Tensor &&) = default;
  Tensor &operator=(Tensor &&) = default;
  Tensor(const Tensor &) = delete;
  Tensor &operator=(const Tensor &) = delete;

  /// Deterministic values drawn uniformly from [-1, 1) by a splitmix64
  /// generator seeded with `seed`, each rounded to `dtype` (values that round
  /// up to 1 are replaced by the largest representable value below 1).
  static Tensor random(DType dtype, llvm::ArrayRef<int64_t> shape,
                       uint64_t seed);

  /// The element type.
  DType dtype() const { return elementType; }
  /// The extents, outermost first.
  llvm::ArrayRef<int64_t> shape() const { return dims; }
  /// The number of dimensions.
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  /// The number of elements (1 for rank 0).
  int64_t numElements() const { return elementCount; }
  /// `numElements() * getDTypeSize(dtype())`.
  size_t sizeInBytes() const {
    return static_cast<size_t>(elementCount) * getDTypeSize(elementType);
  }
  /// The raw buffer (f16/bf16 elements are stored as uint16_t bits).
  void *data() { return buffer.get(); }
  /// The raw buffer (f16/bf16 elements are stored as uint16_t bits).
  const void *data() const { return buffer.get(); }

  /// The element at row-major `linearIndex`, widened exactly to double.
  double get(int64_t linearIndex) const;
  /// Stores `value` at row-major `linearIndex`, rounding it once (to nearest
  /// even) to the element type.
  void set(int64_t linearIndex, double value);

  /// A copy with every element rounded to `dtype`.
  Tensor convertTo(DType dtype) const;

  /// A copy with its dimensions permuted like linalg.transpose: dimension
  /// `d` of the result is dimension `permutation[d]` of this tensor (e.g.
  /// {0, 3, 1, 2} turns NHWC into NCHW). `permutation` must be a
  /// permutation of [0, rank()).
  Tensor permuted(llvm::ArrayRef<int64_t> permutation) const;

  /// The shape as "1x3x8x8" (the empty string for rank 0).
  std::string shapeString() const;

private:
  Tensor() = default;

  /// Releases memory obtained from std::aligned_alloc.
  struct FreeDeleter {
    void operator()(void *ptr) const { std::free(ptr); }
  };

  /// The element type, extents, element count and aligned storage.
  DType elementType = DType::F32;
  llvm::SmallVector<int64_t, 4> dims;
  int64_t elementCount = 0;
  std::unique_ptr<void, FreeDeleter> buffer;
};

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_TENSOR_H
