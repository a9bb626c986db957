//===- Conv2dTest.cpp - Tests of the Conv2d layer -------------------------===//
//
// Part of mlir-conv. Results against the float64 reference in both layout
// families (MAX and PyTorch), every padding form, groups and bias; one
// compilation per input shape; argument errors at construction and call.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/API/Conv2d.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Testing/Reference.h"

#include "gtest/gtest.h"

#include <thread>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

namespace {

/// Creates a layer or fails the test.
std::optional<Conv2d> createOrFail(const Conv2dOptions &options) {
  auto layer = Conv2d::create(options);
  if (!layer) {
    ADD_FAILURE() << llvm::toString(layer.takeError());
    return std::nullopt;
  }
  return std::move(*layer);
}

/// The error message of creating a layer with `options` ("" on success).
std::string createError(const Conv2dOptions &options,
                        const CompileOptions &compileOptions = {}) {
  auto layer = Conv2d::create(options, compileOptions);
  return layer ? "" : llvm::toString(layer.takeError());
}

/// Gives `layer` seeded random weights (and bias).
void randomizeWeights(Conv2d &layer, uint64_t seed) {
  DType dtype = layer.getOptions().dtype;
  ASSERT_FALSE(static_cast<bool>(
      layer.setWeight(Tensor::random(dtype, layer.weight().shape(), seed))));
  if (layer.getOptions().hasBias)
    ASSERT_FALSE(static_cast<bool>(
        layer.setBias(Tensor::random(dtype, layer.bias().shape(), seed + 1))));
}

/// Runs `layer` on a random input of `shape` and checks the result against
/// the float64 reference conv (which takes the layouts from the geometry)
/// under the conformance tolerance; also checks the output shape.
void expectForwardMatchesReference(const Conv2d &layer, ArrayRef<int64_t> shape,
                                   ArrayRef<int64_t> expectedOutputShape,
                                   uint64_t seed) {
  const Conv2dOptions &o = layer.getOptions();
  Tensor x = Tensor::random(o.dtype, shape, seed);
  auto y = layer(x);
  ASSERT_TRUE(static_cast<bool>(y)) << llvm::toString(y.takeError());
  EXPECT_EQ(y->shape(), expectedOutputShape);
  EXPECT_EQ(y->dtype(), o.dtype);
  const Conv2DAttrs &a = layer.getAttrs();
  ConvGeometry g = ConvGeometry::fromShapes(
      shape, layer.weight().shape(), a.strides, a.dilations, a.padding,
      a.groups, o.hasBias, a.inputLayout, a.filterLayout);
  SmallVector<const Tensor *, 3> inputs = {&x, &layer.weight()};
  if (o.hasBias)
    inputs.push_back(&layer.bias());
  ReferenceCheck check = checkAgainstReference(g, inputs, *y);
  EXPECT_TRUE(check.comparison.passed())
      << check.comparison.numMismatches << " mismatches, worst at "
      << formatIndex(y->shape(), check.comparison.worstIndex) << ": "
      << check.comparison.actualAtWorst << " vs "
      << check.comparison.expectedAtWorst;
}

TEST(Conv2dTest, MaxLayoutsWithIntPadding) {
  Conv2dOptions o;
  o.kernelSize = {3};
  o.inChannels = 3;
  o.outChannels = 8;
  o.padding = {1};
  o.hasBias = true;
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->weight().shape(), ArrayRef<int64_t>({3, 3, 3, 8}));
  EXPECT_EQ(layer->bias().shape(), ArrayRef<int64_t>({8}));
  randomizeWeights(*layer, 1);
  expectForwardMatchesReference(*layer, {2, 5, 6, 3}, {2, 5, 6, 8}, 3);
}

