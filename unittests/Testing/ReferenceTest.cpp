//===- ReferenceTest.cpp - Tests of the reference conv2d and comparison ---===//
//
// Part of mlir-conv. Hand-computed convolutions, an independent naive loop
// for every layout pair, layout-transposition invariance and the allclose
// comparison.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Testing/Reference.h"
#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

namespace {

/// A geometry built from NCHW-style parameters in the given layouts.
ConvGeometry makeGeometry(int64_t n, int64_t c, int64_t h, int64_t w,
                          int64_t oc, int64_t kh, int64_t kw,
                          std::array<int64_t, 2> strides,
                          std::array<int64_t, 2> dilations,
                          std::array<int64_t, 4> padding, int64_t groups,
                          bool hasBias, InputLayout inputLayout,
                          FilterLayout filterLayout) {
  ConvGeometry g;
  g.batch = n;
  g.inChannels = c;
  g.inH = h;
  g.inW = w;
  g.outChannels = oc;
  g.kernelH = kh;
  g.kernelW = kw;
  g.strideH = strides[0];
  g.strideW = strides[1];
  g.dilationH = dilations[0];
  g.dilationW = dilations[1];
  g.padTop = padding[0];
  g.padBottom = padding[1];
  g.padLeft = padding[2];
  g.padRight = padding[3];
  g.groups = groups;
  g.hasBias = hasBias;
  g.inputLayout = inputLayout;
  g.filterLayout = filterLayout;
  return g;
}

/// Row-major linear index of `index` in `shape` (rank 4).
int64_t linearize(llvm::ArrayRef<int64_t> shape, std::array<int64_t, 4> index) {
  int64_t result = 0;
  for (int d = 0; d < 4; ++d)
    result = result * shape[d] + index[d];
  return result;
}

/// Position of each canonical dimension, spelled out independently of
/// ConvGeometry: `layout[i]` names the canonical dimension stored at i.
std::array<int64_t, 4> positions(const char *layout, const char *canonical) {
  std::array<int64_t, 4> result{};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      if (layout[j] == canonical[i])
        result[i] = j;
  return result;
}

/// The spelling of a layout, used to find dimension positions.
const char *name(InputLayout layout) {
  return layout == InputLayout::NHWC ? "NHWC" : "NCHW";
}
/// The spelling of a filter layout.
const char *name(FilterLayout layout) {
  switch (layout) {
  case FilterLayout::HWIO:
    return "HWIO";
  case FilterLayout::OIHW:
    return "OIHW";
  case FilterLayout::OHWI:
    return "OHWI";
  }
  return "";
}

/// Places canonical index {a, b, c, d} at `pos` in a layout-ordered index.
std::array<int64_t, 4> place(std::array<int64_t, 4> pos,
                             std::array<int64_t, 4> canonicalIndex) {
  std::array<int64_t, 4> result{};
  for (int i = 0; i < 4; ++i)
    result[pos[i]] = canonicalIndex[i];
  return result;
}

/// The naive definition, one output element at a time.
Tensor naiveConv(const ConvGeometry &g, const Tensor &x, const Tensor &w,
                 const Tensor *bias) {
  std::array<int64_t, 4> xPos = positions(name(g.inputLayout), "NCHW");
  std::array<int64_t, 4> wPos = positions(name(g.filterLayout), "OIHW");
  int64_t oh = g.outH(), ow = g.outW();
  int64_t icg = g.inChannels / g.groups, ocg = g.outChannels / g.groups;
  std::vector<int64_t> outShape(4);
  std::array<int64_t, 4> outCanonical = {g.batch, g.outChannels, oh, ow};
  for (int i = 0; i < 4; ++i)
    outShape[xPos[i]] = outCanonical[i];
  Tensor out(DType::F64, outShape);
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t o = 0; o < g.outChannels; ++o)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t z = 0; z < ow; ++z) {
          double sum = 0;
          for (int64_t i = 0; i < icg; ++i)
            for (int64_t ky = 0; ky < g.kernelH; ++ky)
              for (int64_t kx = 0; kx < g.kernelW; ++kx) {
                int64_t row = y * g.strideH - g.padTop + ky * g.dilationH;
                int64_t col = z * g.strideW - g.padLeft + kx * g.dilationW;
                if (row < 0 || row >= g.inH || col < 0 || col >= g.inW)
                  continue;
                int64_t c = (o / ocg) * icg + i;
                double xv =
                    x.get(linearize(x.shape(), place(xPos, {n, c, row, col})));
                double wv =
                    w.get(linearize(w.shape(), place(wPos, {o, i, ky, kx})));
                sum += xv * wv;
              }
          double value = (bias ? bias->get(o) : 0.0) + sum;
          out.set(linearize(out.shape(), place(xPos, {n, o, y, z})), value);
        }
  return out;
}

/// A tensor of `shape` and `dtype` filled with `value`.
Tensor filled(DType dtype, llvm::ArrayRef<int64_t> shape, double value) {
  Tensor t(dtype, shape);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.set(i, value);
  return t;
}

TEST(ReferenceConvTest, OnesWithPaddingOne) {
  ConvGeometry g =
      makeGeometry(1, 1, 3, 3, 1, 3, 3, {1, 1}, {1, 1}, {1, 1, 1, 1}, 1, false,
                   InputLayout::NCHW, FilterLayout::OIHW);
  Tensor x = filled(DType::F32, {1, 1, 3, 3}, 1.0);
  Tensor w = filled(DType::F32, {1, 1, 3, 3}, 1.0);
  Tensor out = referenceConv2D(g, x, w, nullptr);
  EXPECT_EQ(out.dtype(), DType::F64);
  EXPECT_EQ(out.shapeString(), "1x1x3x3");
  const double expected[9] = {4, 6, 4, 6, 9, 6, 4, 6, 4};
  for (int i = 0; i < 9; ++i)
    EXPECT_EQ(out.get(i), expected[i]) << i;

  // The same in NHWC/HWIO and NHWC/OHWI (all size-1 dims, so same data).
  for (FilterLayout f : {FilterLayout::HWIO, FilterLayout::OHWI}) {
    g.inputLayout = InputLayout::NHWC;
    g.filterLayout = f;
    Tensor xs = filled(DType::F16, {1, 3, 3, 1}, 1.0);
    Tensor ws =
        filled(DType::BF16, llvm::ArrayRef<int64_t>(g.filterShape()), 1.0);
    Tensor outs = referenceConv2D(g, xs, ws, nullptr);
    EXPECT_EQ(outs.shapeString(), "1x3x3x1");
    for (int i = 0; i < 9; ++i)
      EXPECT_EQ(outs.get(i), expected[i]) << i;
  }
}

TEST(ReferenceConvTest, GroupedWithBias) {
  // IC = 4, OC = 2, groups = 2: output channel 0 sees input channels 0-1,
  // output channel 1 sees 2-3. Input channel c holds c + 1 everywhere.
  ConvGeometry g =
      makeGeometry(1, 4, 2, 2, 2, 1, 1, {1, 1}, {1, 1}, {0, 0, 0, 0}, 2, true,
                   InputLayout::NCHW, FilterLayout::OIHW);
  Tensor x(DType::F32, {1, 4, 2, 2});
  for (int64_t i = 0; i < x.numElements(); ++i)
    x.set(i, static_cast<double>(i / 4 + 1));
  Tensor w(DType::F32, {2, 2, 1, 1});
  w.set(0, 1.0);  // oc 0, ic 0 (channel 0, value 1)
  w.set(1, 10.0); // oc 0, ic 1 (channel 1, value 2)
  w.set(2, 1.0);  // oc 1, ic 0 (channel 2, value 3)
  w.set(3, -1.0); // oc 1, ic 1 (channel 3, value 4)
  Tensor bias(DType::F32, {2});
  bias.set(0, 0.5);
  bias.set(1, 100.0);
  Tensor out = referenceConv2D(g, x, w, &bias);
  EXPECT_EQ(out.shapeString(), "1x2x2x2");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(out.get(i), 0.5 + 1 * 1 + 2 * 10);
    EXPECT_EQ(out.get(4 + i), 100.0 + 3 * 1 + 4 * -1);
  }
  Tensor noBias = referenceConv2D(g, x, w, nullptr);
  EXPECT_EQ(noBias.get(0), 21.0);
}

TEST(ReferenceConvTest, StridedDilatedPaddedGroupedMatchesNaiveLoop) {
  int seed = 0;
  for (InputLayout in : {InputLayout::NCHW, InputLayout::NHWC}) {
    for (FilterLayout f :
         {FilterLayout::OIHW, FilterLayout::HWIO, FilterLayout::OHWI}) {
      ConvGeometry g = makeGeometry(2, 6, 9, 11, 4, 3, 2, {2, 1}, {1, 3},
                                    {1, 0, 2, 1}, 2, true, in, f);
      ASSERT_EQ(g.outH(), 4);  // (9 + 1 - 2 - 1) / 2 + 1
      ASSERT_EQ(g.outW(), 11); // (11 + 3 - 3 - 1) / 1 + 1
      Tensor x = Tensor::random(DType::F32, g.inputShape(), ++seed);
      Tensor w = Tensor::random(DType::F16, g.filterShape(), ++seed);
      Tensor b = Tensor::random(DType::F64, {4}, ++seed);
      Tensor out = referenceConv2D(g, x, w, &b);
      Tensor expected = naiveConv(g, x, w, &b);
      ASSERT_EQ(out.shape(), expected.shape());
      EXPECT_EQ(out.shape(), llvm::ArrayRef<int64_t>(g.outputShape()));
      Comparison cmp = compareTensors(out, expected, 1e-13, 1e-13);
      EXPECT_TRUE(cmp.passed()) << name(in) << "/" << name(f) << ": "
                                << cmp.numMismatches << " mismatches, worst at "
                                << formatIndex(out.shape(), cmp.worstIndex);
      EXPECT_LT(cmp.maxAbsError, 1e-13);
    }
  }
}

