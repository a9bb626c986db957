//===- ExecutableTest.cpp - Tests of the JIT runtime ----------------------===//
//
// Part of mlir-conv. Compile once, invoke many times (also from several
// threads), static and dynamic shapes, and input checking.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Testing/Reference.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

#include <cstring>
#include <thread>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

namespace {

const char *kStaticConv = R"mlir(
func.func @conv(%x: tensor<1x6x7x3xf32>, %w: tensor<3x2x3x8xf32>,
                %b: tensor<8xf32>) -> tensor<1x3x7x8xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] padding = [1, 0, 1, 0]
       : tensor<1x6x7x3xf32>, tensor<3x2x3x8xf32>, tensor<8xf32>
       -> tensor<1x3x7x8xf32>
  return %y : tensor<1x3x7x8xf32>
}
)mlir";

const char *kDynamicConv = R"mlir(
func.func @conv(%x: tensor<?x4x?x?xf32>, %w: tensor<6x2x3x3xf32>)
    -> tensor<?x6x?x?xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 2
       input_layout = NCHW filter_layout = OIHW
       : tensor<?x4x?x?xf32>, tensor<6x2x3x3xf32> -> tensor<?x6x?x?xf32>
  return %y : tensor<?x6x?x?xf32>
}
)mlir";

// NCHW depthwise: the input and result are transposed around the NHWC
// kernel through scratch buffers that the Executable keeps across calls.
const char *kScratchConv = R"mlir(
func.func @conv(%x: tensor<1x32x9x10xf32>, %w: tensor<32x1x3x3xf32>)
    -> tensor<1x32x9x10xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 32
       input_layout = NCHW filter_layout = OIHW
       : tensor<1x32x9x10xf32>, tensor<32x1x3x3xf32> -> tensor<1x32x9x10xf32>
  return %y : tensor<1x32x9x10xf32>
}
)mlir";

/// Compiles `source` or fails the test.
std::unique_ptr<Executable> compileOrDie(MLIRContext &context,
                                         const char *source) {
  auto exe = Executable::compileSource(context, source, "conv");
  if (!exe) {
    ADD_FAILURE() << llvm::toString(exe.takeError());
    return nullptr;
  }
  return std::move(*exe);
}

/// The geometry of kStaticConv.
ConvGeometry staticGeometry() {
  return ConvGeometry::fromShapes({1, 6, 7, 3}, {3, 2, 3, 8}, {2, 1}, {1, 1},
                                  {1, 0, 1, 0}, 1, true, InputLayout::NHWC,
                                  FilterLayout::HWIO);
}

TEST(ExecutableTest, SignatureIsReported) {
  MLIRContext context;
  auto exe = compileOrDie(context, kStaticConv);
  ASSERT_TRUE(exe);
  ASSERT_EQ(exe->getArgumentSpecs().size(), 3u);
  EXPECT_EQ(exe->getArgumentSpecs()[1].str(), "tensor<3x2x3x8xf32>");
  ASSERT_EQ(exe->getResultSpecs().size(), 1u);
  EXPECT_EQ(exe->getResultSpecs()[0].str(), "tensor<1x3x7x8xf32>");
  EXPECT_GT(exe->getCompileSeconds(), 0.0);
}

TEST(ExecutableTest, MatchesReferenceOverRepeatedCalls) {
  MLIRContext context;
  auto exe = compileOrDie(context, kStaticConv);
  ASSERT_TRUE(exe);
  ConvGeometry g = staticGeometry();
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    Tensor x = Tensor::random(DType::F32, g.inputShape(), seed);
    Tensor w = Tensor::random(DType::F32, g.filterShape(), seed + 10);
    Tensor b = Tensor::random(DType::F32, {g.outChannels}, seed + 20);
    auto out = exe->invoke({&x, &w, &b});
    ASSERT_TRUE(static_cast<bool>(out)) << llvm::toString(out.takeError());
    ReferenceCheck check = checkAgainstReference(g, {&x, &w, &b}, (*out)[0]);
    EXPECT_TRUE(check.comparison.passed())
        << "seed " << seed << ": max error " << check.comparison.maxAbsError;
  }
}

