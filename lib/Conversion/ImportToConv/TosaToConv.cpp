//===- TosaToConv.cpp - Raise tosa convs to conv.conv2d -------------------===//
//
// Part of mlir-conv. tosa.conv2d (NHWC input, OHWI weight) and
// tosa.depthwise_conv2d (NHWC input, HWCM weight) become conv.conv2d; the
// pad, stride and dilation attributes carry over as they are.
//
//===----------------------------------------------------------------------===//

#include "ImportUtils.h"
#include "mlir-conv/Conversion/ImportToConv/ImportToConv.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::conv;

/// `bias` as a [channels] tensor: as it is, or its single element splat.
static FailureOr<Value> getBias(RewriterBase &rewriter, Location loc,
                                Value bias, int64_t channels) {
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getDimSize(0) == channels)
    return bias;
  if (type.getDimSize(0) != 1)
    return failure();
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value element = tensor::ExtractOp::create(rewriter, loc, bias, zero);
  return tensor::SplatOp::create(rewriter, loc, element, ArrayRef{channels})
      .getResult();
}

/// The zero points of a tosa conv, if they are constants.
template <typename OpTy>
static std::pair<FailureOr<int64_t>, FailureOr<int64_t>>
getZeroPoints(OpTy op) {
  return {op.getInputZeroPoint(), op.getWeightZeroPoint()};
}

/// Imports one tosa conv of type `OpTy`.
template <typename OpTy>
static FailureOr<Value> importTosaConvOp(RewriterBase &rewriter, OpTy op) {
  auto [inputZp, weightZp] = getZeroPoints(op);
  if (failed(inputZp) || failed(weightZp) || *inputZp != 0 || *weightZp != 0)
    return rewriter.notifyMatchFailure(op, "non-zero or unknown zero point");
  Type elementType = op.getInput().getType().getElementType();
  if (!importutils::isSupportedElementType(elementType) ||
      op.getWeight().getType().getElementType() != elementType ||
      op.getOutput().getType().getElementType() != elementType)
    return rewriter.notifyMatchFailure(op, "unsupported element types");

  // Everything that can fail before a rewrite is checked before the first op
  // is created: a pattern that fails must leave the IR as it was (or the
  // greedy driver never converges, and the pass fails with no message).
  auto weightType = cast<RankedTensorType>(op.getWeight().getType());
  int64_t channels = weightType.getDimSize(0);
  if constexpr (std::is_same_v<OpTy, tosa::DepthwiseConv2DOp>) {
    if (!weightType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic weight shape");
    channels = weightType.getDimSize(2) * weightType.getDimSize(3);
  }
  if (ShapedType::isDynamic(channels))
    return rewriter.notifyMatchFailure(op, "dynamic output channels");
  int64_t biasSize =
      cast<RankedTensorType>(op.getBias().getType()).getDimSize(0);
  if (biasSize != channels && biasSize != 1)
    return rewriter.notifyMatchFailure(op, "bias shape");

  Location loc = op.getLoc();
  Conv2DAttrs attrs;
  attrs.strides = SmallVector<int64_t, 2>(op.getStride());
  attrs.dilations = SmallVector<int64_t, 2>(op.getDilation());
  attrs.padding = SmallVector<int64_t, 4>(op.getPad());
  attrs.inputLayout = InputLayout::NHWC;
  Value filter = op.getWeight();
  if constexpr (std::is_same_v<OpTy, tosa::DepthwiseConv2DOp>) {
    // [KH, KW, C, M] -> HWIO [KH, KW, 1, C * M], one group per channel.
    FailureOr<Value> hwio =
        importutils::reshapeDepthwiseFilter(rewriter, loc, filter);
    if (failed(hwio))
      return rewriter.notifyMatchFailure(op, "dynamic weight shape");
    filter = *hwio;
    attrs.groups = op.getWeight().getType().getDimSize(2);
    attrs.filterLayout = FilterLayout::HWIO;
  } else {
    attrs.filterLayout = FilterLayout::OHWI;
  }
  FailureOr<Value> bias = getBias(rewriter, loc, op.getBias(), channels);
  if (failed(bias))
    return rewriter.notifyMatchFailure(op, "bias shape");
  FailureOr<Value> conv = importutils::createConv(
      rewriter, loc, op.getInput(), filter, *bias, attrs, op.getType());
  if (failed(conv))
    return rewriter.notifyMatchFailure(op, "not a valid conv.conv2d");
  rewriter.replaceOp(op, *conv);
  return *conv;
}

FailureOr<Value> mlir::conv::importTosaConv(RewriterBase &rewriter,
                                            Operation *op) {
  return llvm::TypeSwitch<Operation *, FailureOr<Value>>(op)
      .Case<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(
          [&](auto tosaOp) { return importTosaConvOp(rewriter, tosaOp); })
      .Default([&](Operation *) {
        return rewriter.notifyMatchFailure(op, "not a tosa 2-D conv");
      });
}

LogicalResult mlir::conv::checkTosaZeroPoints(Operation *root) {
  bool ok = true;
  root->walk([&](Operation *op) {
    llvm::TypeSwitch<Operation *>(op)
        .Case<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>([&](auto tosaOp) {
          // Quantized element types (the quant dialect's) have no lowering
          // here or upstream; plain integer convs are left to upstream.
          Type elementType = tosaOp.getInput().getType().getElementType();
          if (elementType.getDialect().getNamespace() == "quant") {
            tosaOp.emitOpError()
                << "cannot be imported: quantized element type " << elementType
                << " is not supported (conv.conv2d computes in f16, bf16, "
                   "f32 or f64)";
            ok = false;
            return;
          }
          auto [inputZp, weightZp] = getZeroPoints(tosaOp);
          for (auto [name, zp] : {std::make_pair("input", inputZp),
                                  std::make_pair("weight", weightZp)}) {
            if (failed(zp)) {
              tosaOp.emitOpError() << "cannot be imported: its " << name
                                   << " zero point is not a constant";
              ok = false;
            } else if (*zp != 0) {
              tosaOp.emitOpError()
                  << "cannot be imported: conv.conv2d has no zero points, "
                     "but the "
                  << name << " zero point is " << *zp;
              ok = false;
            }
          }
        });
  });
  return success(ok);
}

namespace {
/// Applies `importTosaConv` to a tosa.conv2d or tosa.depthwise_conv2d.
template <typename OpTy> struct ImportTosaConvPattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    return importTosaConvOp(rewriter, op);
  }
};
} // namespace

void mlir::conv::populateTosaToConvPatterns(RewritePatternSet &patterns) {
  patterns.add<ImportTosaConvPattern<tosa::Conv2DOp>,
               ImportTosaConvPattern<tosa::DepthwiseConv2DOp>>(
      patterns.getContext());
}
