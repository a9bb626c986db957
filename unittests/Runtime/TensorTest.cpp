//===- TensorTest.cpp - Tests of runtime tensors and f16/bf16 -------------===//
//
// Part of mlir-conv. Checks the scalar conversions against known bit patterns
// (and the compiler's _Float16 where available) and the Tensor class.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/ADT/bit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir::conv::runtime;

namespace {

/// A float from its bits.
float fromBits(uint32_t bits) { return llvm::bit_cast<float>(bits); }

TEST(DTypeTest, NamesSizesAndParsing) {
  for (DType dtype : {DType::F16, DType::BF16, DType::F32, DType::F64})
    EXPECT_EQ(parseDTypeName(getDTypeName(dtype)), dtype);
  EXPECT_EQ(getDTypeName(DType::BF16), "bf16");
  EXPECT_EQ(getDTypeSize(DType::F16), 2u);
  EXPECT_EQ(getDTypeSize(DType::BF16), 2u);
  EXPECT_EQ(getDTypeSize(DType::F32), 4u);
  EXPECT_EQ(getDTypeSize(DType::F64), 8u);
  EXPECT_EQ(parseDTypeName("f8"), std::nullopt);
  EXPECT_EQ(parseDTypeName("F32"), std::nullopt);
  EXPECT_EQ(parseDTypeName(""), std::nullopt);
}

TEST(HalfTest, KnownBitPatterns) {
  EXPECT_EQ(floatToHalfBits(1.0f), 0x3C00);
  EXPECT_EQ(floatToHalfBits(-2.0f), 0xC000);
  EXPECT_EQ(floatToHalfBits(0.5f), 0x3800);
  EXPECT_EQ(floatToHalfBits(0.0f), 0x0000);
  EXPECT_EQ(floatToHalfBits(-0.0f), 0x8000);
  EXPECT_EQ(floatToHalfBits(65504.0f), 0x7BFF);
  EXPECT_EQ(floatToHalfBits(0x1p-14f), 0x0400); // Smallest normal.
  EXPECT_EQ(floatToHalfBits(0x1p-24f), 0x0001); // Smallest subnormal.
  EXPECT_EQ(floatToHalfBits(1023 * 0x1p-24f), 0x03FF);
  EXPECT_EQ(floatToHalfBits(std::numeric_limits<float>::infinity()), 0x7C00);
  EXPECT_EQ(floatToHalfBits(-std::numeric_limits<float>::infinity()), 0xFC00);
  EXPECT_EQ(floatToHalfBits(1e10f), 0x7C00);
  EXPECT_EQ(floatToHalfBits(-1e10f), 0xFC00);
  EXPECT_EQ(floatToHalfBits(1e-10f), 0x0000);
  EXPECT_EQ(floatToHalfBits(-1e-10f), 0x8000);
  EXPECT_EQ(floatToHalfBits(fromBits(1)), 0x0000); // Float subnormal.

  EXPECT_EQ(halfBitsToFloat(0x3C00), 1.0f);
  EXPECT_EQ(halfBitsToFloat(0x7BFF), 65504.0f);
  EXPECT_EQ(halfBitsToFloat(0x0001), 0x1p-24f);
  EXPECT_EQ(halfBitsToFloat(0x8001), -0x1p-24f);
  EXPECT_EQ(halfBitsToFloat(0x3555), 0x1.554p-2f);
  EXPECT_TRUE(std::signbit(halfBitsToFloat(0x8000)));
  EXPECT_EQ(halfBitsToFloat(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(halfBitsToFloat(0x7E00)));
  EXPECT_TRUE(std::isnan(halfBitsToFloat(0x7C01)));
}

TEST(HalfTest, RoundsToNearestEven) {
  // Ties between 1 and the next half (1 + 2^-10) go to the even mantissa.
  EXPECT_EQ(floatToHalfBits(1.0f + 0x1p-11f), 0x3C00);
  EXPECT_EQ(floatToHalfBits(1.0f + 3 * 0x1p-11f), 0x3C02);
  EXPECT_EQ(floatToHalfBits(1.0f + 0x1p-11f + 0x1p-23f), 0x3C01);
  EXPECT_EQ(floatToHalfBits(1.0f + 0x1p-11f - 0x1p-23f), 0x3C00);
  // Overflow threshold: 65520 is the tie between 65504 and 65536 (odd ->
  // rounds up to infinity); anything below stays finite.
  EXPECT_EQ(floatToHalfBits(65519.996f), 0x7BFF);
  EXPECT_EQ(floatToHalfBits(65520.0f), 0x7C00);
  EXPECT_EQ(floatToHalfBits(-65520.0f), 0xFC00);
  // Subnormal ties: 2^-25 is halfway between 0 and 2^-24 (-> 0); 3 * 2^-25
  // is halfway between 1 and 2 units (-> 2).
  EXPECT_EQ(floatToHalfBits(0x1p-25f), 0x0000);
  EXPECT_EQ(floatToHalfBits(0x1.000002p-25f), 0x0001);
  EXPECT_EQ(floatToHalfBits(3 * 0x1p-25f), 0x0002);
  EXPECT_EQ(floatToHalfBits(5 * 0x1p-25f), 0x0002);
  // Rounding up out of the subnormal range gives the smallest normal.
  EXPECT_EQ(floatToHalfBits(0x1p-14f - 0x1p-26f), 0x0400);
  // Rounding up to the next binade.
  EXPECT_EQ(floatToHalfBits(2.0f - 0x1p-12f), 0x4000);
}

TEST(HalfTest, NaNStaysQuietNaN) {
  uint16_t bits = floatToHalfBits(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(bits & 0x7C00, 0x7C00);
  EXPECT_NE(bits & 0x0200, 0);
  // A signalling NaN whose payload is only in the low bits stays a NaN.
  uint16_t signalling = floatToHalfBits(fromBits(0x7F800001));
  EXPECT_TRUE(std::isnan(halfBitsToFloat(signalling)));
  EXPECT_EQ(floatToHalfBits(fromBits(0xFFC00000)) & 0x8000, 0x8000);
}

TEST(HalfTest, AllBitPatternsRoundTrip) {
  for (uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
    float value = halfBitsToFloat(static_cast<uint16_t>(bits));
    uint16_t back = floatToHalfBits(value);
    if ((bits & 0x7C00) == 0x7C00 && (bits & 0x3FF)) {
      ASSERT_TRUE(std::isnan(value)) << bits;
      ASSERT_TRUE(std::isnan(halfBitsToFloat(back))) << bits;
      continue;
    }
    ASSERT_EQ(back, bits) << std::hex << bits;
    // Independent decoding: (-1)^s * 2^(e-15) * (1 + m/1024) or subnormal.
    int exponent = (bits >> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F)
      continue;
    double expected = exponent == 0
                          ? std::ldexp(mantissa, -24)
                          : std::ldexp(1024 + mantissa, exponent - 25);
    if (bits & 0x8000)
      expected = -expected;
    ASSERT_EQ(static_cast<double>(value), expected) << std::hex << bits;
  }
}

#if defined(__FLT16_MAX__)
TEST(HalfTest, MatchesCompilerFloat16) {
  // All combinations of the top 20 bits (sign, exponent, the 10 kept
  // mantissa bits and the round bit) with low bits that make ties, values
  // just above ties and sticky bits.
  for (uint32_t high = 0; high < (1u << 20); ++high) {
    for (uint32_t low : {0x000u, 0x001u, 0x7FFu, 0x800u, 0xFFFu}) {
      float value = fromBits((high << 12) | low);
      if (std::isnan(value))
        continue;
      ASSERT_EQ(floatToHalfBits(value),
                llvm::bit_cast<uint16_t>(static_cast<_Float16>(value)))
          << std::hex << ((high << 12) | low);
    }
  }
}
#endif

TEST(BF16Test, KnownBitPatterns) {
  EXPECT_EQ(floatToBF16Bits(1.0f), 0x3F80);
  EXPECT_EQ(floatToBF16Bits(-2.0f), 0xC000);
  EXPECT_EQ(floatToBF16Bits(0.0f), 0x0000);
  EXPECT_EQ(floatToBF16Bits(-0.0f), 0x8000);
  EXPECT_EQ(bf16BitsToFloat(0x3F80), 1.0f);
  EXPECT_EQ(bf16BitsToFloat(0x4049), 3.140625f);
  EXPECT_EQ(floatToBF16Bits(3.14159265f), 0x4049);
  EXPECT_EQ(floatToBF16Bits(std::numeric_limits<float>::infinity()), 0x7F80);
  // The largest finite float rounds up to infinity in bf16.
  EXPECT_EQ(floatToBF16Bits(std::numeric_limits<float>::max()), 0x7F80);
  EXPECT_EQ(floatToBF16Bits(fromBits(0x7F7F7FFF)), 0x7F7F);
  // Ties to even.
  EXPECT_EQ(floatToBF16Bits(1.0f + 0x1p-8f), 0x3F80);
  EXPECT_EQ(floatToBF16Bits(1.0f + 3 * 0x1p-8f), 0x3F82);
  EXPECT_EQ(floatToBF16Bits(1.0f + 0x1p-8f + 0x1p-23f), 0x3F81);
  // Subnormals are rounded like everything else.
  EXPECT_EQ(floatToBF16Bits(fromBits(0x00008000)), 0x0000);
  EXPECT_EQ(floatToBF16Bits(fromBits(0x00018000)), 0x0002);
}

TEST(BF16Test, NaNStaysQuietNaN) {
  EXPECT_EQ(floatToBF16Bits(std::numeric_limits<float>::quiet_NaN()), 0x7FC0);
  // A signalling NaN with payload only in the low 16 bits must not become
  // infinity.
  uint16_t bits = floatToBF16Bits(fromBits(0x7F800001));
  EXPECT_EQ(bits, 0x7FC0);
  EXPECT_EQ(floatToBF16Bits(fromBits(0xFF800001)), 0xFFC0);
}

TEST(BF16Test, AllBitPatternsRoundTrip) {
  for (uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
    float value = bf16BitsToFloat(static_cast<uint16_t>(bits));
    ASSERT_EQ(llvm::bit_cast<uint32_t>(value), bits << 16);
    uint16_t back = floatToBF16Bits(value);
    if (std::isnan(value))
      ASSERT_TRUE(std::isnan(bf16BitsToFloat(back)));
    else
      ASSERT_EQ(back, bits) << std::hex << bits;
  }
}

TEST(DoubleRoundingTest, DoubleConversionsRoundOnce) {
  // 1 + 2^-11 + 2^-40 is just above the f16 tie; through float it would land
  // exactly on the tie and round down.
  double aboveHalfTie = 1.0 + 0x1p-11 + 0x1p-40;
  EXPECT_EQ(floatToHalfBits(static_cast<float>(aboveHalfTie)), 0x3C00);
  EXPECT_EQ(doubleToHalfBits(aboveHalfTie), 0x3C01);
  EXPECT_EQ(doubleToHalfBits(1.0 + 0x1p-11 - 0x1p-40), 0x3C00);
  EXPECT_EQ(doubleToHalfBits(1.0 + 0x1p-11), 0x3C00);
  EXPECT_EQ(doubleToHalfBits(-(1.0 + 0x1p-11 + 0x1p-40)), 0xBC01);
  double aboveBF16Tie = 1.0 + 0x1p-8 + 0x1p-40;
  EXPECT_EQ(floatToBF16Bits(static_cast<float>(aboveBF16Tie)), 0x3F80);
  EXPECT_EQ(doubleToBF16Bits(aboveBF16Tie), 0x3F81);
  // Tiny and huge doubles.
  EXPECT_EQ(doubleToHalfBits(1e-300), 0x0000);
  EXPECT_EQ(doubleToHalfBits(-1e-300), 0x8000);
  EXPECT_EQ(doubleToHalfBits(0x1p-25 + 0x1p-70), 0x0001);
  EXPECT_EQ(doubleToHalfBits(1e300), 0x7C00);
  EXPECT_EQ(doubleToBF16Bits(1e300), 0x7F80);
  EXPECT_EQ(doubleToBF16Bits(-1e300), 0xFF80);
  EXPECT_EQ(doubleToBF16Bits(std::numeric_limits<double>::quiet_NaN()) & 0x7FC0,
            0x7FC0);
  EXPECT_EQ(doubleToHalfBits(std::numeric_limits<double>::infinity()), 0x7C00);
}

TEST(TensorTest, ConstructionAndAccessors) {
  Tensor t(DType::F32, {1, 3, 8, 8});
  EXPECT_EQ(t.dtype(), DType::F32);
  EXPECT_EQ(t.rank(), 4);
  EXPECT_EQ(t.numElements(), 192);
  EXPECT_EQ(t.sizeInBytes(), 192u * 4);
  EXPECT_EQ(t.shapeString(), "1x3x8x8");
  EXPECT_EQ(t.shape()[1], 3);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data()) % 64, 0u);
  for (int64_t i = 0; i < t.numElements(); ++i)
    ASSERT_EQ(t.get(i), 0.0);

  Tensor scalar(DType::F64, {});
  EXPECT_EQ(scalar.rank(), 0);
  EXPECT_EQ(scalar.numElements(), 1);
  EXPECT_EQ(scalar.shapeString(), "");
  scalar.set(0, 2.5);
  EXPECT_EQ(scalar.get(0), 2.5);

  Tensor empty(DType::F16, {0, 5});
  EXPECT_EQ(empty.numElements(), 0);
  EXPECT_EQ(empty.sizeInBytes(), 0u);
  EXPECT_NE(empty.data(), nullptr);
  EXPECT_EQ(empty.shapeString(), "0x5");
}

TEST(TensorTest, SetRoundsToTheDType) {
  Tensor f16(DType::F16, {4});
  f16.set(0, 0.1);
  EXPECT_EQ(f16.get(0), halfBitsToFloat(0x2E66));
  EXPECT_EQ(static_cast<const uint16_t *>(f16.data())[0], 0x2E66);
  f16.set(1, 1e6);
  EXPECT_TRUE(std::isinf(f16.get(1)));
  f16.set(2, -1.0);
  EXPECT_EQ(static_cast<const uint16_t *>(f16.data())[2], 0xBC00);

  Tensor bf16(DType::BF16, {2});
  bf16.set(0, 1.0);
  EXPECT_EQ(static_cast<const uint16_t *>(bf16.data())[0], 0x3F80);
  bf16.set(1, 0.1);
  EXPECT_EQ(bf16.get(1), static_cast<double>(bf16BitsToFloat(0x3DCD)));

  Tensor f32(DType::F32, {1});
  f32.set(0, 0.1);
  EXPECT_EQ(f32.get(0), static_cast<double>(0.1f));

  Tensor f64(DType::F64, {1});
  f64.set(0, 0.1);
  EXPECT_EQ(f64.get(0), 0.1);
}

TEST(TensorTest, MoveOnly) {
  static_assert(!std::is_copy_constructible_v<Tensor>);
  static_assert(std::is_move_constructible_v<Tensor>);
  Tensor a(DType::F32, {3});
  a.set(2, 7.0);
  const void *buffer = a.data();
  Tensor b(std::move(a));
  EXPECT_EQ(b.data(), buffer);
  EXPECT_EQ(b.get(2), 7.0);
  Tensor c(DType::F64, {1});
  c = std::move(b);
  EXPECT_EQ(c.dtype(), DType::F32);
  EXPECT_EQ(c.get(2), 7.0);
}

TEST(TensorTest, RandomIsDeterministicAndInRange) {
  for (DType dtype : {DType::F16, DType::BF16, DType::F32, DType::F64}) {
    Tensor a = Tensor::random(dtype, {7, 1000}, 42);
    Tensor b = Tensor::random(dtype, {7, 1000}, 42);
    Tensor c = Tensor::random(dtype, {7, 1000}, 43);
    ASSERT_EQ(std::memcmp(a.data(), b.data(), a.sizeInBytes()), 0);
    EXPECT_NE(std::memcmp(a.data(), c.data(), a.sizeInBytes()), 0);
    double sum = 0, minValue = 1, maxValue = -1;
    for (int64_t i = 0; i < a.numElements(); ++i) {
      double v = a.get(i);
      ASSERT_GE(v, -1.0);
      ASSERT_LT(v, 1.0);
      sum += v;
      minValue = std::min(minValue, v);
      maxValue = std::max(maxValue, v);
      // Representable: storing it again changes nothing.
      Tensor probe(dtype, {1});
      probe.set(0, v);
      ASSERT_EQ(probe.get(0), v);
    }
    EXPECT_NEAR(sum / a.numElements(), 0.0, 0.05);
    EXPECT_LT(minValue, -0.99);
    EXPECT_GT(maxValue, 0.99);
  }
}

TEST(TensorTest, ConvertTo) {
  Tensor f64(DType::F64, {2, 2});
  f64.set(0, 0.1);
  f64.set(1, -3.0);
  f64.set(2, 1e6);
  f64.set(3, 1.0 + 0x1p-11 + 0x1p-40);
  Tensor f16 = f64.convertTo(DType::F16);
  EXPECT_EQ(f16.dtype(), DType::F16);
  EXPECT_EQ(f16.shapeString(), "2x2");
  const auto *bits = static_cast<const uint16_t *>(f16.data());
  EXPECT_EQ(bits[0], 0x2E66);
  EXPECT_EQ(bits[1], 0xC200);
  EXPECT_EQ(bits[2], 0x7C00);
  EXPECT_EQ(bits[3], 0x3C01);
  Tensor back = f16.convertTo(DType::F32);
  EXPECT_EQ(back.get(1), -3.0);
  Tensor same = f64.convertTo(DType::F64);
  EXPECT_EQ(std::memcmp(same.data(), f64.data(), f64.sizeInBytes()), 0);
}

} // namespace

// permuted() follows linalg.transpose: result dimension d is dimension
// permutation[d]; NHWC -> NCHW and back gives the tensor again.
TEST(TensorTest, PermutedMovesEveryElement) {
  Tensor t = Tensor::random(DType::F16, {2, 3, 4, 5}, 3);
  Tensor nchw = t.permuted({0, 3, 1, 2});
  ASSERT_EQ(nchw.shapeString(), "2x5x3x4");
  for (int64_t n = 0; n < 2; ++n)
    for (int64_t h = 0; h < 3; ++h)
      for (int64_t w = 0; w < 4; ++w)
        for (int64_t c = 0; c < 5; ++c)
          EXPECT_EQ(nchw.get(((n * 5 + c) * 3 + h) * 4 + w),
                    t.get(((n * 3 + h) * 4 + w) * 5 + c));
  Tensor back = nchw.permuted({0, 2, 3, 1});
  ASSERT_EQ(back.shapeString(), "2x3x4x5");
  EXPECT_EQ(std::memcmp(back.data(), t.data(), t.sizeInBytes()), 0);
}