// A filter frozen into the module (a constant, prepared at compile time:
// its OIHW -> HWIO transpose, Winograd's filter transform, the dense
// kernel's blocks, those of Winograd's GEMMs with 32 output channels) gives
// the reference's numbers, and the function takes one argument fewer.
TEST(ExecutableTest, FrozenFilterMatchesReference) {
  MLIRContext context;
  for (auto [layout, winograd] :
       {std::pair{FilterLayout::OIHW, WinogradPolicy::Never},
        std::pair{FilterLayout::OIHW, WinogradPolicy::Always},
        std::pair{FilterLayout::HWIO, WinogradPolicy::Always}}) {
    ConvGeometry g = ConvGeometry::fromShapes(
        {1, 8, 9, 16}, {3, 3, 16, 32}, {1, 1}, {1, 1}, {1, 1, 1, 1}, 1, false,
        InputLayout::NHWC, FilterLayout::HWIO);
    Tensor x = Tensor::random(DType::F32, g.inputShape(), 1);
    Tensor w = Tensor::random(DType::F32, g.filterShape(), 2);
    ConvGeometry ours = g;
    ours.filterLayout = layout;
    Tensor frozen = layout == FilterLayout::OIHW ? w.permuted({3, 2, 0, 1})
                                                 : w.permuted({0, 1, 2, 3});
    OwningOpRef<ModuleOp> module = buildConvModule(context, ours, DType::F32);
    ASSERT_TRUE(module);
    auto func = module->lookupSymbol<func::FuncOp>("conv");
    ASSERT_TRUE(succeeded(freezeArgument(func, 1, frozen)));
    EXPECT_EQ(func.getNumArguments(), 1u);
    // A value of another type is refused.
    EXPECT_TRUE(failed(freezeArgument(func, 0, frozen)));
    CompileOptions options;
    options.winograd = winograd;
    auto exe = Executable::compile(*module, "conv", options);
    ASSERT_TRUE(static_cast<bool>(exe)) << llvm::toString(exe.takeError());
    auto out = (*exe)->invoke({&x});
    ASSERT_TRUE(static_cast<bool>(out)) << llvm::toString(out.takeError());
    ReferenceCheck check = checkAgainstReference(g, {&x, &w}, (*out)[0]);
    EXPECT_TRUE(check.comparison.passed())
        << stringifyWinogradPolicy(winograd).str() << ": max error "
        << check.comparison.maxAbsError;
  }
}

TEST(ExecutableTest, InvokeIntoReusesOutputs) {
  MLIRContext context;
  auto exe = compileOrDie(context, kStaticConv);
  ASSERT_TRUE(exe);
  ConvGeometry g = staticGeometry();
  Tensor x = Tensor::random(DType::F32, g.inputShape(), 5);
  Tensor w = Tensor::random(DType::F32, g.filterShape(), 6);
  Tensor b = Tensor::random(DType::F32, {g.outChannels}, 7);
  llvm::SmallVector<Tensor, 1> outputs;
  outputs.emplace_back(DType::F32, g.outputShape());
  outputs[0].set(0, 1234.0);
  ASSERT_FALSE(static_cast<bool>(exe->invokeInto({&x, &w, &b}, outputs)));
  Tensor ref = referenceConv2D(g, x, w, &b);
  EXPECT_TRUE(compareTensors(outputs[0], ref, 1e-5, 1e-5).passed());
}

/// Runs `exe` on two threads at once, each `calls` times on its own seeded
/// data (with a bias when `withBias`), and expects every result to match
/// the reference conv of geometry `g`.
void expectConcurrentCallsMatch(const Executable &exe, const ConvGeometry &g,
                                bool withBias, int calls) {
  bool ok[2] = {false, false};
  auto work = [&](int id) {
    Tensor x = Tensor::random(DType::F32, g.inputShape(), 100 + id);
    Tensor w = Tensor::random(DType::F32, g.filterShape(), 200 + id);
    Tensor b = Tensor::random(DType::F32, {g.outChannels}, 300 + id);
    Tensor ref = referenceConv2D(g, x, w, withBias ? &b : nullptr);
    llvm::SmallVector<const Tensor *, 3> inputs = {&x, &w};
    if (withBias)
      inputs.push_back(&b);
    bool allPassed = true;
    for (int i = 0; i < calls; ++i) {
      auto out = exe.invoke(inputs);
      if (!out) {
        llvm::consumeError(out.takeError());
        allPassed = false;
        break;
      }
      allPassed &= compareTensors((*out)[0], ref, 1e-5, 1e-5).passed();
    }
    ok[id] = allPassed;
  };
  std::thread t0(work, 0), t1(work, 1);
  t0.join();
  t1.join();
  EXPECT_TRUE(ok[0]);
  EXPECT_TRUE(ok[1]);
}

TEST(ExecutableTest, ConcurrentInvocations) {
  MLIRContext context;
  auto exe = compileOrDie(context, kStaticConv);
  ASSERT_TRUE(exe);
  expectConcurrentCallsMatch(*exe, staticGeometry(), /*withBias=*/true, 50);
}

