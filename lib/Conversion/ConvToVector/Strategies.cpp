//===- Strategies.cpp - The CPU conv strategies and their choice ----------===//
//
// Part of mlir-conv. See Strategies.h. Each strategy's plan describes what
// it will do (the report line); its lowering normalises the layouts it needs
// and calls the kernel emitters of this folder.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToVector/Strategies.h"
#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

//===----------------------------------------------------------------------===//
// What a decision says
//===----------------------------------------------------------------------===//

/// The report line of lowering `op` with Winograd (`winograd`) or with the
/// direct `plan` (planar, dense or channel-vector, possibly a pointwise NCHW
/// conv read the other way round): the kernel, how the layouts are handled
/// and whether a constant filter is prepared at compile time.
static std::string describe(Conv2DOp op, const DirectConvOptions &options,
                            bool winograd, const DirectConvPlan *plan) {
  std::string text = winograd ? "strategy=" + describeWinograd(op, options)
                              : "strategy=direct kernel=" + plan->str();
  bool normalize = op.getInputLayout() != InputLayout::NHWC ||
                   op.getFilterLayout() != FilterLayout::HWIO;
  bool directKernel = !winograd && plan->kind != DirectConvPlan::Kind::Planar;
  bool denseBlocks = directKernel && plan->blocksConstantFilter();
  // A readable constant filter's transposes (not the planar kernel's: it
  // reads any layout), Winograd's transform and the dense kernel's blocks
  // are made at compile time.
  bool folded = isReadableConstant(op.getFilter()) &&
                (winograd ||
                 (directKernel && op.getFilterLayout() != FilterLayout::HWIO) ||
                 denseBlocks);
  // An OIHW argument that Winograd's filter transform or the packed filter
  // slices of reduction blocks read without a transpose.
  bool oihwAsIs = isOihwArgumentFilter(op) &&
                  (winograd || (directKernel && plan->packFilterSlices));
  bool channelsFirst = !winograd && plan->channelsFirst;
  if (directKernel && getPointwiseNchwGeometry(op, options))
    text += ", 1x1 NCHW as the filter (O pixels) by the image (H*W "
            "channels): nothing transposed";
  else if (channelsFirst && plan->kind == DirectConvPlan::Kind::Planar)
    text += ", input/output/filter kept in their layouts";
  else if (channelsFirst && op.getFilterLayout() != FilterLayout::HWIO)
    text += ", input/output kept NCHW, filter transposed to HWIO";
  else if (channelsFirst)
    text += ", input/output kept NCHW";
  else if (oihwAsIs && op.getInputLayout() == InputLayout::NCHW)
    text += ", input/output normalised to NHWC by transposes, filter read "
            "from OIHW";
  else if (oihwAsIs)
    text += ", filter read from OIHW";
  else if (normalize)
    text += ", layouts normalised to NHWC/HWIO by transposes";
  if (folded)
    text += ", constant filter prepared at compile time";
  return text;
}

//===----------------------------------------------------------------------===//
// The strategies
//===----------------------------------------------------------------------===//

/// Lowers `normalized` with `lower`, then the layout transposes its
/// normalisation added around it (OIHW/OHWI filters, NCHW input and result)
/// in vector tiles of `lanes`; transposes of constants are folded first.
static FailureOr<Value>
lowerWithTransposes(Conv2DOp normalized, int64_t lanes, RewriterBase &rewriter,
                    function_ref<FailureOr<Value>(Conv2DOp)> lower) {
  SmallVector<linalg::TransposeOp> transposes;
  for (Value operand : {normalized.getInput(), normalized.getFilter()})
    if (auto transpose = operand.getDefiningOp<linalg::TransposeOp>())
      // A constant (filter) is transposed now, before the lowering, which
      // then sees a constant (Winograd transforms it now too).
      if (failed(foldConstantLayoutTranspose(rewriter, transpose)))
        transposes.push_back(transpose);
  Value convResult = normalized.getResult();
  if (convResult.hasOneUse())
    if (auto transpose =
            dyn_cast<linalg::TransposeOp>(*convResult.getUsers().begin()))
      transposes.push_back(transpose);
  FailureOr<Value> result = lower(normalized);
  for (linalg::TransposeOp transpose : transposes) {
    // A filter transpose the kernel no longer reads (it packed the OIHW
    // filter itself) goes.
    if (transpose->use_empty()) {
      Operation *init = transpose.getInit().getDefiningOp();
      rewriter.eraseOp(transpose);
      if (isa_and_nonnull<tensor::EmptyOp>(init) && init->use_empty())
        rewriter.eraseOp(init);
      continue;
    }
    (void)lowerLayoutTransposeToVectors(rewriter, transpose, lanes,
                                        /*fuseEpilogue=*/true);
  }
  return result;
}

static FailureOr<ConvLoweringDecision>
planWinograd(Conv2DOp op, const DirectConvOptions &options) {
  if (!useWinograd(op, options))
    return failure();
  return ConvLoweringDecision{"winograd", describe(op, options, true, nullptr)};
}

