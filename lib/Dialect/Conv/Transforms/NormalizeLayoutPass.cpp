//===- NormalizeLayoutPass.cpp - The conv-normalize-layout pass -----------===//
//
// Part of mlir-conv. This file holds only the pass; the rewrite is in
// NormalizeLayout.cpp.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/Transforms/Passes.h"
#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVNORMALIZELAYOUTPASS
#include "mlir-conv/Dialect/Conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

namespace {
struct ConvNormalizeLayoutPass
    : conv::impl::ConvNormalizeLayoutPassBase<ConvNormalizeLayoutPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateConvNormalizeLayoutPatterns(patterns);
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace
