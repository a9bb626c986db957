//===- ConvOpsTest.cpp - Tests of the conv.conv2d builders ----------------===//
//
// Part of mlir-conv. The seed's padding forms, result-type inference and the
// geometry helpers.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::conv;

namespace {

class ConvOpsTest : public ::testing::Test {
protected:
  ConvOpsTest() : builder(&context) {
    context.loadDialect<ConvDialect, func::FuncDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
  }

  /// A function whose arguments have `types`; returns its arguments.
  ValueRange makeArgs(ArrayRef<Type> types) {
    auto func = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                     builder.getFunctionType(types, {}));
    Block *body = func.addEntryBlock();
    builder.setInsertionPointToEnd(body);
    return body->getArguments();
  }

  RankedTensorType tensor(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

TEST_F(ConvOpsTest, PaddingFormsExpandToFourValues) {
  ValueRange args = makeArgs({tensor({1, 10, 12, 4}), tensor({3, 3, 4, 8})});
  struct Case {
    SmallVector<int64_t> given, expected;
  } cases[] = {{{}, {0, 0, 0, 0}},
               {{2}, {2, 2, 2, 2}},
               {{1, 3}, {1, 1, 3, 3}},
               {{0, 1, 2, 3}, {0, 1, 2, 3}}};
  for (const Case &c : cases) {
    Conv2DAttrs attrs;
    attrs.padding.assign(c.given.begin(), c.given.end());
    auto op = Conv2DOp::create(builder, builder.getUnknownLoc(), args[0],
                               args[1], Value(), attrs);
    EXPECT_EQ(op.getPadding(), ArrayRef<int64_t>(c.expected));
    EXPECT_TRUE(succeeded(op.verify()));
  }
}

TEST_F(ConvOpsTest, ResultTypeIsInferred) {
  // NCHW 1x8x9x11, OIHW 6x4x3x2 (2 groups), stride (2, 3), dilation (1, 2),
  // padding (1, 0, 2, 1): OH = (9+1-2-1)/2+1 = 4, OW = (11+3-2-1)/3+1 = 4.
  ValueRange args =
      makeArgs({tensor({1, 8, 9, 11}), tensor({6, 4, 3, 2}), tensor({6})});
  Conv2DAttrs attrs;
  attrs.strides = {2, 3};
  attrs.dilations = {1, 2};
  attrs.padding = {1, 0, 2, 1};
  attrs.groups = 2;
  attrs.inputLayout = InputLayout::NCHW;
  attrs.filterLayout = FilterLayout::OIHW;
  auto op = Conv2DOp::create(builder, builder.getUnknownLoc(), args[0], args[1],
                             args[2], attrs);
  ASSERT_EQ(op->getNumResults(), 1u);
  EXPECT_EQ(op.getType(), tensor({1, 6, 4, 4}));
  EXPECT_TRUE(succeeded(op.verify()));
  ConvGeometry g = op.getGeometry();
  EXPECT_EQ(g.inChannels, 8);
  EXPECT_EQ(g.outChannels, 6);
  EXPECT_EQ(g.kernelH, 3);
  EXPECT_EQ(g.kernelW, 2);
  EXPECT_EQ(g.inChannelsPerGroup(), 4);
  EXPECT_EQ(g.reductionSize(), 4 * 3 * 2);
  EXPECT_DOUBLE_EQ(g.flops(), 2.0 * 1 * 4 * 4 * 6 * 3 * 2 * 4);
}

TEST_F(ConvOpsTest, DynamicDimsStayDynamic) {
  ValueRange args =
      makeArgs({tensor({ShapedType::kDynamic, ShapedType::kDynamic, 7, 4}),
                tensor({3, 3, 4, 8})});
  Conv2DAttrs attrs;
  attrs.padding = {1};
  auto op = Conv2DOp::create(builder, builder.getUnknownLoc(), args[0], args[1],
                             Value(), attrs);
  EXPECT_EQ(op.getType(),
            tensor({ShapedType::kDynamic, ShapedType::kDynamic, 7, 8}));
}

TEST(ConvGeometryTest, OutputExtentFormula) {
  // floor((H + top + bottom - d*(K-1) - 1) / s) + 1, negative numerators
  // rounding down.
  EXPECT_EQ(computeOutputExtent(5, 1, 1, 1, 3, 1), 5);
  EXPECT_EQ(computeOutputExtent(224, 3, 3, 1, 7, 2), 112);
  EXPECT_EQ(computeOutputExtent(1, 3, 3, 1, 1, 1), 7);
  EXPECT_EQ(computeOutputExtent(2, 0, 0, 1, 5, 1), -2);
  EXPECT_EQ(computeOutputExtent(2, 0, 0, 1, 5, 2), -1);
  EXPECT_FALSE(computeOutputExtent(1, INT64_MAX, 1, 1, 1, 1).has_value());
  EXPECT_FALSE(computeOutputExtent(1, 0, 0, INT64_MAX, 3, 1).has_value());
}

TEST(ConvGeometryTest, PermutationsRoundTrip) {
  for (InputLayout l : {InputLayout::NHWC, InputLayout::NCHW}) {
    std::array<int64_t, 4> to = getInputToNHWCPermutation(l);
    std::array<int64_t, 4> back = getNHWCToInputPermutation(l);
    for (int64_t d = 0; d < 4; ++d)
      EXPECT_EQ(to[back[d]], d);
  }
  EXPECT_EQ(getFilterToHWIOPermutation(FilterLayout::OIHW),
            (std::array<int64_t, 4>{2, 3, 1, 0}));
  EXPECT_EQ(getFilterToHWIOPermutation(FilterLayout::OHWI),
            (std::array<int64_t, 4>{1, 2, 3, 0}));
}

} // namespace