TEST(Conv2dTest, MaxLayoutsPairPaddingStrideDilationGroups) {
  Conv2dOptions o;
  o.kernelSize = {3, 2};
  o.inChannels = 4;
  o.outChannels = 6;
  o.stride = {2, 1};
  o.padding = {2, 0};
  o.dilation = {1, 2};
  o.numGroups = 2;
  o.dtype = DType::F64;
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->weight().shape(), ArrayRef<int64_t>({3, 2, 2, 6}));
  EXPECT_EQ(layer->getAttrs().padding, ArrayRef<int64_t>({2, 2, 0, 0}));
  randomizeWeights(*layer, 5);
  // OH = (7 + 4 - 2 - 1) / 2 + 1 = 5, OW = (9 - 2 - 1) / 1 + 1 = 7.
  expectForwardMatchesReference(*layer, {1, 7, 9, 4}, {1, 5, 7, 6}, 6);
}

TEST(Conv2dTest, PermutedPyTorchLayoutsFourPaddingDepthwiseBias) {
  Conv2dOptions o;
  o.kernelSize = {3};
  o.inChannels = 4;
  o.outChannels = 8; // Depthwise with a channel multiplier of 2.
  o.numGroups = 4;
  o.padding = {1, 0, 2, 1};
  o.hasBias = true;
  o.permute = true;
  o.dtype = DType::F16;
  o.name = "dw";
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->weight().shape(), ArrayRef<int64_t>({8, 1, 3, 3}));
  randomizeWeights(*layer, 9);
  // NCHW in and out: OH = 6 + 1 - 2 = 5, OW = 5 + 3 - 2 = 6.
  expectForwardMatchesReference(*layer, {2, 4, 6, 5}, {2, 8, 5, 6}, 10);
}

// freeze_weights compiles the weight and bias into the kernels (prepared at
// compile time): the numbers are the reference's, in MAX layouts (the
// direct kernel's blocked filter, Winograd with 16 tiles) and in PyTorch
// layouts (an OIHW weight transposed at compile time); new weights give a
// new kernel with the new numbers, and the kernels stay out of the shared
// cache.
TEST(Conv2dTest, FrozenWeightsMatchTheReferenceAndFollowNewWeights) {
  for (bool permute : {false, true}) {
    Conv2dOptions o;
    o.kernelSize = {3};
    o.inChannels = 32;
    o.outChannels = 48;
    o.padding = {1};
    o.hasBias = true;
    o.permute = permute;
    o.freezeWeights = true;
    auto layer = createOrFail(o);
    ASSERT_TRUE(layer);
    randomizeWeights(*layer, 3);
    SmallVector<int64_t, 4> shape = {1, 7, 8, 32}, out = {1, 7, 8, 48};
    if (permute) {
      shape = {1, 32, 7, 8};
      out = {1, 48, 7, 8};
    }
    expectForwardMatchesReference(*layer, shape, out, 4);
    expectForwardMatchesReference(*layer, shape, out, 5);
    // A new weight, then a new bias: each gives a new kernel.
    ASSERT_FALSE(static_cast<bool>(layer->setWeight(
        Tensor::random(DType::F32, layer->weight().shape(), 6))));
    expectForwardMatchesReference(*layer, shape, out, 7);
    ASSERT_FALSE(static_cast<bool>(
        layer->setBias(Tensor::random(DType::F32, layer->bias().shape(), 8))));
    expectForwardMatchesReference(*layer, shape, out, 9);
    EXPECT_EQ(layer->getKernelCache().getNumCompilations(), 0u);
  }
  Conv2dOptions gpu;
  gpu.freezeWeights = true;
  gpu.device = Device::GPU;
  EXPECT_EQ(createError(gpu), "Conv2d: freeze_weights is for Device::CPU only");
}

TEST(Conv2dTest, WithoutBiasTheBiasIsZeroAndNotSettable) {
  Conv2dOptions o;
  o.kernelSize = {1};
  o.inChannels = 2;
  o.outChannels = 3;
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  ASSERT_EQ(layer->bias().numElements(), 3);
  for (int64_t i = 0; i < 3; ++i)
    EXPECT_EQ(layer->bias().get(i), 0.0);
  llvm::Error err = layer->setBias(Tensor(DType::F32, {3}));
  EXPECT_EQ(llvm::toString(std::move(err)),
            "Conv2d: has_bias is false: the layer has no bias");
  // Zero weights give zeros.
  Tensor x = Tensor::random(DType::F32, {1, 2, 2, 2}, 1);
  auto y = layer->forward(x);
  ASSERT_TRUE(static_cast<bool>(y)) << llvm::toString(y.takeError());
  for (int64_t i = 0; i < y->numElements(); ++i)
    EXPECT_EQ(y->get(i), 0.0);
}

