//===- DirectConvPlanTest.cpp - Register blocks the planner chooses -------===//
//
// Part of mlir-conv. The direct lowering's plan for the benchmark layers on
// an AVX-512 target with and without BF16 and on an AVX2 target: the kernel
// kind, the register block, reduction blocks, channels-first (NCHW) plans
// and the cases without a plan. Each choice is one that a measurement in
// DirectConvPlan.cpp's comments (or bench/RESULTS.md) backs.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::conv;

namespace {

class DirectConvPlanTest : public ::testing::Test {
protected:
  /// NHWC input [1, h, w, c], HWIO filter [k, k, c / groups, oc].
  static ConvGeometry layer(int64_t c, int64_t h, int64_t w, int64_t oc,
                            int64_t k, int64_t stride, int64_t pad,
                            int64_t groups = 1,
                            InputLayout layout = InputLayout::NHWC) {
    SmallVector<int64_t> input = {1, h, w, c};
    if (layout == InputLayout::NCHW)
      input = {1, c, h, w};
    return ConvGeometry::fromShapes(
        input, {k, k, c / groups, oc}, {stride, stride}, {1, 1},
        {pad, pad, pad, pad}, groups,
        /*hasBias=*/false, layout, FilterLayout::HWIO);
  }
  static DirectConvOptions target(StringRef cpu, StringRef features = "host") {
    DirectConvOptions options;
    llvm::Expected<CpuTarget> resolved = resolveCpuTarget(cpu, features);
    if (!resolved)
      ADD_FAILURE() << llvm::toString(resolved.takeError());
    else
      applyCpuTarget(options, *resolved);
    return options;
  }
  DirectConvPlan plan(const ConvGeometry &g, Type type,
                      const DirectConvOptions &options) {
    FailureOr<DirectConvPlan> result = planDirectConv(g, type, options);
    EXPECT_TRUE(succeeded(result));
    return succeeded(result) ? *result : DirectConvPlan();
  }

