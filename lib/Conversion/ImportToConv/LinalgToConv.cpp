//===- LinalgToConv.cpp - Raise linalg named convs to conv.conv2d ---------===//
//
// Part of mlir-conv. The linalg named 2-D convs differ only in layouts and
// in the depthwise filter shapes: one table says what each one is, and one
// function raises them all. The zero `tensor.pad` that lowerings put before
// a linalg conv becomes the conv's padding, and the init (outs) operand the
// conv accumulates into becomes its bias, nothing or an add.
//
//===----------------------------------------------------------------------===//

#include "ImportUtils.h"
#include "mlir-conv/Conversion/ImportToConv/ImportToConv.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::conv;

//===----------------------------------------------------------------------===//
// What each linalg conv is
//===----------------------------------------------------------------------===//

namespace {
/// The filter of a linalg conv.
enum class FilterKind {
  /// A plain filter of `ConvKind::filterLayout`.
  Plain,
  /// Depthwise [KH, KW, C] (groups = C, one output per channel).
  Depthwise,
  /// Depthwise with a multiplier, [KH, KW, C, M], and an output
  /// [N, OH, OW, C, M].
  DepthwiseMultiplier,
};

/// A linalg named conv as conv.conv2d sees it.
struct ConvKind {
  InputLayout inputLayout;
  FilterLayout filterLayout;
  FilterKind filter;
  DenseIntElementsAttr strides, dilations;
};
} // namespace

/// The kind of `op`, or nullopt for an op we do not import.
static std::optional<ConvKind> classify(Operation *op) {
  auto kind = [](auto conv, InputLayout in, FilterLayout filter,
                 FilterKind filterKind) {
    return ConvKind{in, filter, filterKind, conv.getStrides(),
                    conv.getDilations()};
  };
  return llvm::TypeSwitch<Operation *, std::optional<ConvKind>>(op)
      .Case([&](linalg::Conv2DNhwcHwcfOp c) {
        return kind(c, InputLayout::NHWC, FilterLayout::HWIO,
                    FilterKind::Plain);
      })
      .Case([&](linalg::Conv2DNhwcFhwcOp c) {
        return kind(c, InputLayout::NHWC, FilterLayout::OHWI,
                    FilterKind::Plain);
      })
      .Case([&](linalg::Conv2DNchwFchwOp c) {
        return kind(c, InputLayout::NCHW, FilterLayout::OIHW,
                    FilterKind::Plain);
      })
      .Case([&](linalg::DepthwiseConv2DNhwcHwcOp c) {
        return kind(c, InputLayout::NHWC, FilterLayout::HWIO,
                    FilterKind::Depthwise);
      })
      .Case([&](linalg::DepthwiseConv2DNhwcHwcmOp c) {
        return kind(c, InputLayout::NHWC, FilterLayout::HWIO,
                    FilterKind::DepthwiseMultiplier);
      })
      .Default([](Operation *) { return std::nullopt; });
}

//===----------------------------------------------------------------------===//
// Padding and init
//===----------------------------------------------------------------------===//

/// If `input` is a `tensor.pad` with a constant zero of static, non-negative
/// amounts on H and W only, returns its source and sets `padding` to
/// [top, bottom, left, right]; otherwise returns `input` and zero padding.
static Value foldZeroPad(Value input, InputLayout layout,
                         SmallVectorImpl<int64_t> &padding) {
  padding.assign(4, 0);
  auto pad = input.getDefiningOp<tensor::PadOp>();
  if (!pad)
    return input;
  Value value = pad.getConstantPaddingValue();
  if (!value || !matchPattern(value, m_AnyZeroFloat()))
    return input;
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  InputDims d = getInputDims(layout);
  for (unsigned dim : {d.n, d.c})
    if (low[dim] != 0 || high[dim] != 0)
      return input;
  for (int64_t amount : {low[d.h], high[d.h], low[d.w], high[d.w]})
    if (ShapedType::isDynamic(amount) || amount < 0)
      return input;
  padding.assign({low[d.h], high[d.h], low[d.w], high[d.w]});
  return pad.getSource();
}

