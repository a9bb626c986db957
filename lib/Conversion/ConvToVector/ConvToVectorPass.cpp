//===- ConvToVectorPass.cpp - The convert-conv-to-vector pass -------------===//
//
// Part of mlir-conv. This file holds only the pass; the lowering is in
// ConvToVector.cpp and the blocking choice in DirectConvPlan.cpp.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToVector/Strategies.h"
#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/IR/LoweringRecord.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVERTCONVTOVECTORPASS
#include "mlir-conv/Conversion/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

namespace {
struct ConvertConvToVectorPass
    : conv::impl::ConvertConvToVectorPassBase<ConvertConvToVectorPass> {
  using Base::Base;

  /// Rejects block sizes the plan cannot use. (Out-of-range but meaningful
  /// values, such as blocks larger than the output, are clamped by the
  /// plan.)
  LogicalResult checkOptions() {
    auto check = [&](StringRef name, int64_t value,
                     int64_t min) -> LogicalResult {
      if (value >= min)
        return success();
      return emitError(getOperation()->getLoc())
             << "convert-conv-to-vector: " << name << " (" << value
             << ") must be >= " << min
             << (min < 0 ? " (0: choose, -1: never)" : " (0: choose)");
    };
    if (exact && winograd == WinogradPolicy::Always)
      return emitError(getOperation()->getLoc())
             << "convert-conv-to-vector: winograd=always contradicts exact "
                "(Winograd's transforms mix neighbouring pixels)";
    return success(succeeded(check("ow-block", owBlock, 0)) &&
                   succeeded(check("oc-vectors", ocVectors, 0)) &&
                   succeeded(check("oh-block", ohBlock, 0)) &&
                   succeeded(check("c-block", cBlock, -1)));
  }

  /// Resolves the target once, before the (possibly parallel) runs.
  LogicalResult initialize(MLIRContext *context) override {
    llvm::Expected<CpuTarget> resolved =
        resolveCpuTarget(targetCPU, targetFeatures, targetTriple);
    if (!resolved)
      return emitError(UnknownLoc::get(context))
             << "convert-conv-to-vector: "
             << llvm::toString(resolved.takeError());
    target = *resolved;
    return success();
  }

  void runOnOperation() override {
    if (failed(checkOptions()))
      return signalPassFailure();
    DirectConvOptions options;
    options.vectorBits = vectorBits;
    options.numRegisters = numRegisters;
    options.owBlock = owBlock;
    options.ocVectors = ocVectors;
    options.ohBlock = ohBlock;
    options.cBlock = cBlock;
    options.winograd = winograd;
    options.exact = exact;
    options.packFilterBlocks = packFilterBlocks;
    options.threads = threads;
    applyCpuTarget(options, target);
    // The lowering may erase the op after a conv (a fused epilogue), which a
    // walking pattern driver could be about to visit: collect first.
    SmallVector<Conv2DOp> convs;
    getOperation()->walk([&](Conv2DOp op) { convs.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (Conv2DOp op : convs) {
      FailureOr<RankedConvLowering> choice = decideCpuConvLowering(op, options);
      // Declined convs are lowered by convert-conv-to-linalg.
      if (recordLowering)
        recordConvLowering(op, succeeded(choice)
                                   ? StringRef(choice->decision.description)
                                   : "strategy=linalg (no direct plan)");
      if (succeeded(choice))
        (void)choice->strategy->lower(rewriter, op, options);
    }
  }

  CpuTarget target;
};
} // namespace
