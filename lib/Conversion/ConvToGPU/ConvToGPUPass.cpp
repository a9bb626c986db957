//===- ConvToGPUPass.cpp - The convert-conv-to-gpu pass -------------------===//
//
// Part of mlir-conv. This file holds only the passes convert-conv-to-gpu and
// conv-build-gpu-kernels; the call is made in ConvToGPU.cpp, the kernel
// emitted in GpuConvKernel.cpp and the tiling chosen in GpuConvPlan.cpp.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/IR/LoweringRecord.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVERTCONVTOGPUPASS
#define GEN_PASS_DEF_CONVBUILDGPUKERNELSPASS
#include "mlir-conv/Conversion/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;
using namespace mlir::conv;

namespace {
struct ConvertConvToGPUPass
    : conv::impl::ConvertConvToGPUPassBase<ConvertConvToGPUPass> {
  using Base::Base;
  void runOnOperation() override {
    GpuConvOptions options;
    options.regM = regM;
    options.regN = regN;
    options.tileK = tileK;
    options.threads = threads;
    options.fillBlocks = fillBlocks;
    options.splitK = splitK;
    options.multiprocessors = multiprocessors;
    options.depthwiseKernel = depthwiseKernel;
    std::string why;
    if (failed(verifyGpuConvOptions(options, &why))) {
      getOperation()->emitError("convert-conv-to-gpu: ") << why;
      return signalPassFailure();
    }
    SmallVector<Conv2DOp> convs;
    getOperation()->walk([&](Conv2DOp op) { convs.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (Conv2DOp op : convs) {
      // Declined convs stay on the CPU (convert-conv-to-linalg).
      if (recordLowering) {
        std::string why;
        FailureOr<GpuConvPlan> plan = planGpuConv(op, options, &why);
        recordConvLowering(
            op, succeeded(plan) ? "device=cuda kernel=" + plan->str()
                                : "device=cpu (" + why + "), strategy=linalg");
      }
      (void)normalizeAndOutlineConv2DForGPU(rewriter, op, options);
    }
  }
};

struct ConvBuildGpuKernelsPass
    : conv::impl::ConvBuildGpuKernelsPassBase<ConvBuildGpuKernelsPass> {
  using Base::Base;
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func->hasAttr(kGpuConvAttrName) && func.isDeclaration() &&
          failed(buildGpuConvKernelBody(rewriter, func))) {
        func.emitError("malformed '") << kGpuConvAttrName << "' attribute";
        return signalPassFailure();
      }
  }
};
} // namespace