static FailureOr<Value> lowerWinograd(RewriterBase &rewriter, Conv2DOp op,
                                      const DirectConvOptions &options) {
  // Read before normalising, which may replace `op`.
  int64_t lanes =
      getVectorWidth(op.getInput().getType().getElementType(), options);
  FailureOr<Conv2DOp> normalized = getNormalizedConv(rewriter, op);
  if (failed(normalized))
    return failure();
  return lowerWithTransposes(*normalized, lanes, rewriter, [&](Conv2DOp c) {
    return lowerConv2DToWinograd(rewriter, c, options);
  });
}

/// The direct plan of `op` when it is of `kind`-ness `planar` (or, for
/// `pointwise`, a 1x1 NCHW conv read the other way round).
static FailureOr<ConvLoweringDecision>
planDirectKind(Conv2DOp op, const DirectConvOptions &options,
               StringRef strategy, bool pointwise, bool planar) {
  if (static_cast<bool>(getPointwiseNchwGeometry(op, options)) != pointwise)
    return failure();
  FailureOr<DirectConvPlan> plan = planDirectConv(op, options);
  if (failed(plan) || (plan->kind == DirectConvPlan::Kind::Planar) != planar)
    return failure();
  return ConvLoweringDecision{strategy, describe(op, options, false, &*plan)};
}

static FailureOr<ConvLoweringDecision>
planPointwiseNchw(Conv2DOp op, const DirectConvOptions &options) {
  return planDirectKind(op, options, "pointwise-nchw", /*pointwise=*/true,
                        /*planar=*/false);
}

static FailureOr<Value> lowerPointwiseNchw(RewriterBase &rewriter, Conv2DOp op,
                                           const DirectConvOptions &options) {
  return lowerPointwiseNchwConv(rewriter, op, options);
}

static FailureOr<ConvLoweringDecision>
planPlanar(Conv2DOp op, const DirectConvOptions &options) {
  return planDirectKind(op, options, "planar", /*pointwise=*/false,
                        /*planar=*/true);
}

/// Planar kernels read every layout as it is.
static FailureOr<Value> lowerPlanar(RewriterBase &rewriter, Conv2DOp op,
                                    const DirectConvOptions &options) {
  return lowerConv2DToVector(rewriter, op, options);
}

static FailureOr<ConvLoweringDecision>
planDirect(Conv2DOp op, const DirectConvOptions &options) {
  return planDirectKind(op, options, "direct", /*pointwise=*/false,
                        /*planar=*/false);
}

static FailureOr<Value> lowerDirect(RewriterBase &rewriter, Conv2DOp op,
                                    const DirectConvOptions &options) {
  FailureOr<DirectConvPlan> plan = planDirectConv(op, options);
  if (failed(plan))
    return failure();
  FailureOr<Conv2DOp> normalized = plan->channelsFirst
                                       ? normalizeConvFilterLayout(rewriter, op)
                                       : getNormalizedConv(rewriter, op);
  if (failed(normalized))
    return failure();
  return lowerWithTransposes(
      *normalized, plan->vectorWidth, rewriter,
      [&](Conv2DOp c) { return lowerConv2DToVector(rewriter, c, options); });
}

//===----------------------------------------------------------------------===//
// The registry and the decision
//===----------------------------------------------------------------------===//

ArrayRef<CpuConvStrategy> mlir::conv::getCpuConvStrategies() {
  static const CpuConvStrategy strategies[] = {
      {"winograd", planWinograd, lowerWinograd},
      {"pointwise-nchw", planPointwiseNchw, lowerPointwiseNchw},
      {"planar", planPlanar, lowerPlanar},
      {"direct", planDirect, lowerDirect},
  };
  return strategies;
}

FailureOr<RankedConvLowering>
mlir::conv::decideCpuConvLowering(Conv2DOp op,
                                  const DirectConvOptions &options) {
  for (const CpuConvStrategy &strategy : getCpuConvStrategies())
    if (FailureOr<ConvLoweringDecision> decision = strategy.plan(op, options);
        succeeded(decision))
      return RankedConvLowering{&strategy, std::move(*decision)};
  return failure();
}

FailureOr<Value>
mlir::conv::normalizeAndLowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                            const DirectConvOptions &options,
                                            ConvLoweringDecision *decided) {
  FailureOr<RankedConvLowering> choice = decideCpuConvLowering(op, options);
  if (failed(choice))
    return rewriter.notifyMatchFailure(op, "no direct plan for this conv");
  if (decided)
    *decided = choice->decision;
  return choice->strategy->lower(rewriter, op, options);
}

namespace {
/// Applies `normalizeAndLowerConv2DToVector`.
struct ConvToVectorPattern : OpRewritePattern<Conv2DOp> {
  ConvToVectorPattern(MLIRContext *ctx, const DirectConvOptions &options)
      : OpRewritePattern(ctx), options(options) {}
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    return normalizeAndLowerConv2DToVector(rewriter, op, options);
  }
  DirectConvOptions options;
};
} // namespace

void mlir::conv::populateConvToVectorPatterns(
    RewritePatternSet &patterns, const DirectConvOptions &options) {
  patterns.add<ConvToVectorPattern>(patterns.getContext(), options);
}
