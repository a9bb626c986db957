//===- ConvToLinalgPass.cpp - The convert-conv-to-linalg pass -------------===//
//
// Part of mlir-conv. This file holds only the pass; the lowering is in
// ConvToLinalg.cpp.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/IR/LoweringRecord.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVERTCONVTOLINALGPASS
#include "mlir-conv/Conversion/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

namespace {
struct ConvertConvToLinalgPass
    : conv::impl::ConvertConvToLinalgPassBase<ConvertConvToLinalgPass> {
  using Base::Base;
  void runOnOperation() override {
    // Convs no earlier pass recorded were decided here.
    if (recordLowering)
      getOperation()->walk([](Conv2DOp op) {
        if (!isConvLoweringRecorded(op))
          recordConvLowering(op, "strategy=linalg");
      });
    ConversionTarget target(getContext());
    // Everything but our dialect stays as it is.
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    target.addIllegalDialect<ConvDialect>();
    RewritePatternSet patterns(&getContext());
    populateConvToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
