//===- Tensor.cpp - Host tensors for running and checking convs -----------===//
//
// Part of mlir-conv. Scalar f16/bf16 conversions and the owning host tensor.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Tensor.h"
#include "mlir-conv/Support/Permute.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

using namespace mlir::conv::runtime;

//===----------------------------------------------------------------------===//
// DType
//===----------------------------------------------------------------------===//

size_t mlir::conv::runtime::getDTypeSize(DType dtype) {
  switch (dtype) {
  case DType::F16:
  case DType::BF16:
    return 2;
  case DType::F32:
    return 4;
  case DType::F64:
    return 8;
  }
  llvm_unreachable("unknown dtype");
}

llvm::StringRef mlir::conv::runtime::getDTypeName(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "f16";
  case DType::BF16:
    return "bf16";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DType> mlir::conv::runtime::parseDTypeName(llvm::StringRef name) {
  if (name == "f16")
    return DType::F16;
  if (name == "bf16")
    return DType::BF16;
  if (name == "f32")
    return DType::F32;
  if (name == "f64")
    return DType::F64;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Scalar conversions
//===----------------------------------------------------------------------===//

/// Shifts `magnitude` right by `shift` (1..31) rounding to nearest even.
static uint32_t shiftRightRNE(uint32_t magnitude, unsigned shift) {
  uint32_t quotient = magnitude >> shift;
  uint32_t remainder = magnitude & ((1u << shift) - 1);
  uint32_t half = 1u << (shift - 1);
  if (remainder > half || (remainder == half && (quotient & 1)))
    ++quotient;
  return quotient;
}

float mlir::conv::runtime::halfBitsToFloat(uint16_t bits) {
  uint32_t sign = static_cast<uint32_t>(bits & 0x8000) << 16;
  uint32_t exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ff;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in float.
    float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
    return sign ? -magnitude : magnitude;
  }
  if (exponent == 0x1f)
    return llvm::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
  return llvm::bit_cast<float>(sign | ((exponent + 112) << 23) |
                               (mantissa << 13));
}

uint16_t mlir::conv::runtime::floatToHalfBits(float value) {
  uint32_t bits = llvm::bit_cast<uint32_t>(value);
  uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude > 0x7f800000u) // NaN: keep the top payload bits, make quiet.
    return sign | 0x7e00 | static_cast<uint16_t>((magnitude >> 13) & 0x3ff);
  // 65520 is the midpoint between 65504 (max half) and 65536; ties go to the
  // even neighbour, which is infinity.
  if (magnitude >= 0x477ff000u)
    return sign | 0x7c00;
  if (magnitude >= 0x38800000u) // Normal half: rebias 127 -> 15.
    return sign |
           static_cast<uint16_t>(shiftRightRNE(magnitude - 0x38000000u, 13));
  // Subnormal half (units of 2^-24); float subnormals are far below range.
  uint32_t exponent = magnitude >> 23;
  unsigned shift = 126 - exponent;
  if (shift > 24)
    return sign;
  uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
  return sign | static_cast<uint16_t>(shiftRightRNE(mantissa, shift));
}

float mlir::conv::runtime::bf16BitsToFloat(uint16_t bits) {
  return llvm::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

uint16_t mlir::conv::runtime::floatToBF16Bits(float value) {
  uint32_t bits = llvm::bit_cast<uint32_t>(value);
  if ((bits & 0x7fffffffu) > 0x7f800000u)
    return static_cast<uint16_t>((bits >> 16) | 0x0040);
  // Overflow past the largest finite value correctly carries into infinity.
  bits += 0x7fffu + ((bits >> 16) & 1);
  return static_cast<uint16_t>(bits >> 16);
}

/// Converts `value` to float rounding to odd: an inexact result gets its last
/// mantissa bit forced to 1 by moving one ulp towards `value`. Rounding that
/// result again to a format with at least two fewer mantissa bits (f16, bf16)
/// equals rounding `value` directly.
static float roundToOddFloat(double value) {
  float rounded = static_cast<float>(value);
  if (std::isnan(value) || static_cast<double>(rounded) == value)
    return rounded;
  uint32_t bits = llvm::bit_cast<uint32_t>(rounded);
  if (bits & 1)
    return rounded;
  // Sign-magnitude: +1/-1 on the bits moves the magnitude up/down.
  if (std::fabs(static_cast<double>(rounded)) > std::fabs(value))
    --bits;
  else
    ++bits;
  return llvm::bit_cast<float>(bits);
}

uint16_t mlir::conv::runtime::doubleToHalfBits(double value) {
  return floatToHalfBits(roundToOddFloat(value));
}

uint16_t mlir::conv::runtime::doubleToBF16Bits(double value) {
  return floatToBF16Bits(roundToOddFloat(value));
}

//===----------------------------------------------------------------------===//
// Tensor
//===----------------------------------------------------------------------===//

llvm::Expected<Tensor> Tensor::create(DType dtype,
                                      llvm::ArrayRef<int64_t> shape) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return error("tensor with a negative extent (" + llvm::Twine(dim) + ")");
    std::optional<int64_t> product = llvm::checkedMul(count, dim);
    if (!product)
      return error("tensor element count overflows int64");
    count = *product;
  }
  size_t elementSize = getDTypeSize(dtype);
  if (static_cast<uint64_t>(count) > (SIZE_MAX - 64) / elementSize)
    return error("tensor too large");
  size_t bytes = static_cast<size_t>(count) * elementSize;
  size_t allocBytes = std::max<size_t>(64, llvm::alignTo(bytes, 64));
  void *memory = std::aligned_alloc(64, allocBytes);
  if (!memory)
    return error("cannot allocate " + llvm::Twine(uint64_t(bytes)) +
                 " bytes for a tensor");
  std::memset(memory, 0, allocBytes);
  Tensor tensor;
  tensor.elementType = dtype;
  tensor.dims.assign(shape.begin(), shape.end());
  tensor.elementCount = count;
  tensor.buffer.reset(memory);
  return std::move(tensor);
}