/// Whether `init` is a `linalg.fill` with a constant zero.
static bool isZeroFill(Value init) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// If `init` broadcasts a 1-D tensor along output dimension `channelDim`
/// (a `linalg.broadcast`, or the `linalg.generic` copy with maps (d_c) and
/// identity that tosa-to-linalg writes), returns that tensor.
static Value getBroadcastBias(Value init, unsigned channelDim) {
  if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>()) {
    Value source = broadcast.getInput();
    ArrayRef<int64_t> added = broadcast.getDimensions();
    if (cast<ShapedType>(source.getType()).getRank() == 1 &&
        !llvm::is_contained(added, channelDim))
      return source;
    return nullptr;
  }
  auto generic = init.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return nullptr;
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  MLIRContext *context = generic.getContext();
  unsigned rank = generic.getNumLoops();
  if (maps[0] !=
          AffineMap::get(rank, 0, getAffineDimExpr(channelDim, context)) ||
      !maps[1].isIdentity())
    return nullptr;
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (body.getOperations().size() != 1 ||
      yield.getValues()[0] != body.getArgument(0))
    return nullptr;
  return generic.getDpsInputOperand(0)->get();
}

//===----------------------------------------------------------------------===//
// The import
//===----------------------------------------------------------------------===//

FailureOr<Value> mlir::conv::importLinalgConv(RewriterBase &rewriter,
                                              linalg::LinalgOp op) {
  std::optional<ConvKind> kind = classify(op);
  if (!kind)
    return rewriter.notifyMatchFailure(op, "not an imported linalg conv");
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1)
    return rewriter.notifyMatchFailure(op, "not on tensors");
  Value input = op.getDpsInputOperand(0)->get();
  Value filter = op.getDpsInputOperand(1)->get();
  Value init = op.getDpsInitOperand(0)->get();
  auto initType = cast<RankedTensorType>(init.getType());
  Type elementType = initType.getElementType();
  if (!importutils::isSupportedElementType(elementType) ||
      getElementTypeOrSelf(input.getType()) != elementType ||
      getElementTypeOrSelf(filter.getType()) != elementType)
    return rewriter.notifyMatchFailure(op, "unsupported element types");

  Location loc = op.getLoc();
  Conv2DAttrs attrs;
  attrs.inputLayout = kind->inputLayout;
  attrs.filterLayout = kind->filterLayout;
  attrs.strides = llvm::to_vector<2>(kind->strides.getValues<int64_t>());
  attrs.dilations = llvm::to_vector<2>(kind->dilations.getValues<int64_t>());
  input = foldZeroPad(input, kind->inputLayout, attrs.padding);
  if (kind->filter != FilterKind::Plain) {
    FailureOr<Value> hwio =
        importutils::reshapeDepthwiseFilter(rewriter, loc, filter);
    if (failed(hwio))
      return rewriter.notifyMatchFailure(op, "dynamic filter shape");
    attrs.groups = cast<RankedTensorType>(filter.getType()).getDimSize(2);
    filter = *hwio;
  }

  // The conv's own result: [N, OH, OW, C * M] for a multiplier.
  RankedTensorType convType = initType;
  unsigned channelDim = getInputDims(kind->inputLayout).c;
  if (kind->filter == FilterKind::DepthwiseMultiplier) {
    ArrayRef<int64_t> s = initType.getShape();
    int64_t channels =
        ShapedType::isDynamic(s[3]) || ShapedType::isDynamic(s[4])
            ? ShapedType::kDynamic
            : s[3] * s[4];
    convType = RankedTensorType::get({s[0], s[1], s[2], channels}, elementType);
  }
  Value bias = kind->filter == FilterKind::DepthwiseMultiplier
                   ? Value()
                   : getBroadcastBias(init, channelDim);
  FailureOr<Value> conv = importutils::createConv(rewriter, loc, input, filter,
                                                  bias, attrs, convType);
  if (failed(conv))
    return rewriter.notifyMatchFailure(op, "not a valid conv.conv2d");
  Value result = *conv;
  if (kind->filter == FilterKind::DepthwiseMultiplier) {
    SmallVector<ReassociationIndices> expand = {{0}, {1}, {2}, {3, 4}};
    result =
        tensor::ExpandShapeOp::create(rewriter, loc, initType, result, expand);
  }
  if (!bias && !isZeroFill(init))
    result = linalg::AddOp::create(rewriter, loc, ValueRange{result, init},
                                   ValueRange{init})
                 .getResult(0);
  rewriter.replaceOp(op, result);
  return result;
}

namespace {
/// Applies `importLinalgConv` to the linalg named 2-D convs.
struct ImportLinalgConvPattern
    : OpInterfaceRewritePattern<linalg::ConvolutionOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(linalg::ConvolutionOpInterface op,
                                PatternRewriter &rewriter) const override {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op.getOperation());
    if (!linalgOp)
      return failure();
    return importLinalgConv(rewriter, linalgOp);
  }
};
} // namespace

void mlir::conv::populateLinalgToConvPatterns(RewritePatternSet &patterns) {
  patterns.add<ImportLinalgConvPattern>(patterns.getContext());
}