TEST(ReferenceConvTest, StrideLargerThanKernelAndNegativePadding) {
  // Stride 3 with a 2x2 kernel skips input rows; negative padding crops.
  ConvGeometry g =
      makeGeometry(1, 3, 10, 8, 5, 2, 2, {3, 3}, {2, 1}, {-1, 2, 0, -2}, 1,
                   false, InputLayout::NHWC, FilterLayout::HWIO);
  ASSERT_GT(g.outH(), 0);
  ASSERT_GT(g.outW(), 0);
  Tensor x = Tensor::random(DType::F64, g.inputShape(), 7);
  Tensor w = Tensor::random(DType::F64, g.filterShape(), 8);
  Tensor out = referenceConv2D(g, x, w, nullptr);
  Tensor expected = naiveConv(g, x, w, nullptr);
  Comparison cmp = compareTensors(out, expected, 1e-14, 0);
  EXPECT_TRUE(cmp.passed()) << formatIndex(out.shape(), cmp.worstIndex);
}

TEST(ReferenceConvTest, LayoutsGiveTransposedEqualResults) {
  ConvGeometry nchw =
      makeGeometry(2, 3, 7, 6, 4, 3, 3, {1, 2}, {2, 1}, {2, 1, 1, 1}, 1, true,
                   InputLayout::NCHW, FilterLayout::OIHW);
  ConvGeometry nhwc = nchw;
  nhwc.inputLayout = InputLayout::NHWC;
  nhwc.filterLayout = FilterLayout::HWIO;

  Tensor x = Tensor::random(DType::BF16, nchw.inputShape(), 1);
  Tensor w = Tensor::random(DType::F32, nchw.filterShape(), 2);
  Tensor b = Tensor::random(DType::F32, {4}, 3);
  // Transpose by hand: NCHW -> NHWC, OIHW -> HWIO.
  Tensor xt(DType::BF16, nhwc.inputShape());
  for (int64_t n = 0; n < 2; ++n)
    for (int64_t c = 0; c < 3; ++c)
      for (int64_t h = 0; h < 7; ++h)
        for (int64_t ww = 0; ww < 6; ++ww)
          xt.set(((n * 7 + h) * 6 + ww) * 3 + c,
                 x.get(((n * 3 + c) * 7 + h) * 6 + ww));
  Tensor wt(DType::F32, nhwc.filterShape());
  for (int64_t o = 0; o < 4; ++o)
    for (int64_t i = 0; i < 3; ++i)
      for (int64_t h = 0; h < 3; ++h)
        for (int64_t ww = 0; ww < 3; ++ww)
          wt.set(((h * 3 + ww) * 3 + i) * 4 + o,
                 w.get(((o * 3 + i) * 3 + h) * 3 + ww));

  Tensor a = referenceConv2D(nchw, x, w, &b);
  Tensor t = referenceConv2D(nhwc, xt, wt, &b);
  int64_t oh = nchw.outH(), ow = nchw.outW();
  ASSERT_EQ(a.shapeString(),
            "2x4x" + std::to_string(oh) + "x" + std::to_string(ow));
  ASSERT_EQ(t.shapeString(),
            "2x" + std::to_string(oh) + "x" + std::to_string(ow) + "x4");
  for (int64_t n = 0; n < 2; ++n)
    for (int64_t o = 0; o < 4; ++o)
      for (int64_t h = 0; h < oh; ++h)
        for (int64_t ww = 0; ww < ow; ++ww)
          ASSERT_EQ(a.get(((n * 4 + o) * oh + h) * ow + ww),
                    t.get(((n * oh + h) * ow + ww) * 4 + o));
}

TEST(ReferenceConvTest, EmptyBatch) {
  ConvGeometry g =
      makeGeometry(0, 2, 4, 4, 3, 3, 3, {1, 1}, {1, 1}, {0, 0, 0, 0}, 1, false,
                   InputLayout::NHWC, FilterLayout::HWIO);
  Tensor out = referenceConv2D(g, Tensor(DType::F32, g.inputShape()),
                               Tensor(DType::F32, g.filterShape()), nullptr);
  EXPECT_EQ(out.shapeString(), "0x2x2x3");
  EXPECT_EQ(out.numElements(), 0);
}