Tensor::Tensor(DType dtype, llvm::ArrayRef<int64_t> shape) {
  llvm::Expected<Tensor> tensor = create(dtype, shape);
  if (!tensor)
    llvm::report_fatal_error(llvm::Twine("runtime ") +
                             llvm::toString(tensor.takeError()));
  *this = std::move(*tensor);
}

/// splitmix64 (Steele, Lea, Flood 2014): a tiny, well-mixed 64-bit generator.
static uint64_t splitMix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// The largest value of `dtype` below 1.
static double largestBelowOne(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return 1.0 - 0x1p-11;
  case DType::BF16:
    return 1.0 - 0x1p-8;
  case DType::F32:
    return 1.0 - 0x1p-24;
  case DType::F64:
    return 1.0 - 0x1p-53;
  }
  llvm_unreachable("unknown dtype");
}

Tensor Tensor::random(DType dtype, llvm::ArrayRef<int64_t> shape,
                      uint64_t seed) {
  Tensor result(dtype, shape);
  result.fillRandom(seed);
  return result;
}

void Tensor::fillRandom(uint64_t seed) {
  uint64_t state = seed;
  double belowOne = largestBelowOne(elementType);
  for (int64_t i = 0, e = numElements(); i < e; ++i) {
    // 53 random bits -> [0, 1) -> [-1, 1), exact in double.
    double unit = static_cast<double>(splitMix64(state) >> 11) * 0x1p-53;
    set(i, 2.0 * unit - 1.0);
    if (get(i) >= 1.0)
      set(i, belowOne);
  }
}

double Tensor::get(int64_t linearIndex) const {
  assert(linearIndex >= 0 && linearIndex < elementCount && "out of bounds");
  const void *base = buffer.get();
  switch (elementType) {
  case DType::F16:
    return halfBitsToFloat(static_cast<const uint16_t *>(base)[linearIndex]);
  case DType::BF16:
    return bf16BitsToFloat(static_cast<const uint16_t *>(base)[linearIndex]);
  case DType::F32:
    return static_cast<const float *>(base)[linearIndex];
  case DType::F64:
    return static_cast<const double *>(base)[linearIndex];
  }
  llvm_unreachable("unknown dtype");
}

void Tensor::set(int64_t linearIndex, double value) {
  assert(linearIndex >= 0 && linearIndex < elementCount && "out of bounds");
  void *base = buffer.get();
  switch (elementType) {
  case DType::F16:
    static_cast<uint16_t *>(base)[linearIndex] = doubleToHalfBits(value);
    return;
  case DType::BF16:
    static_cast<uint16_t *>(base)[linearIndex] = doubleToBF16Bits(value);
    return;
  case DType::F32:
    static_cast<float *>(base)[linearIndex] = static_cast<float>(value);
    return;
  case DType::F64:
    static_cast<double *>(base)[linearIndex] = value;
    return;
  }
  llvm_unreachable("unknown dtype");
}

Tensor Tensor::convertTo(DType dtype) const {
  Tensor result(dtype, dims);
  if (dtype == elementType) {
    std::memcpy(result.data(), data(), sizeInBytes());
    return result;
  }
  for (int64_t i = 0; i < elementCount; ++i)
    result.set(i, get(i));
  return result;
}

Tensor Tensor::permuted(llvm::ArrayRef<int64_t> permutation) const {
  assert(static_cast<int64_t>(permutation.size()) == rank() &&
         "one entry per dimension");
  llvm::SmallVector<int64_t, 4> shape;
  for (int64_t p : permutation)
    shape.push_back(dims[p]);
  Tensor result(elementType, shape);
  permuteElements(static_cast<const char *>(data()),
                  static_cast<char *>(result.data()), getDTypeSize(elementType),
                  dims, permutation);
  return result;
}

std::string Tensor::shapeString() const {
  std::string result;
  for (int64_t i = 0, e = rank(); i < e; ++i) {
    if (i)
      result += 'x';
    result += llvm::itostr(dims[i]);
  }
  return result;
}