TEST(ExecutableTest, ConcurrentInvocationsWithScratch) {
  // Each concurrent call gets its own scratch buffers: two threads with
  // different data must both match the reference on every call.
  MLIRContext context;
  auto exe = compileOrDie(context, kScratchConv);
  ASSERT_TRUE(exe);
  ConvGeometry g = ConvGeometry::fromShapes(
      {1, 32, 9, 10}, {32, 1, 3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, 32, false,
      InputLayout::NCHW, FilterLayout::OIHW);
  expectConcurrentCallsMatch(*exe, g, /*withBias=*/false, 100);
}

TEST(ExecutableTest, DynamicShapesFollowTheInputs) {
  MLIRContext context;
  auto exe = compileOrDie(context, kDynamicConv);
  ASSERT_TRUE(exe);
  EXPECT_EQ(exe->getResultSpecs()[0].str(), "tensor<?x6x?x?xf32>");
  for (auto [n, h, w] : {std::make_tuple(1, 5, 5), std::make_tuple(3, 9, 4)}) {
    ConvGeometry g = ConvGeometry::fromShapes(
        {n, 4, h, w}, {6, 2, 3, 3}, {1, 1}, {1, 1}, {1, 1, 1, 1}, 2, false,
        InputLayout::NCHW, FilterLayout::OIHW);
    Tensor x = Tensor::random(DType::F32, g.inputShape(), n);
    Tensor f = Tensor::random(DType::F32, g.filterShape(), h);
    auto out = exe->invoke({&x, &f});
    ASSERT_TRUE(static_cast<bool>(out)) << llvm::toString(out.takeError());
    EXPECT_EQ((*out)[0].shape(), llvm::ArrayRef(g.outputShape()));
    EXPECT_TRUE(
        checkAgainstReference(g, {&x, &f}, (*out)[0]).comparison.passed());
  }
}

TEST(ExecutableTest, RejectsMismatchedInputs) {
  MLIRContext context;
  auto exe = compileOrDie(context, kStaticConv);
  ASSERT_TRUE(exe);
  Tensor x(DType::F32, {1, 6, 7, 4});
  Tensor w(DType::F32, {3, 2, 3, 8});
  Tensor b(DType::F32, {8});
  auto out = exe->invoke({&x, &w, &b});
  ASSERT_FALSE(static_cast<bool>(out));
  EXPECT_EQ(llvm::toString(out.takeError()),
            "input 0 is tensor<1x6x7x4xf32> but argument 0 is "
            "tensor<1x6x7x3xf32>");
  Tensor x16(DType::F16, {1, 6, 7, 3});
  auto wrongType = exe->invoke({&x16, &w, &b});
  ASSERT_FALSE(static_cast<bool>(wrongType));
  EXPECT_EQ(llvm::toString(wrongType.takeError()),
            "input 0 is tensor<1x6x7x3xf16> but argument 0 is "
            "tensor<1x6x7x3xf32>");
  auto tooFew = exe->invoke({&x, &w});
  ASSERT_FALSE(static_cast<bool>(tooFew));
  EXPECT_EQ(llvm::toString(tooFew.takeError()), "expected 3 inputs, got 2");
}

TEST(ExecutableTest, CompileErrorsAreReported) {
  MLIRContext context;
  auto missing = Executable::compileSource(context, kStaticConv, "nope");
  ASSERT_FALSE(static_cast<bool>(missing));
  EXPECT_EQ(llvm::toString(missing.takeError()),
            "no function @nope in the module (it has @conv)");
  auto invalid = Executable::compileSource(context, "func.func @conv(", "conv");
  ASSERT_FALSE(static_cast<bool>(invalid));
  EXPECT_NE(llvm::toString(invalid.takeError()).find("invalid IR"),
            std::string::npos);
  auto scalar = Executable::compileSource(
      context, "func.func @conv(%a: f32) -> f32 { return %a : f32 }", "conv");
  ASSERT_FALSE(static_cast<bool>(scalar));
  EXPECT_EQ(llvm::toString(scalar.takeError()),
            "argument 0 has type f32: only ranked tensors are supported");
}

// The source is exactly the StringRef, not the bytes up to the next NUL (the
// MLIR lexer's end marker): a slice of a larger buffer is parsed alone.
// conv-parse-fuzzer found the over-read (a heap-buffer-overflow under ASan
// when nothing follows the source).
TEST(ExecutableTest, SourceIsTheStringRefNotUpToNul) {
  MLIRContext context;
  std::string buffer = std::string(kStaticConv) + "bogus_tail";
  llvm::StringRef slice(buffer.data(), buffer.size() - 5);
  auto exe = Executable::compileSource(context, slice, "conv");
  ASSERT_FALSE(static_cast<bool>(exe));
  std::string message = llvm::toString(exe.takeError());
  EXPECT_NE(message.find("custom op 'bogus' is unknown"), std::string::npos)
      << message;
}

// Nesting deep enough to overflow the parser's stack is an error.
TEST(ExecutableTest, DeepNestingIsAnError) {
  MLIRContext context;
  std::string source =
      "func.func @conv() attributes {a = " + std::string(10000, '[') +
      std::string(10000, ']') + "} { return }";
  auto exe = Executable::compileSource(context, source, "conv");
  ASSERT_FALSE(static_cast<bool>(exe));
  EXPECT_EQ(llvm::toString(exe.takeError()),
            "invalid IR: brackets nest deeper than 256 levels at offset 289");
}

} // namespace