TEST(Conv2dTest, CompilesOncePerInputShapeAndSharesACache) {
  Conv2dOptions o;
  o.kernelSize = {3};
  o.inChannels = 2;
  o.outChannels = 4;
  o.padding = {1};
  auto cache = std::make_shared<KernelCache>();
  auto first = Conv2d::create(o, {}, cache);
  auto second = Conv2d::create(o, {}, cache);
  ASSERT_TRUE(first && second);
  randomizeWeights(*first, 1);
  randomizeWeights(*second, 2);
  expectForwardMatchesReference(*first, {1, 4, 4, 2}, {1, 4, 4, 4}, 1);
  expectForwardMatchesReference(*first, {1, 4, 4, 2}, {1, 4, 4, 4}, 2);
  EXPECT_EQ(cache->getNumCompilations(), 1u);
  // Another layer of the same geometry reuses the kernel with its weights.
  expectForwardMatchesReference(*second, {1, 4, 4, 2}, {1, 4, 4, 4}, 3);
  EXPECT_EQ(cache->getNumCompilations(), 1u);
  // A new input shape compiles once more.
  expectForwardMatchesReference(*first, {3, 5, 4, 2}, {3, 5, 4, 4}, 4);
  EXPECT_EQ(cache->getNumCompilations(), 2u);
  EXPECT_EQ(&first->getKernelCache(), cache.get());
}

TEST(Conv2dTest, ForwardFromTwoThreads) {
  Conv2dOptions o;
  o.kernelSize = {2};
  o.inChannels = 3;
  o.outChannels = 5;
  o.hasBias = true;
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  randomizeWeights(*layer, 3);
  auto work = [&](int thread) {
    for (int i = 0; i < 3; ++i)
      expectForwardMatchesReference(*layer, {1, 3 + thread, 4, 3},
                                    {1, 2 + thread, 3, 5}, 10 * thread + i);
  };
  std::thread other(work, 1);
  work(0);
  other.join();
  EXPECT_EQ(layer->getKernelCache().getNumCompilations(), 2u);
}

TEST(Conv2dTest, InvalidArgumentsAreErrorsAtConstruction) {
  Conv2dOptions o;
  o.kernelSize = {3};
  o.inChannels = 6;
  o.outChannels = 8;
  o.numGroups = 4;
  o.name = "conv1";
  EXPECT_EQ(createError(o), "Conv2d 'conv1': in_channels (6) must be "
                            "divisible by num_groups (4)");
  o.name = "";
  o.inChannels = 8;
  o.outChannels = 6;
  EXPECT_EQ(createError(o),
            "Conv2d: out_channels (6) must be divisible by num_groups (4)");
  o.outChannels = 8;
  EXPECT_EQ(createError(o), "");

  Conv2dOptions bad = o;
  bad.kernelSize = {3, 0};
  EXPECT_EQ(createError(bad), "Conv2d: kernel_size must be >= 1, got [3, 0]");
  bad = o;
  bad.kernelSize = {1, 2, 3};
  EXPECT_EQ(createError(bad), "Conv2d: kernel_size must have 1 or 2 values, "
                              "got 3");
  bad = o;
  bad.stride = {0};
  EXPECT_EQ(createError(bad), "Conv2d: stride must be >= 1, got [0]");
  bad = o;
  bad.dilation = {};
  EXPECT_EQ(createError(bad),
            "Conv2d: dilation must have 1 or 2 values, got 0");
  bad = o;
  bad.padding = {1, 2, 3};
  EXPECT_EQ(createError(bad),
            "Conv2d: padding must have 1, 2 or 4 values, got 3");
  bad = o;
  bad.padding = {1, -1};
  EXPECT_EQ(createError(bad), "Conv2d: padding must be >= 0, got [1, -1]");
  bad = o;
  bad.inChannels = 0;
  EXPECT_EQ(createError(bad), "Conv2d: in_channels must be >= 1, got 0");
  bad = o;
  bad.numGroups = 0;
  EXPECT_EQ(createError(bad), "Conv2d: num_groups must be >= 1, got 0");

  // Compile options are checked at construction too, target names included.
  CompileOptions compile;
  compile.cBlock = -2;
  EXPECT_EQ(createError(o, compile),
            "Conv2d: c-block (-2) must be >= -1 (0: choose, -1: never)");
  compile = CompileOptions();
  compile.targetCPU = "pentium9";
  EXPECT_EQ(createError(o, compile)
                .rfind("Conv2d: unknown target CPU 'pentium9' for x86_64", 0),
            0u)
      << createError(o, compile);
}