/// A rank-1 F64 tensor holding `values`.
Tensor vectorOf(std::initializer_list<double> values) {
  Tensor t(DType::F64, {static_cast<int64_t>(values.size())});
  int64_t i = 0;
  for (double v : values)
    t.set(i++, v);
  return t;
}

TEST(CompareTest, IdenticalTensorsPass) {
  Tensor a = vectorOf({1, -2, 0, 1e300});
  Comparison cmp = compareTensors(a, a, 0, 0);
  EXPECT_TRUE(cmp.passed());
  EXPECT_EQ(cmp.numMismatches, 0);
  EXPECT_EQ(cmp.maxAbsError, 0.0);
  EXPECT_EQ(cmp.worstIndex, 0);
}

TEST(CompareTest, ToleranceBoundaryAndWorstElement) {
  Tensor expected = vectorOf({1.0, 100.0, -4.0, 0.0});
  // Allowed: 0.5 + 0.25 * |e| = 0.75, 25.5, 1.5, 0.5.
  Tensor actual = vectorOf({1.75, 124.0, -2.0, -0.5});
  Comparison cmp = compareTensors(actual, expected, 0.25, 0.5);
  EXPECT_FALSE(cmp.passed());
  EXPECT_EQ(cmp.numMismatches, 1); // Only -2 vs -4 (2 > 1.5).
  EXPECT_EQ(cmp.worstIndex, 2);
  EXPECT_EQ(cmp.worstAbsError, 2.0);
  EXPECT_EQ(cmp.worstAllowed, 1.5);
  EXPECT_EQ(cmp.actualAtWorst, -2.0);
  EXPECT_EQ(cmp.expectedAtWorst, -4.0);
  EXPECT_EQ(cmp.maxAbsError, 24.0);

  // Exactly on the boundary passes (numpy.allclose uses <=).
  Comparison edge =
      compareTensors(vectorOf({1.75}), vectorOf({1.0}), 0.25, 0.5);
  EXPECT_TRUE(edge.passed());
  EXPECT_EQ(edge.worstIndex, 0);
  EXPECT_EQ(edge.worstAbsError, 0.75);

  // The tolerance is relative to the expected value, not the actual one.
  EXPECT_TRUE(
      compareTensors(vectorOf({1.0}), vectorOf({2.0}), 0.5, 0).passed());
  EXPECT_FALSE(
      compareTensors(vectorOf({2.0}), vectorOf({1.0}), 0.5, 0).passed());
}

TEST(CompareTest, NaNAndInfinity) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  double inf = std::numeric_limits<double>::infinity();
  Comparison cmp = compareTensors(vectorOf({1.0, nan, 3.0}),
                                  vectorOf({1.0, 2.0, 3.0}), 1e-3, 1e-3);
  EXPECT_EQ(cmp.numMismatches, 1);
  EXPECT_EQ(cmp.worstIndex, 1);
  EXPECT_TRUE(std::isnan(cmp.actualAtWorst));
  EXPECT_TRUE(std::isinf(cmp.maxAbsError));

  EXPECT_TRUE(compareTensors(vectorOf({nan, inf, -inf}),
                             vectorOf({nan, inf, -inf}), 0, 0)
                  .passed());
  EXPECT_EQ(
      compareTensors(vectorOf({2.0}), vectorOf({nan}), 1, 1).numMismatches, 1);
  EXPECT_EQ(
      compareTensors(vectorOf({1e308}), vectorOf({inf}), 1, 1).numMismatches,
      1);
  EXPECT_EQ(
      compareTensors(vectorOf({-inf}), vectorOf({inf}), 1, 1).numMismatches, 1);
}

TEST(CompareTest, MixedDTypesAndCountMismatch) {
  Tensor f16(DType::F16, {3});
  f16.set(0, 0.1);
  Tensor f64 = vectorOf({0.1, 0, 0});
  EXPECT_FALSE(compareTensors(f16, f64, 0, 1e-6).passed());
  EXPECT_TRUE(compareTensors(f16, f64, 1e-3, 0).passed());

  Comparison bad = compareTensors(vectorOf({1, 2}), vectorOf({1, 2, 3}), 1, 1);
  EXPECT_EQ(bad.numMismatches, -1);
  EXPECT_FALSE(bad.passed());
}

TEST(FormatIndexTest, RowMajor) {
  EXPECT_EQ(formatIndex({2, 3, 4, 5}, 0), "[0, 0, 0, 0]");
  EXPECT_EQ(formatIndex({2, 3, 4, 5}, 119), "[1, 2, 3, 4]");
  EXPECT_EQ(formatIndex({2, 3, 4, 5}, 60 + 2 * 20 + 5 + 2), "[1, 2, 1, 2]");
  EXPECT_EQ(formatIndex({7}, 3), "[3]");
  EXPECT_EQ(formatIndex({}, 0), "[]");
}

} // namespace