  MLIRContext context;
  Builder b{&context};
  // Planned for named CPUs: the plans do not depend on this machine.
  DirectConvOptions avx512 = target("skylake-avx512");
  DirectConvOptions avx512bf16 = target("cooperlake");
  DirectConvOptions avx2 = target("haswell");
};

TEST_F(DirectConvPlanTest, TargetFeatures) {
  EXPECT_EQ(avx512.vectorBits, 512u);
  EXPECT_EQ(avx512.numRegisters, 32u);
  EXPECT_FALSE(avx512.bf16Dot);
  EXPECT_TRUE(avx512bf16.bf16Dot);
  EXPECT_EQ(avx2.vectorBits, 256u);
  EXPECT_EQ(avx2.numRegisters, 16u);
}

TEST_F(DirectConvPlanTest, DenseBlocks) {
  // 3x3_56: 6 pixels x 4 vectors (24 FMAs per 6 broadcasts + 4 loads).
  DirectConvPlan p =
      plan(layer(64, 56, 56, 64, 3, 1, 1), b.getF32Type(), avx512);
  EXPECT_EQ(p.kind, DirectConvPlan::Kind::Dense);
  EXPECT_EQ(p.vectorWidth, 16);
  EXPECT_EQ(p.owBlock, 6);
  EXPECT_EQ(p.ocVectors, 4);
  EXPECT_EQ(p.cBlock, 0);
  EXPECT_EQ(p.str(), "dense ow=6 oc=4x16");
  // 256-bit vectors: 8 lanes, and the block fits 16 registers.
  DirectConvPlan q = plan(layer(64, 56, 56, 64, 3, 1, 1), b.getF32Type(), avx2);
  EXPECT_EQ(q.vectorWidth, 8);
  EXPECT_LE(q.owBlock * q.ocVectors + q.ocVectors + 1, 16);
}

TEST_F(DirectConvPlanTest, ReductionBlocksFollowTheTargetsL2) {
  // The same AVX2 block on 3x3 512 -> 512 over 7x7, for three L2 sizes: the
  // slice of all input channels (9 x 512 x its output channels x 4 bytes)
  // is blocked once it exceeds 3/4 of the L2, into blocks of at most half.
  ConvGeometry g = layer(512, 7, 7, 512, 3, 1, 1);
  DirectConvOptions l2of1MiB = target("znver4", "-avx512f");
  DirectConvOptions l2of512KiB = target("znver3");
  ASSERT_EQ(l2of1MiB.l2Bytes, 1024u * 1024);
  ASSERT_EQ(l2of512KiB.l2Bytes, 512u * 1024);
  ASSERT_EQ(avx2.l2Bytes, 256u * 1024);
  DirectConvPlan big = plan(g, b.getF32Type(), l2of1MiB);
  DirectConvPlan mid = plan(g, b.getF32Type(), l2of512KiB);
  DirectConvPlan small = plan(g, b.getF32Type(), avx2);
  ASSERT_EQ(big.vectorWidth, 8);
  ASSERT_EQ(mid.ocVectors, big.ocVectors);
  ASSERT_EQ(small.ocVectors, big.ocVectors);
  double bytesPerChannel = 9.0 * big.ocVectors * 8 * 4;
  for (auto [p, l2] : {std::pair{big, 1024.0 * 1024},
                       {mid, 512.0 * 1024},
                       {small, 256.0 * 1024}}) {
    if (bytesPerChannel * 512 > 0.75 * l2) {
      EXPECT_GT(p.cBlock, 0) << l2;
      EXPECT_LE(bytesPerChannel * p.cBlock, 0.5 * l2) << l2;
      EXPECT_EQ(512 % p.cBlock, 0);
    } else {
      EXPECT_EQ(p.cBlock, 0) << l2;
    }
  }
  EXPECT_GT(mid.cBlock, small.cBlock);
  EXPECT_EQ(big.prefetchFilterAbove, 1024u * 1024);
  EXPECT_EQ(small.prefetchFilterAbove, 256u * 1024);
}

TEST_F(DirectConvPlanTest, ReductionBlocksForBigFilterSlices) {
  // 3x3_7: 512 -> 512 channels; the 7 x 3 block's filter slice for all
  // input channels (884 KiB) is split into blocks of 256 channels (442 KiB,
  // at most half the L2).
  DirectConvPlan p =
      plan(layer(512, 7, 7, 512, 3, 1, 1), b.getF32Type(), avx512);
  EXPECT_EQ(p.owBlock, 7);
  EXPECT_EQ(p.ocVectors, 3);
  EXPECT_EQ(p.cBlock, 256);
  EXPECT_EQ(p.str(), "dense ow=7 oc=3x16 c-block=256");
  // dil2_3x3_28 (590 KiB) stays whole.
  ConvGeometry dil2 = ConvGeometry::fromShapes(
      {1, 28, 28, 256}, {3, 3, 256, 256}, {1, 1}, {2, 2}, {2, 2, 2, 2}, 1,
      false, InputLayout::NHWC, FilterLayout::HWIO);
  EXPECT_EQ(plan(dil2, b.getF32Type(), avx512).cBlock, 0);
  // Not for f16 (partial sums would round to f16 in the output).
  EXPECT_EQ(plan(layer(512, 7, 7, 512, 3, 1, 1), b.getF16Type(), avx512).cBlock,
            0);
}

TEST_F(DirectConvPlanTest, FilterSlicesPackedFromOIHW) {
  // The plan of `g` for an OIHW argument filter.
  auto oihwPlan = [&](const ConvGeometry &g, Type type,
                      const DirectConvOptions &options) {
    DirectConvPlan p = plan(g, type, options);
    planFilterSlicePacking(p, g, type, options);
    return p;
  };
  // 3x3_7: 11 blocks of 48 output channels x 3 x 3 taps take 19 KiB per
  // input channel, so blocks of 16 channels (304 KiB) keep the packed slice
  // within 3/8 of the L2.
  ConvGeometry g = layer(512, 7, 7, 512, 3, 1, 1);
  DirectConvPlan p = oihwPlan(g, b.getF32Type(), avx512);
  EXPECT_TRUE(p.packFilterSlices);
  EXPECT_EQ(p.cBlock, 16);
  EXPECT_EQ(p.str(), "dense ow=7 oc=3x16 c-block=16 filter-slices-from-oihw");
  // A block size asked for stays.
  DirectConvOptions forced = avx512;
  forced.cBlock = 64;
  DirectConvPlan q = oihwPlan(g, b.getF32Type(), forced);
  EXPECT_TRUE(q.packFilterSlices);
  EXPECT_EQ(q.cBlock, 64);
  // Not without reduction blocks (f16, a small filter, a block of all the
  // channels), nor for two images (each would pack every slice again).
  EXPECT_FALSE(oihwPlan(g, b.getF16Type(), avx512).packFilterSlices);
  DirectConvPlan s =
      oihwPlan(layer(64, 56, 56, 64, 3, 1, 1), b.getF32Type(), avx512);
  EXPECT_FALSE(s.packFilterSlices);
  EXPECT_EQ(s.cBlock, 0);
  DirectConvOptions whole = avx512;
  whole.cBlock = 512;
  EXPECT_FALSE(oihwPlan(g, b.getF32Type(), whole).packFilterSlices);
  ConvGeometry batch2 = g;
  batch2.batch = 2;
  DirectConvPlan two = oihwPlan(batch2, b.getF32Type(), avx512);
  EXPECT_FALSE(two.packFilterSlices);
  EXPECT_EQ(two.cBlock, 256);
}

TEST_F(DirectConvPlanTest, ChannelVectorBlocks) {
  // Depthwise with 144 channels (9 vectors): 2 vectors x 8 pixels.
  DirectConvPlan dw = plan(layer(144, 56, 56, 144, 3, 1, 1, /*groups=*/144),
                           b.getF32Type(), avx512);
  EXPECT_EQ(dw.kind, DirectConvPlan::Kind::ChannelVector);
  EXPECT_EQ(dw.ocVectors, 2);
  EXPECT_EQ(dw.owBlock, 8);
  // Stride 2 (dw3x3s2_112, 96 channels): all 6 vectors of a pixel x 2.
  DirectConvPlan s2 = plan(layer(96, 112, 112, 96, 3, 2, 1, /*groups=*/96),
                           b.getF32Type(), avx512);
  EXPECT_EQ(s2.str(), "channel-vector ow=2 oc=6x16");
  // ResNeXt groups of 4 channels: the same block as stride 1.
  DirectConvPlan g32 = plan(layer(128, 56, 56, 128, 3, 1, 1, /*groups=*/32),
                            b.getF32Type(), avx512);
  EXPECT_EQ(g32.kind, DirectConvPlan::Kind::ChannelVector);
  EXPECT_EQ(g32.str(), "channel-vector ow=8 oc=2x16");
  // 16 registers: at most 4 pixels x 2 vectors.
  DirectConvPlan small =
      plan(layer(144, 56, 56, 144, 3, 1, 1, 144), b.getF32Type(), avx2);
  EXPECT_EQ(small.ocVectors, 2);
  EXPECT_EQ(small.owBlock, 4);
  // One vector of channels in all: the scored block, 1 vector wide.
  EXPECT_EQ(
      plan(layer(16, 8, 8, 16, 3, 1, 1, 16), b.getF32Type(), avx512).ocVectors,
      1);
}

TEST_F(DirectConvPlanTest, ChannelsFirst) {
  // NCHW input with the dense kernel: kept NCHW, at most 16 accumulators,
  // no reduction blocks.
  DirectConvPlan p = plan(layer(64, 56, 56, 64, 3, 1, 1, 1, InputLayout::NCHW),
                          b.getF32Type(), avx512);
  EXPECT_TRUE(p.channelsFirst);
  EXPECT_LE(p.owBlock * p.ocVectors, 16);
  EXPECT_EQ(p.str(), "dense ow=4 oc=4x16 nchw");
  EXPECT_EQ(plan(layer(512, 7, 7, 512, 3, 1, 1, 1, InputLayout::NCHW),
                 b.getF32Type(), avx512)
                .cBlock,
            0);
  // vdpbf16ps plans need NHWC: no channels-first plan.
  EXPECT_TRUE(failed(
      planDirectConv(layer(64, 56, 56, 64, 3, 1, 1, 1, InputLayout::NCHW),
                     b.getBF16Type(), avx512bf16)));
  // Without BF16 the bf16 conv runs the widened f32 kernel on NCHW.
  EXPECT_TRUE(plan(layer(64, 56, 56, 64, 3, 1, 1, 1, InputLayout::NCHW),
                   b.getBF16Type(), avx512)
                  .channelsFirst);
}

TEST_F(DirectConvPlanTest, Planar) {
  // NCHW depthwise: vectors along W, 4 rows per block (an input row vector
  // serves up to 3 of them), any filter layout.
  DirectConvPlan dw =
      plan(layer(144, 56, 56, 144, 3, 1, 1, 144, InputLayout::NCHW),
           b.getF32Type(), avx512);
  EXPECT_EQ(dw.kind, DirectConvPlan::Kind::Planar);
  EXPECT_EQ(dw.str(), "planar oh=4 ow=16 oc=1 nchw");
  // Groups of 4 channels: 4 output planes x 2 rows (288 FMAs per block).
  EXPECT_EQ(plan(layer(128, 56, 56, 128, 3, 1, 1, 32, InputLayout::NCHW),
                 b.getF32Type(), avx512)
                .str(),
            "planar oh=2 ow=16 oc=4 nchw");
  // Stride 2 along W, f64 (8 lanes), a forced row count.
  DirectConvOptions rows = avx512;
  rows.ohBlock = 3;
  EXPECT_EQ(plan(layer(96, 112, 112, 96, 3, 2, 1, 96, InputLayout::NCHW),
                 b.getF64Type(), rows)
                .str(),
            "planar oh=3 ow=8 oc=1 nchw");
  // Not planar (and no NCHW plan at all: these run on NHWC): rows narrower
  // than half a vector (OW = 7 < 8), W-stride 3, dynamic W, and groups of
  // 16 channels (the channel-vector kernel's).
  auto nchwDepthwise = [&](int64_t hw, int64_t stride) {
    return layer(16, hw, hw, 16, 3, stride, 1, 16, InputLayout::NCHW);
  };
  EXPECT_TRUE(
      failed(planDirectConv(nchwDepthwise(7, 1), b.getF32Type(), avx512)));
  EXPECT_TRUE(
      failed(planDirectConv(nchwDepthwise(48, 3), b.getF32Type(), avx512)));
  ConvGeometry dynamicW = nchwDepthwise(56, 1);
  dynamicW.inW = ShapedType::kDynamic;
  EXPECT_TRUE(failed(planDirectConv(dynamicW, b.getF32Type(), avx512)));
  EXPECT_TRUE(failed(
      planDirectConv(layer(32, 56, 56, 32, 3, 1, 1, 2, InputLayout::NCHW),
                     b.getF32Type(), avx512)));
  // Nor when too much of it is border, each border row and column block
  // emitted with static coordinates: a DeepLab-like depthwise 3x3 with
  // dilation 36 on 129 x 129 (it compiled in 17 s as planar).
  ConvGeometry aspp = ConvGeometry::fromShapes(
      {1, 64, 129, 129}, {3, 3, 1, 64}, {1, 1}, {36, 36}, {36, 36, 36, 36}, 64,
      /*hasBias=*/false, InputLayout::NCHW, FilterLayout::HWIO);
  EXPECT_TRUE(failed(planDirectConv(aspp, b.getF32Type(), avx512)));
  PlanarInterior in = getPlanarInterior(aspp, 16);
  EXPECT_EQ(in.rowHi - in.rowLo, 57);
  // dw3x3s1_56: rows 1-54 and column blocks 1-2 are interior.
  PlanarInterior dwIn = getPlanarInterior(
      layer(144, 56, 56, 144, 3, 1, 1, 144, InputLayout::NCHW), 16);
  EXPECT_EQ(dwIn.rowLo, 1);
  EXPECT_EQ(dwIn.rowHi, 55);
  EXPECT_EQ(dwIn.blockLo, 1);
  EXPECT_EQ(dwIn.blockHi, 3);
  EXPECT_EQ(dwIn.numBlocks, 4);
  EXPECT_EQ(
      plan(layer(144, 56, 56, 144, 3, 1, 1, 144), b.getF32Type(), avx512).kind,
      DirectConvPlan::Kind::ChannelVector);
}

TEST_F(DirectConvPlanTest, Bf16Dot) {
  // Rows of 8-14 pixels: the whole row x 2 vectors.
  DirectConvPlan p =
      plan(layer(256, 14, 14, 256, 3, 1, 1), b.getBF16Type(), avx512bf16);
  EXPECT_TRUE(p.bf16Dot);
  EXPECT_EQ(p.owBlock, 14);
  EXPECT_EQ(p.ocVectors, 2);
  // Odd channels per group: no pairs.
  EXPECT_FALSE(plan(layer(6, 8, 8, 32, 3, 1, 0, /*groups=*/2), b.getBF16Type(),
                    avx512bf16)
                   .bf16Dot);
  // The 3-channel stem pairs the products of a filter row over (kw, c) in
  // interior blocks; even channel counts pair channels.
  DirectConvPlan stem =
      plan(layer(3, 224, 224, 64, 7, 2, 3), b.getBF16Type(), avx512bf16);
  EXPECT_TRUE(stem.bf16Dot);
  EXPECT_TRUE(stem.bf16FlatTaps);
  EXPECT_FALSE(p.bf16FlatTaps);
}

TEST_F(DirectConvPlanTest, NoPlan) {
  // More input than output channels per group.
  EXPECT_TRUE(failed(planDirectConv(layer(8, 6, 6, 4, 3, 1, 0, /*groups=*/2),
                                    b.getF32Type(), avx512)));
  // An OIHW filter must be normalised first.
  ConvGeometry g = layer(64, 56, 56, 64, 3, 1, 1);
  g.filterLayout = FilterLayout::OIHW;
  EXPECT_TRUE(failed(planDirectConv(g, b.getF32Type(), avx512)));
}

} // namespace

