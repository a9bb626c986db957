//===- ConvToVector.cpp - Direct vectorized conv lowering -----------------===//
//
// Part of mlir-conv. The entry points of the direct lowering: the plan of an
// op in its layouts, the layout normalisation it needs (with the layout
// transposes in vector tiles), the fusable elementwise epilogue, and the
// pattern. The loops themselves are DirectConvEmitter's.
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

/// Whether `map` picks some of its dimensions in their order (a bias (d3) of
/// an NHWC result, a per-channel scale (d1) of an NCHW one): an operand
/// broadcast along the others.
static bool isInOrderBroadcast(AffineMap map) {
  if (!map.isProjectedPermutation() || map.getNumSymbols() != 0)
    return false;
  int64_t last = -1;
  for (AffineExpr e : map.getResults()) {
    int64_t d = cast<AffineDimExpr>(e).getPosition();
    if (d <= last)
      return false;
    last = d;
  }
  return true;
}

linalg::GenericOp mlir::conv::detail::getFusableEpilogue(Conv2DOp op) {
  return getFusableEpilogue(op.getResult());
}

linalg::GenericOp mlir::conv::detail::getFusableEpilogue(Value result) {
  auto resultType = dyn_cast<RankedTensorType>(result.getType());
  if (!resultType || !result.hasOneUse())
    return nullptr;
  auto generic = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!generic || generic.getNumDpsInits() != 1 ||
      generic.getNumResults() != 1 ||
      generic.getResult(0).getType() != resultType ||
      generic.getNumParallelLoops() != generic.getNumLoops() ||
      !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
           .isIdentity())
    return nullptr;
  Type elementType = resultType.getElementType();
  int readsOfConv = 0;
  for (OpOperand *in : generic.getDpsInputOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(in);
    if (in->get() == result) {
      if (!map.isIdentity())
        return nullptr;
      ++readsOfConv;
    } else if (map.isIdentity()
                   ? in->get().getType() != resultType
                   : !isInOrderBroadcast(map) ||
                         getElementTypeOrSelf(in->get()) != elementType) {
      return nullptr;
    }
  }
  Block &body = generic.getRegion().front();
  if (readsOfConv != 1 || !body.getArguments().back().use_empty())
    return nullptr;
  for (Operation &inner : body.without_terminator()) {
    if (inner.getDialect() != result.getContext()->getLoadedDialect("arith") ||
        inner.getNumRegions() != 0 || inner.getNumResults() != 1 ||
        inner.getResult(0).getType() != elementType ||
        llvm::any_of(inner.getOperandTypes(),
                     [&](Type t) { return t != elementType; }))
      return nullptr;
  }
  return generic;
}

Value mlir::conv::detail::replaceConvAndEpilogue(RewriterBase &rewriter,
                                                 Conv2DOp op,
                                                 linalg::GenericOp epilogue,
                                                 Value result) {
  if (result.getType() != op.getType())
    result =
        tensor::CastOp::create(rewriter, op.getLoc(), op.getType(), result);
  if (epilogue) {
    rewriter.replaceOp(epilogue, result);
    rewriter.eraseOp(op);
  } else {
    rewriter.replaceOp(op, result);
  }
  return result;
}

FailureOr<Value>
mlir::conv::lowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                const DirectConvOptions &options,
                                Value destination) {
  Type elementType = op.getInput().getType().getElementType();
  FailureOr<DirectConvPlan> plan =
      planDirectConv(op.getGeometry(), elementType, options);
  if (failed(plan))
    return rewriter.notifyMatchFailure(op, "no direct plan for this conv");
  if (detail::getOihwArgumentFilter(op))
    planFilterSlicePacking(*plan, op.getGeometry(), elementType, options);
  planFilterBlockPacking(*plan, op.getGeometry(), options,
                         isReadableConstant(op.getFilter()));
  linalg::GenericOp epilogue = getFusableEpilogue(op);
  OpBuilder::InsertionGuard guard(rewriter);
  // With an epilogue, emit where it is: everything it uses is defined.
  rewriter.setInsertionPoint(epilogue ? epilogue.getOperation()
                                      : op.getOperation());
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  Value init = destination;
  if (!init) {
    ReifiedRankedShapedTypeDims shape;
    if (failed(op.reifyResultShapes(b, shape)))
      return failure();
    init = tensor::EmptyOp::create(b, shape[0], elementType);
  }
  DirectConvEmitter emitter(b, op, *plan, epilogue);
  return replaceConvAndEpilogue(rewriter, op, epilogue, emitter.emit(init));
}