// device=GPU runs the layer through the CUDA path: on a machine with an
// NVIDIA GPU it matches the reference; elsewhere forward says why it cannot
// run (no driver, no device, or a build without the CUDA toolkit).
TEST(Conv2dTest, GpuDeviceRunsOnCudaOrSaysWhy) {
  Conv2dOptions o;
  o.kernelSize = {3};
  o.inChannels = 8;
  o.outChannels = 16;
  o.padding = {1};
  o.hasBias = true;
  o.permute = true;
  o.device = Device::GPU;
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  randomizeWeights(*layer, 5);
  Tensor x = Tensor::random(DType::F32, {1, 8, 9, 9}, 6);
  auto y = (*layer)(x);
  if (!y) {
    std::string message = llvm::toString(y.takeError());
    EXPECT_TRUE(message.find("cannot load the CUDA runtime wrappers") !=
                    std::string::npos ||
                message.find("CUDA: ") != std::string::npos ||
                message.find("built without the CUDA toolkit") !=
                    std::string::npos)
        << message;
    return;
  }
  expectForwardMatchesReference(*layer, {1, 8, 9, 9}, {1, 16, 9, 9}, 6);
}

TEST(Conv2dTest, BadInputsAndWeightsAreErrors) {
  Conv2dOptions o;
  o.kernelSize = {3};
  o.inChannels = 3;
  o.outChannels = 4;
  o.permute = true;
  o.name = "c";
  auto layer = createOrFail(o);
  ASSERT_TRUE(layer);
  auto message = [&](const Tensor &x) {
    auto y = layer->forward(x);
    return y ? std::string() : llvm::toString(y.takeError());
  };
  EXPECT_EQ(message(Tensor(DType::F32, {3, 5, 5})),
            "Conv2d 'c': expected a rank-4 NCHW input, got shape [3, 5, 5]");
  EXPECT_EQ(message(Tensor(DType::F16, {1, 3, 5, 5})),
            "Conv2d 'c': expected an input of dtype f32, got f16");
  EXPECT_EQ(message(Tensor(DType::F32, {1, 5, 5, 3})),
            "Conv2d 'c': expected 3 input channels (dim 1 of NCHW), got "
            "shape [1, 5, 5, 3]");
  EXPECT_EQ(message(Tensor(DType::F32, {1, 3, 2, 5})),
            "Conv2d 'c': input of shape [1, 3, 2, 5] is too small for kernel "
            "[3, 3] with padding [0, 0, 0, 0] and dilation [1, 1]");
  EXPECT_EQ(layer->getKernelCache().getNumCompilations(), 0u);
  EXPECT_EQ(llvm::toString(layer->setWeight(Tensor(DType::F32, {4, 3, 3}))),
            "Conv2d 'c': expected a weight of shape [4, 3, 3, 3] and dtype "
            "f32, got [4, 3, 3] f32");
  EXPECT_EQ(
      llvm::toString(layer->setWeight(Tensor(DType::F64, {4, 3, 3, 3}))),
      "Conv2d 'c': expected a weight of shape [4, 3, 3, 3] and dtype f32, "
      "got [4, 3, 3, 3] f64");
}

} // namespace