namespace {

class WinogradPolicyTest : public ::testing::Test {
protected:
  static ConvGeometry conv3x3(int64_t c, int64_t hw, int64_t oc,
                              int64_t stride = 1) {
    return ConvGeometry::fromShapes({1, hw, hw, c}, {3, 3, c, oc},
                                    {stride, stride}, {1, 1}, {1, 1, 1, 1}, 1,
                                    /*hasBias=*/false, InputLayout::NHWC,
                                    FilterLayout::HWIO);
  }
  MLIRContext context;
  Builder b{&context};
  DirectConvOptions avx512 = [] {
    DirectConvOptions options;
    applyCpuTarget(options, cantFail(resolveCpuTarget("skylake-avx512")));
    return options;
  }();
};

TEST_F(WinogradPolicyTest, AppliesToDense3x3Stride1) {
  Type f32 = b.getF32Type();
  EXPECT_TRUE(winogradApplies(conv3x3(64, 56, 64), f32, avx512));
  // Any float type and channel count (padded to whole vectors).
  EXPECT_TRUE(winogradApplies(conv3x3(5, 9, 7), b.getF16Type(), avx512));
  EXPECT_TRUE(winogradApplies(conv3x3(8, 9, 12), b.getF64Type(), avx512));
  EXPECT_FALSE(winogradApplies(conv3x3(64, 56, 64, 2), f32, avx512));
  ConvGeometry dynamic = conv3x3(64, 56, 64);
  dynamic.inW = ShapedType::kDynamic;
  EXPECT_FALSE(winogradApplies(dynamic, f32, avx512));
  ConvGeometry dilated = conv3x3(64, 56, 64);
  dilated.dilationH = 2;
  EXPECT_FALSE(winogradApplies(dilated, f32, avx512));
}

TEST_F(WinogradPolicyTest, PaysWithEnoughTilesAndWholeVectors) {
  Type f32 = b.getF32Type();
  // The ResNet 3x3 layers: 784, 196, 49 tiles pay; 3x3_7's 16 do not.
  EXPECT_TRUE(winogradPays(conv3x3(64, 56, 64), f32, avx512));
  EXPECT_TRUE(winogradPays(conv3x3(128, 28, 128), f32, avx512));
  EXPECT_TRUE(winogradPays(conv3x3(256, 14, 256), f32, avx512));
  EXPECT_FALSE(winogradPays(conv3x3(512, 7, 512), f32, avx512));
  // 10x10 (25 tiles) pays, 8x8 (16) does not.
  EXPECT_TRUE(winogradPays(conv3x3(16, 10, 16), f32, avx512));
  EXPECT_FALSE(winogradPays(conv3x3(16, 8, 16), f32, avx512));
  // Not bf16 (vdpbf16ps), not channel counts that are not whole vectors.
  EXPECT_FALSE(winogradPays(conv3x3(64, 56, 64), b.getBF16Type(), avx512));
  EXPECT_FALSE(winogradPays(conv3x3(24, 56, 64), f32, avx512));
  EXPECT_TRUE(winogradPays(conv3x3(64, 56, 64), b.getF16Type(), avx512));
}

TEST_F(WinogradPolicyTest, ConstantFiltersPayWithFewerProducts) {
  Type f32 = b.getF32Type();
  // Transformed at compile time: Winograd's 16 products per tile against
  // the direct kernel's taps outside the padding. 7x7 (256 against 361),
  // 5x5 (144 against 169), 4x4 (64 against 100) and 8x8 (256 against 484)
  // pay; 2x2 (16 against 16) and 3x3 (64 against 49) do not; bf16 and
  // partial vectors still do not.
  EXPECT_TRUE(winogradPays(conv3x3(512, 7, 512), f32, avx512, true));
  EXPECT_TRUE(winogradPays(conv3x3(512, 4, 512), f32, avx512, true));
  EXPECT_TRUE(winogradPays(conv3x3(16, 8, 16), f32, avx512, true));
  EXPECT_FALSE(winogradPays(conv3x3(512, 2, 512), f32, avx512, true));
  EXPECT_FALSE(winogradPays(conv3x3(512, 3, 512), f32, avx512, true));
  EXPECT_TRUE(winogradPays(conv3x3(512, 5, 512), f32, avx512, true));
  EXPECT_FALSE(
      winogradPays(conv3x3(512, 7, 512), b.getBF16Type(), avx512, true));
  EXPECT_FALSE(winogradPays(conv3x3(24, 7, 64), f32, avx512, true));
}

TEST_F(WinogradPolicyTest, ParsesPolicyNames) {
  EXPECT_EQ(parseWinogradPolicy("auto"), WinogradPolicy::Auto);
  EXPECT_EQ(parseWinogradPolicy("never"), WinogradPolicy::Never);
  EXPECT_EQ(parseWinogradPolicy("always"), WinogradPolicy::Always);
  EXPECT_EQ(parseWinogradPolicy("sometimes"), std::nullopt);
}

} // namespace