bool mlir::conv::isOihwArgumentFilter(Conv2DOp op) {
  if (op.getFilterLayout() == FilterLayout::HWIO)
    return static_cast<bool>(detail::getOihwArgumentFilter(op));
  return op.getFilterLayout() == FilterLayout::OIHW &&
         hasIdentityBuffer(op.getFilter()) &&
         !isReadableConstant(op.getFilter());
}

FailureOr<DirectConvPlan>
mlir::conv::planDirectConv(Conv2DOp op, const DirectConvOptions &options) {
  ConvGeometry g = op.getGeometry();
  Type elementType = op.getInput().getType().getElementType();
  if (std::optional<ConvGeometry> swapped =
          getPointwiseNchwGeometry(op, options))
    return planDirectConv(*swapped, elementType, options);
  g.filterLayout = FilterLayout::HWIO;
  ConvGeometry nhwc = g;
  nhwc.inputLayout = InputLayout::NHWC;
  FailureOr<DirectConvPlan> nhwcPlan =
      planDirectConv(nhwc, elementType, options);
  // A filter big enough for reduction blocks (which keep partial sums in an
  // NHWC output) goes with few pixels per filter element: transposing the
  // input and output costs less than a channels-first kernel without the
  // blocks (docs/Lowering.md, Dense kernel on NCHW).
  bool constantFilter = isReadableConstant(op.getFilter());
  if (g.inputLayout == InputLayout::NCHW &&
      !(succeeded(nhwcPlan) && nhwcPlan->cBlock > 0)) {
    FailureOr<DirectConvPlan> plan = planDirectConv(g, elementType, options);
    if (succeeded(plan)) {
      planFilterBlockPacking(*plan, g, options, constantFilter);
      return plan;
    }
  }
  if (succeeded(nhwcPlan) && isOihwArgumentFilter(op))
    planFilterSlicePacking(*nhwcPlan, nhwc, elementType, options);
  if (succeeded(nhwcPlan))
    planFilterBlockPacking(*nhwcPlan, nhwc, options, constantFilter);
  return nhwcPlan;
}

bool mlir::conv::useWinograd(Conv2DOp op, const DirectConvOptions &options) {
  if (options.winograd == WinogradPolicy::Never || options.exact)
    return false;
  ConvGeometry g = op.getGeometry();
  g.inputLayout = InputLayout::NHWC;
  g.filterLayout = FilterLayout::HWIO;
  Type type = op.getInput().getType().getElementType();
  if (!winogradApplies(g, type, options))
    return false;
  return options.winograd == WinogradPolicy::Always ||
         winogradPays(g, type, options, isReadableConstant(op.getFilter()));
}

std::string mlir::conv::describeWinograd(Conv2DOp op,
                                         const DirectConvOptions &options) {
  ConvGeometry g = op.getGeometry();
  Type type = getAccumulatorType(op.getInput().getType().getElementType());
  int64_t vw = getVectorWidth(type, options);
  int64_t icp = llvm::alignTo(g.inChannels, vw);
  int64_t ocp = llvm::alignTo(g.outChannels, vw);
  int64_t tilesH = llvm::divideCeil(g.outH(), 2);
  int64_t tilesW = llvm::divideCeil(g.outW(), 2);
  int64_t rows = tilesH * tilesW * g.batch;
  // The GEMMs' grouped 1x1 conv: [1, N, tiles, 16 ICp] * [1, 1, ICp, 16 OCp]
  // (channel counts padded to whole vectors).
  ConvGeometry gemm = ConvGeometry::fromShapes(
      {1, g.batch, tilesH * tilesW, 16 * icp}, {1, 1, icp, 16 * ocp}, {1, 1},
      {1, 1}, {0, 0, 0, 0}, 16, false, InputLayout::NHWC, FilterLayout::HWIO);
  FailureOr<DirectConvPlan> plan =
      planDirectConv(gemm, type, getWinogradGemmOptions(options));
  return "winograd F(2x2,3x3) tiles=" + std::to_string(tilesH) + "x" +
         std::to_string(tilesW) + " gemm=16x[" + std::to_string(rows) + "x" +
         std::to_string(icp) + "]x[" + std::to_string(icp) + "x" +
         std::to_string(ocp) +
         "] kernel=" + (succeeded(plan) ? plan->str() : "none");
}
