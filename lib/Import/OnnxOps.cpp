//===- OnnxOps.cpp - ONNX nodes as TOSA ops -------------------------------===//
//
// Part of mlir-conv. One emitter per ONNX op type. Values keep the model's
// layout (NCHW); the spatial ops (Conv, pools) take NHWC in TOSA, so they are
// wrapped in transposes that the model pipeline's layout propagation
// cancels. Constant filters are permuted at import time. TOSA has no grouped
// conv: a grouped Conv that is not depthwise becomes conv.conv2d directly.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::onnximport;

namespace {
using Error = llvm::Error;
using Node = onnx::NodeProto;

constexpr int32_t kToNHWC[] = {0, 2, 3, 1};
constexpr int32_t kToNCHW[] = {0, 3, 1, 2};

/// The pads of one spatial dim: ONNX's (or auto_pad's) begin pad, and the
/// end pad that makes `out` outputs exactly (floor or ceil mode), which may
/// be negative (input rows no window reaches).
struct DimPads {
  int64_t begin = 0, end = 0;
};

/// The 2-D window of a Conv or pool node.
struct Window {
  int64_t kernel[2] = {1, 1}, stride[2] = {1, 1}, dilation[2] = {1, 1};
  DimPads pads[2];
};
} // namespace

/// Reads kernel/strides/dilations/pads/auto_pad of `node` for an input of
/// `inType` and an output of `outType` (both NCHW).
static llvm::Expected<Window> getWindow(Importer &im, const Node &node,
                                        ArrayRef<int64_t> kernel,
                                        RankedTensorType inType,
                                        RankedTensorType outType) {
  if (inType.getRank() != 4)
    return im.error(node, "only 2-D (rank-4 NCHW) inputs are supported, got "
                          "rank " +
                              llvm::Twine(inType.getRank()));
  Window w;
  std::vector<int64_t> strides = getIntsAttr(node, "strides", {1, 1});
  std::vector<int64_t> dilations = getIntsAttr(node, "dilations", {1, 1});
  std::vector<int64_t> pads = getIntsAttr(node, "pads", {0, 0, 0, 0});
  if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 ||
      pads.size() != 4)
    return im.error(node, "kernel_shape, strides, dilations and pads must "
                          "describe a 2-D window");
  std::string autoPad = getStringAttr(node, "auto_pad", "NOTSET");
  for (int d = 0; d < 2; ++d) {
    w.kernel[d] = kernel[d];
    w.stride[d] = strides[d];
    w.dilation[d] = dilations[d];
    int64_t in = inType.getDimSize(2 + d), out = outType.getDimSize(2 + d);
    int64_t extent = w.dilation[d] * (w.kernel[d] - 1) + 1;
    int64_t needed = (out - 1) * w.stride[d] + extent - in;
    if (autoPad == "NOTSET")
      w.pads[d].begin = pads[d];
    else if (autoPad == "SAME_UPPER")
      w.pads[d].begin = std::max<int64_t>(needed, 0) / 2;
    else if (autoPad == "SAME_LOWER")
      w.pads[d].begin = (std::max<int64_t>(needed, 0) + 1) / 2;
    else if (autoPad != "VALID")
      return im.error(node, "auto_pad=" + autoPad + " is not supported");
    if (w.pads[d].begin < 0 || w.stride[d] < 1 || w.dilation[d] < 1)
      return im.error(node, "negative pads or non-positive strides or "
                            "dilations are not supported");
    w.pads[d].end = needed - w.pads[d].begin;
  }
  return w;
}

/// `x` (NHWC) with the rows/columns no window reaches (negative end pads)
/// sliced off; the pads are clamped to 0 then.
static Value trimInput(Importer &im, Value x, Window &w) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> size(type.getShape());
  bool trim = false;
  for (int d = 0; d < 2; ++d)
    if (w.pads[d].end < 0) {
      size[1 + d] += w.pads[d].end;
      w.pads[d].end = 0;
      trim = true;
    }
  if (!trim)
    return x;
  return tosa::SliceOp::create(
      im.builder, im.loc, RankedTensorType::get(size, type.getElementType()), x,
      im.constShape({0, 0, 0, 0}), im.constShape(size));
}

static DenseI64ArrayAttr padAttr(Importer &im, const Window &w) {
  return im.builder.getDenseI64ArrayAttr(
      {w.pads[0].begin, w.pads[0].end, w.pads[1].begin, w.pads[1].end});
}

static TypeAttr accType(Importer &im, Type element) {
  return TypeAttr::get(element.isF64() ? element : im.builder.getF32Type());
}

// --- convs ----------------------------------------------------------------

static Error emitConv(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> outType = im.outputType(node);
  if (!outType)
    return outType.takeError();
  auto inType = cast<RankedTensorType>(x->getType());
  if (inType.getRank() != 4 || outType->getRank() != 4)
    return im.error(node, "only 2-D convs (rank-4 NCHW input and output) "
                          "are supported");
  RankedTensorType wType = im.typeOf(node.input(1));
  if (!wType || wType.getRank() != 4)
    return im.error(node, "the filter must be a rank-4 OIHW tensor");
  int64_t group = getIntAttr(node, "group", 1);
  int64_t channels = inType.getDimSize(1), outChannels = wType.getDimSize(0);
  if (group < 1 || channels % group || outChannels % group ||
      wType.getDimSize(1) != channels / group)
    return im.error(node, "group=" + llvm::Twine(group) + " does not fit " +
                              llvm::Twine(channels) + " input and " +
                              llvm::Twine(outChannels) + " output channels");
  llvm::Expected<Window> w = getWindow(
      im, node, {wType.getDimSize(2), wType.getDimSize(3)}, inType, *outType);
  if (!w)
    return w.takeError();
  Type element = inType.getElementType();

  Value input = trimInput(im, im.transpose(*x, kToNHWC), *w);
  Value bias;
  if (im.hasInput(node, 2)) {
    llvm::Expected<Value> b = im.input(node, 2);
    if (!b)
      return b.takeError();
    bias = *b;
  } else {
    ConstTensor zeros;
    zeros.shape = {outChannels};
    zeros.elementType = element;
    zeros.values.assign(outChannels, 0.0);
    bias = im.constant(zeros);
  }
  RankedTensorType nhwc = permutedType(*outType, kToNHWC);
  const ConstTensor *constW = im.constInput(node, 1);
  auto filter = [&](ArrayRef<int32_t> perm) -> llvm::Expected<Value> {
    if (constW) // Permuted here, once, rather than by a transpose to fold.
      return im.constant(transposeConst(
          *constW, SmallVector<int64_t>(perm.begin(), perm.end())));
    llvm::Expected<Value> value = im.input(node, 1);
    if (!value)
      return value.takeError();
    return im.transpose(*value, perm);
  };

  Value result;
  bool depthwise = group == channels && wType.getDimSize(1) == 1 && group > 1;
  if (group == 1) {
    llvm::Expected<Value> ohwi = filter({0, 2, 3, 1});
    if (!ohwi)
      return ohwi.takeError();
    result = tosa::Conv2DOp::create(
        im.builder, im.loc, nhwc, input, *ohwi, bias, padAttr(im, *w),
        im.builder.getDenseI64ArrayAttr({w->stride[0], w->stride[1]}),
        im.builder.getDenseI64ArrayAttr({w->dilation[0], w->dilation[1]}),
        accType(im, element));
  } else if (depthwise) {
    // [C*M, 1, KH, KW] -> [KH, KW, 1, C*M] -> HWCM [KH, KW, C, M].
    llvm::Expected<Value> hwio = filter({2, 3, 1, 0});
    if (!hwio)
      return hwio.takeError();
    Value hwcm = im.reshape(*hwio, {wType.getDimSize(2), wType.getDimSize(3),
                                    channels, outChannels / channels});
    result = tosa::DepthwiseConv2DOp::create(
        im.builder, im.loc, nhwc, input, hwcm, bias, padAttr(im, *w),
        im.builder.getDenseI64ArrayAttr({w->stride[0], w->stride[1]}),
        im.builder.getDenseI64ArrayAttr({w->dilation[0], w->dilation[1]}),
        accType(im, element));
  } else {
    llvm::Expected<Value> oihw = filter({0, 1, 2, 3});
    if (!oihw)
      return oihw.takeError();
    Conv2DAttrs attrs;
    attrs.strides = {w->stride[0], w->stride[1]};
    attrs.dilations = {w->dilation[0], w->dilation[1]};
    attrs.padding = {w->pads[0].begin, w->pads[0].end, w->pads[1].begin,
                     w->pads[1].end};
    attrs.groups = group;
    attrs.inputLayout = InputLayout::NHWC;
    attrs.filterLayout = FilterLayout::OIHW;
    result = Conv2DOp::create(im.builder, im.loc, input, *oihw, bias, attrs);
    if (result.getType() != nhwc)
      return im.error(node, "the grouped conv's type does not match shape "
                            "inference");
  }
  im.setValue(node.output(0), im.transpose(result, kToNCHW));
  return Error::success();
}

// --- pools ----------------------------------------------------------------

static Error emitPool(Importer &im, const Node &node) {
  llvm::StringRef op = node.op_type();
  if (node.output_size() > 1 && !node.output(1).empty())
    return im.error(node, "the Indices output is not supported");
  if (getIntAttr(node, "storage_order", 0) != 0)
    return im.error(node, "storage_order=1 is not supported");
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> outType = im.outputType(node);
  if (!outType)
    return outType.takeError();
  auto inType = cast<RankedTensorType>(x->getType());
  if (inType.getRank() != 4 || outType->getRank() != 4)
    return im.error(node, "only 2-D pools (rank-4 NCHW input and output) "
                          "are supported");
  bool global = op == "GlobalAveragePool" || op == "GlobalMaxPool";
  std::vector<int64_t> kernel =
      global ? std::vector<int64_t>{inType.getDimSize(2), inType.getDimSize(3)}
             : getIntsAttr(node, "kernel_shape");
  llvm::Expected<Window> w = getWindow(im, node, kernel, inType, *outType);
  if (!w)
    return w.takeError();
  if (w->dilation[0] != 1 || w->dilation[1] != 1)
    return im.error(node, "dilated pooling is not supported");
  Value input = im.transpose(*x, kToNHWC);
  Type element = inType.getElementType();
  bool average = op == "AveragePool" || op == "GlobalAveragePool";
  if (average && getIntAttr(node, "count_include_pad", 0) &&
      (w->pads[0].begin || w->pads[1].begin || w->pads[0].end > 0 ||
       w->pads[1].end > 0)) {
    // The divisor counts the pads: pad with zeros first; what remains is the
    // ceil-mode overhang, which the divisor does not count.
    int64_t pads[2][2];
    for (int d = 0; d < 2; ++d) {
      int64_t given = getIntsAttr(node, "pads", {0, 0, 0, 0})[2 + d];
      pads[d][0] = w->pads[d].begin;
      pads[d][1] =
          std::clamp<int64_t>(given, 0, std::max<int64_t>(w->pads[d].end, 0));
      w->pads[d].begin = 0;
      w->pads[d].end -= pads[d][1];
    }
    auto t = cast<RankedTensorType>(input.getType());
    RankedTensorType padded = RankedTensorType::get(
        {t.getDimSize(0), t.getDimSize(1) + pads[0][0] + pads[0][1],
         t.getDimSize(2) + pads[1][0] + pads[1][1], t.getDimSize(3)},
        element);
    input = tosa::PadOp::create(im.builder, im.loc, padded, input,
                                im.constShape({0, 0, pads[0][0], pads[0][1],
                                               pads[1][0], pads[1][1], 0, 0}),
                                im.scalar(0.0, element, 1));
  }
  input = trimInput(im, input, *w);
  RankedTensorType nhwc = permutedType(*outType, kToNHWC);
  auto kernelAttr = im.builder.getDenseI64ArrayAttr(w->kernel);
  auto strideAttr = im.builder.getDenseI64ArrayAttr(w->stride);
  Value result;
  if (average)
    result = tosa::AvgPool2dOp::create(im.builder, im.loc, nhwc, input,
                                       kernelAttr, strideAttr, padAttr(im, *w),
                                       accType(im, element));
  else
    result = tosa::MaxPool2dOp::create(im.builder, im.loc, nhwc, input,
                                       kernelAttr, strideAttr, padAttr(im, *w));
  im.setValue(node.output(0), im.transpose(result, kToNCHW));
  return Error::success();
}

// --- elementwise ----------------------------------------------------------

/// Both operands of a binary node, at the output's rank.
static llvm::Expected<std::pair<Value, Value>>
binaryOperands(Importer &im, const Node &node, int64_t rank) {
  llvm::Expected<Value> a = im.input(node, 0);
  if (!a)
    return a.takeError();
  llvm::Expected<Value> b = im.input(node, 1);
  if (!b)
    return b.takeError();
  return std::make_pair(im.broadcastRank(*a, rank), im.broadcastRank(*b, rank));
}

static Value mul(Importer &im, Type type, Value a, Value b) {
  Value shift = im.scalar(0, im.builder.getI8Type(), 1);
  return tosa::MulOp::create(im.builder, im.loc, type, a, b, shift);
}

static Value clamp(Importer &im, Type type, Value x, double lo, double hi) {
  auto element = cast<FloatType>(getElementTypeOrSelf(type));
  auto attr = [&](double v) {
    APFloat f(v);
    bool lost;
    f.convert(element.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    return im.builder.getFloatAttr(element, f);
  };
  return tosa::ClampOp::create(im.builder, im.loc, type, x, attr(lo), attr(hi));
}

static Error emitBinary(Importer &im, const Node &node) {
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  if (!isa<FloatType>(type->getElementType()))
    return im.error(node, "only floating-point tensors are supported at run "
                          "time");
  auto operands = binaryOperands(im, node, type->getRank());
  if (!operands)
    return operands.takeError();
  auto [a, b] = *operands;
  llvm::StringRef op = node.op_type();
  Value result;
  if (op == "Add")
    result = tosa::AddOp::create(im.builder, im.loc, *type, a, b);
  else if (op == "Sub")
    result = tosa::SubOp::create(im.builder, im.loc, *type, a, b);
  else if (op == "Mul")
    result = mul(im, *type, a, b);
  else {
    Value reciprocal =
        tosa::ReciprocalOp::create(im.builder, im.loc, b.getType(), b);
    result = mul(im, *type, a, reciprocal);
  }
  im.setValue(node.output(0), result);
  return Error::success();
}

static Error emitUnary(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  if (!isa<FloatType>(type->getElementType()))
    return im.error(node, "only floating-point tensors are supported at run "
                          "time");
  llvm::StringRef op = node.op_type();
  const double inf = std::numeric_limits<double>::infinity();
  Value result;
  if (op == "Relu") {
    result = clamp(im, *type, *x, 0.0, inf);
  } else if (op == "Clip") {
    double lo = getFloatAttr(node, "min", -inf),
           hi = getFloatAttr(node, "max", inf);
    for (int i : {1, 2}) {
      if (!im.hasInput(node, i))
        continue;
      const ConstTensor *bound = im.constInput(node, i);
      if (!bound || bound->values.size() != 1)
        return im.error(node, "min and max must be constant scalars");
      (i == 1 ? lo : hi) = bound->values.front();
    }
    result = clamp(im, *type, *x, lo, hi);
  } else if (op == "Sigmoid") {
    result = tosa::SigmoidOp::create(im.builder, im.loc, *type, *x);
  } else if (op == "Tanh") {
    result = tosa::TanhOp::create(im.builder, im.loc, *type, *x);
  } else if (op == "Exp") {
    result = tosa::ExpOp::create(im.builder, im.loc, *type, *x);
  } else if (op == "Erf") {
    result = tosa::ErfOp::create(im.builder, im.loc, *type, *x);
  } else if (op == "Abs") {
    result = tosa::AbsOp::create(im.builder, im.loc, *type, *x);
  } else if (op == "HardSigmoid" || op == "HardSwish") {
    bool swish = op == "HardSwish";
    double alpha = swish ? 1.0 / 6 : getFloatAttr(node, "alpha", 0.2f);
    double beta = swish ? 0.5 : getFloatAttr(node, "beta", 0.5f);
    Type element = type->getElementType();
    int64_t rank = type->getRank();
    Value scaled = mul(im, *type, *x, im.scalar(alpha, element, rank));
    Value shifted = tosa::AddOp::create(im.builder, im.loc, *type, scaled,
                                        im.scalar(beta, element, rank));
    result = clamp(im, *type, shifted, 0.0, 1.0);
    if (swish)
      result = mul(im, *type, *x, result);
  }
  im.setValue(node.output(0), result);
  return Error::success();
}

static Error emitBatchNorm(Importer &im, const Node &node) {
  if (getIntAttr(node, "training_mode", 0) != 0 || node.output_size() > 1)
    return im.error(node, "only inference (training_mode=0, one output) is "
                          "supported");
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  const ConstTensor *scale = im.constInput(node, 1),
                    *bias = im.constInput(node, 2),
                    *mean = im.constInput(node, 3),
                    *var = im.constInput(node, 4);
  if (!scale || !bias || !mean || !var)
    return im.error(node, "scale, B, mean and var must be constants");
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 2)
    return im.error(node, "the input needs a channel dim");
  int64_t channels = type.getDimSize(1);
  for (const ConstTensor *t : {scale, bias, mean, var})
    if (static_cast<int64_t>(t->values.size()) != channels)
      return im.error(node, "scale, B, mean and var must have one value per "
                            "channel (" +
                                llvm::Twine(channels) + ")");
  double epsilon = getFloatAttr(node, "epsilon", 1e-5f);
  ConstTensor a, b;
  a.elementType = b.elementType = type.getElementType();
  a.shape.assign(type.getRank(), 1);
  a.shape[1] = channels;
  b.shape = a.shape;
  for (int64_t c = 0; c < channels; ++c) {
    double s = scale->values[c] / std::sqrt(var->values[c] + epsilon);
    a.values.push_back(s);
    b.values.push_back(bias->values[c] - mean->values[c] * s);
  }
  Value scaled = mul(im, type, *x, im.constant(a));
  im.setValue(node.output(0), tosa::AddOp::create(im.builder, im.loc, type,
                                                  scaled, im.constant(b)));
  return Error::success();
}

// --- matrix products ------------------------------------------------------

/// a [1, M, K] x b [1, K, N] -> [1, M, N].
static Value matmul3(Importer &im, Value a, Value b) {
  auto aType = cast<RankedTensorType>(a.getType());
  auto bType = cast<RankedTensorType>(b.getType());
  Type element = aType.getElementType();
  auto type = RankedTensorType::get(
      {aType.getDimSize(0), aType.getDimSize(1), bType.getDimSize(2)}, element);
  Value zp = *tosa::createZeroPointTensor(im.builder, im.loc, element, 0);
  return tosa::MatMulOp::create(im.builder, im.loc, type, a, b, zp, zp);
}

/// The 2-D operand `i` of `node`, transposed when `trans`.
static llvm::Expected<Value> matrix(Importer &im, const Node &node, int i,
                                    bool trans) {
  llvm::Expected<Value> value = im.input(node, i);
  if (!value || !trans)
    return value;
  return im.transpose(*value, {1, 0});
}

/// a [M, K] times a constant weight, given as `weight` [N, K] (already
/// transposed and scaled), plus `bias` [N]: a 1x1 tosa.conv2d over M images
/// of one pixel (NHWC [M, 1, 1, K], OHWI filter [N, 1, 1, K]), so that the
/// conv kernels run the classifier's matmul.
static Value denseAsConv(Importer &im, Value a, const ConstTensor &weight,
                         Value bias) {
  auto aType = cast<RankedTensorType>(a.getType());
  int64_t m = aType.getDimSize(0), k = aType.getDimSize(1);
  int64_t n = weight.shape[0];
  ConstTensor filter = weight;
  filter.shape = {n, 1, 1, k};
  Type element = aType.getElementType();
  Value conv = tosa::Conv2DOp::create(
      im.builder, im.loc, RankedTensorType::get({m, 1, 1, n}, element),
      im.reshape(a, {m, 1, 1, k}), im.constant(filter), bias,
      im.builder.getDenseI64ArrayAttr({0, 0, 0, 0}),
      im.builder.getDenseI64ArrayAttr({1, 1}),
      im.builder.getDenseI64ArrayAttr({1, 1}), accType(im, element));
  return im.reshape(conv, {m, n});
}

/// Gemm with a constant B: the 1x1 conv of denseAsConv, alpha folded into
/// the weight and beta * C (a vector) into the bias.
static std::optional<Error> emitConstantGemm(Importer &im, const Node &node,
                                             RankedTensorType type) {
  const ConstTensor *b = im.constInput(node, 1);
  if (!b || b->shape.size() != 2 || !isa<FloatType>(b->elementType))
    return std::nullopt;
  const ConstTensor *c = im.constInput(node, 2);
  size_t columns = type.getDimSize(1);
  if (im.hasInput(node, 2) &&
      (!c || (c->values.size() != 1 && c->values.size() != columns)))
    return std::nullopt;
  llvm::Expected<Value> a = matrix(im, node, 0, getIntAttr(node, "transA", 0));
  if (!a)
    return a.takeError();
  ConstTensor weight =
      getIntAttr(node, "transB", 0) ? *b : transposeConst(*b, {1, 0});
  double alpha = getFloatAttr(node, "alpha", 1.0f);
  double beta = getFloatAttr(node, "beta", 1.0f);
  for (double &v : weight.values)
    v *= alpha;
  ConstTensor bias;
  bias.elementType = type.getElementType();
  bias.shape = {type.getDimSize(1)};
  bias.values.assign(type.getDimSize(1), 0.0);
  if (c)
    for (int64_t i = 0; i < type.getDimSize(1); ++i)
      bias.values[i] = beta * c->values[c->values.size() == 1 ? 0 : i];
  im.setValue(node.output(0), denseAsConv(im, *a, weight, im.constant(bias)));
  return Error::success();
}

static Error emitGemm(Importer &im, const Node &node) {
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  if (std::optional<Error> done = emitConstantGemm(im, node, *type))
    return std::move(*done);
  llvm::Expected<Value> a = matrix(im, node, 0, getIntAttr(node, "transA", 0));
  if (!a)
    return a.takeError();
  llvm::Expected<Value> b = matrix(im, node, 1, getIntAttr(node, "transB", 0));
  if (!b)
    return b.takeError();
  auto aType = cast<RankedTensorType>(a->getType());
  auto bType = cast<RankedTensorType>(b->getType());
  if (aType.getRank() != 2 || bType.getRank() != 2)
    return im.error(node, "A and B must be matrices");
  Value product =
      matmul3(im, im.reshape(*a, {1, aType.getDimSize(0), aType.getDimSize(1)}),
              im.reshape(*b, {1, bType.getDimSize(0), bType.getDimSize(1)}));
  Value result = im.reshape(product, type->getShape());
  Type element = type->getElementType();
  double alpha = getFloatAttr(node, "alpha", 1.0f);
  double beta = getFloatAttr(node, "beta", 1.0f);
  if (alpha != 1.0)
    result = mul(im, *type, result, im.scalar(alpha, element, 2));
  if (im.hasInput(node, 2) && beta != 0.0) {
    llvm::Expected<Value> c = im.input(node, 2);
    if (!c)
      return c.takeError();
    Value bias = im.broadcastRank(*c, 2);
    if (beta != 1.0)
      bias = mul(im, bias.getType(), bias, im.scalar(beta, element, 2));
    result = tosa::AddOp::create(im.builder, im.loc, *type, result, bias);
  }
  im.setValue(node.output(0), result);
  return Error::success();
}

static Error emitMatMul(Importer &im, const Node &node) {
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  llvm::Expected<Value> a = im.input(node, 0);
  if (!a)
    return a.takeError();
  llvm::Expected<Value> b = im.input(node, 1);
  if (!b)
    return b.takeError();
  auto aType = cast<RankedTensorType>(a->getType());
  auto bType = cast<RankedTensorType>(b->getType());
  if (aType.getRank() < 2 || bType.getRank() != 2)
    return im.error(node, "only A of rank >= 2 times a matrix B is supported");
  int64_t k = aType.getDimSize(aType.getRank() - 1);
  const ConstTensor *constB = im.constInput(node, 1);
  if (constB && isa<FloatType>(constB->elementType)) {
    ConstTensor zeros;
    zeros.elementType = aType.getElementType();
    zeros.shape = {bType.getDimSize(1)};
    zeros.values.assign(bType.getDimSize(1), 0.0);
    Value rows = im.reshape(*a, {aType.getNumElements() / k, k});
    Value product = denseAsConv(im, rows, transposeConst(*constB, {1, 0}),
                                im.constant(zeros));
    im.setValue(node.output(0), im.reshape(product, type->getShape()));
    return Error::success();
  }
  Value a3 = im.reshape(*a, {1, aType.getNumElements() / k, k});
  Value b3 = im.reshape(*b, {1, bType.getDimSize(0), bType.getDimSize(1)});
  im.setValue(node.output(0),
              im.reshape(matmul3(im, a3, b3), type->getShape()));
  return Error::success();
}

// --- data movement --------------------------------------------------------

static Error emitReshape(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  im.setValue(node.output(0), im.reshape(*x, type->getShape()));
  return Error::success();
}

static Error emitIdentity(Importer &im, const Node &node) {
  if (node.output_size() > 1 && !node.output(1).empty())
    return im.error(node, "the mask output is not supported");
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  im.setValue(node.output(0), *x);
  return Error::success();
}

static Error emitTranspose(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::vector<int64_t> perm = getIntsAttr(node, "perm");
  if (!perm.empty() && !isPermutation(perm, rank))
    return im.error(node, "perm is not a permutation of the " +
                              llvm::Twine(rank) + " dims");
  SmallVector<int32_t> perms;
  for (int64_t d = 0; d < rank; ++d)
    perms.push_back(perm.empty() ? rank - 1 - d : perm[d]);
  im.setValue(node.output(0), im.transpose(*x, perms));
  return Error::success();
}

static Error emitConcat(Importer &im, const Node &node) {
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  SmallVector<Value> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    llvm::Expected<Value> value = im.input(node, i);
    if (!value)
      return value.takeError();
    inputs.push_back(*value);
  }
  std::optional<int64_t> axis =
      checkedAxis(getIntAttr(node, "axis", 0), type->getRank());
  if (!axis)
    return im.error(node, "axis out of range");
  im.setValue(node.output(0),
              tosa::ConcatOp::create(im.builder, im.loc, *type, inputs,
                                     im.builder.getI32IntegerAttr(*axis)));
  return Error::success();
}

/// tosa.slice of `x` from `start`, with the extents of `type`.
static Value sliceTo(Importer &im, Value x, ArrayRef<int64_t> start,
                     RankedTensorType type) {
  return tosa::SliceOp::create(im.builder, im.loc, type, x,
                               im.constShape(start),
                               im.constShape(type.getShape()));
}

static Error emitSplit(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::optional<int64_t> checked =
      checkedAxis(getIntAttr(node, "axis", 0), rank);
  if (!checked)
    return im.error(node, "axis out of range");
  int64_t axis = *checked;
  SmallVector<int64_t> start(rank, 0);
  for (int i = 0; i < node.output_size(); ++i) {
    llvm::Expected<RankedTensorType> type = im.outputType(node, i);
    if (!type)
      return type.takeError();
    im.setValue(node.output(i), sliceTo(im, *x, start, *type));
    start[axis] += type->getDimSize(axis);
  }
  return Error::success();
}

static Error emitSlice(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  auto inType = cast<RankedTensorType>(x->getType());
  int64_t rank = inType.getRank();
  const ConstTensor *starts = im.constInput(node, 1);
  if (!starts || (im.hasInput(node, 3) && !im.constInput(node, 3)) ||
      (im.hasInput(node, 4) && !im.constInput(node, 4)))
    return im.error(node, "starts, axes and steps must be constants");
  std::vector<int64_t> axes;
  if (const ConstTensor *a = im.constInput(node, 3))
    axes = toInts(*a);
  if (const ConstTensor *s = im.constInput(node, 4))
    for (int64_t step : toInts(*s))
      if (step != 1)
        return im.error(node, "steps other than 1 are not supported on "
                              "runtime tensors");
  SmallVector<int64_t> start(rank, 0);
  std::vector<int64_t> begins = toInts(*starts);
  if (!axes.empty() && axes.size() != begins.size())
    return im.error(node, "starts and axes differ in length");
  for (size_t i = 0; i < begins.size(); ++i) {
    std::optional<int64_t> checked =
        checkedAxis(axes.empty() ? i : axes[i], rank);
    if (!checked)
      return im.error(node, "axis out of range");
    int64_t axis = *checked;
    int64_t extent = inType.getDimSize(axis);
    int64_t b = begins[i] < 0 ? begins[i] + extent : begins[i];
    start[axis] = std::clamp<int64_t>(b, 0, extent);
  }
  im.setValue(node.output(0), sliceTo(im, *x, start, *type));
  return Error::success();
}

static Error emitPad(Importer &im, const Node &node) {
  if (getStringAttr(node, "mode", "constant") != "constant")
    return im.error(node, "mode=" + getStringAttr(node, "mode", "") +
                              " is not supported (only constant)");
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  std::vector<int64_t> pads = getIntsAttr(node, "pads");
  if (im.hasInput(node, 1)) {
    const ConstTensor *p = im.constInput(node, 1);
    if (!p)
      return im.error(node, "pads must be a constant");
    pads = toInts(*p);
  }
  if (im.hasInput(node, 3))
    return im.error(node, "the axes input is not supported");
  double value = getFloatAttr(node, "value", 0.0f);
  if (im.hasInput(node, 2)) {
    const ConstTensor *v = im.constInput(node, 2);
    if (!v || v->values.size() != 1)
      return im.error(node, "constant_value must be a constant scalar");
    value = v->values.front();
  }
  int64_t rank = type->getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return im.error(node, "pads must have 2 * rank values");
  SmallVector<int64_t> padding;
  for (int64_t d = 0; d < rank; ++d) {
    if (pads[d] < 0 || pads[rank + d] < 0)
      return im.error(node, "negative pads are not supported");
    padding.push_back(pads[d]);
    padding.push_back(pads[rank + d]);
  }
  im.setValue(node.output(0),
              tosa::PadOp::create(im.builder, im.loc, *type, *x,
                                  im.constShape(padding),
                                  im.scalar(value, type->getElementType(), 1)));
  return Error::success();
}

// --- reductions -----------------------------------------------------------

/// tosa.reduce_sum (or max) of `x` over `axis`, keeping the dim.
template <typename ReduceOp>
static Value reduce(Importer &im, Value x, int64_t axis) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[axis] = 1;
  return ReduceOp::create(im.builder, im.loc,
                          RankedTensorType::get(shape, type.getElementType()),
                          x, im.builder.getI32IntegerAttr(axis));
}

static Error emitReduceMean(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  llvm::Expected<RankedTensorType> type = im.outputType(node);
  if (!type)
    return type.takeError();
  auto inType = cast<RankedTensorType>(x->getType());
  int64_t rank = inType.getRank();
  std::vector<int64_t> axes = getIntsAttr(node, "axes");
  if (im.hasInput(node, 1)) {
    const ConstTensor *a = im.constInput(node, 1);
    if (!a)
      return im.error(node, "axes must be a constant");
    axes = toInts(*a);
  }
  if (axes.empty()) {
    if (getIntAttr(node, "noop_with_empty_axes", 0))
      return emitIdentity(im, node);
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  }
  Value sum = *x;
  int64_t count = 1;
  for (int64_t given : axes) {
    std::optional<int64_t> axis = checkedAxis(given, rank);
    if (!axis)
      return im.error(node, "axis " + llvm::Twine(given) + " out of range");
    count *= inType.getDimSize(*axis);
    sum = reduce<tosa::ReduceSumOp>(im, sum, *axis);
  }
  Value mean = mul(im, sum.getType(), sum,
                   im.scalar(1.0 / count, inType.getElementType(), rank));
  im.setValue(node.output(0), im.reshape(mean, type->getShape()));
  return Error::success();
}

static Error emitSoftmax(Importer &im, const Node &node) {
  llvm::Expected<Value> x = im.input(node, 0);
  if (!x)
    return x.takeError();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  std::optional<int64_t> checked =
      checkedAxis(getIntAttr(node, "axis", im.opset >= 13 ? -1 : 1), rank);
  if (!checked)
    return im.error(node, "axis out of range");
  int64_t axis = *checked;
  if (im.opset < 13 && axis != rank - 1)
    return im.error(node, "Softmax before opset 13 is supported only over the "
                          "last axis");
  Value max = reduce<tosa::ReduceMaxOp>(im, *x, axis);
  Value shifted = tosa::SubOp::create(im.builder, im.loc, type, *x, max);
  Value exp = tosa::ExpOp::create(im.builder, im.loc, type, shifted);
  Value sum = reduce<tosa::ReduceSumOp>(im, exp, axis);
  Value inverse =
      tosa::ReciprocalOp::create(im.builder, im.loc, sum.getType(), sum);
  im.setValue(node.output(0), mul(im, type, exp, inverse));
  return Error::success();
}

// --- dispatch -------------------------------------------------------------

/// The emitter of `opType`, or null.
static Error (*getEmitter(llvm::StringRef opType))(Importer &, const Node &) {
  using Emitter = Error (*)(Importer &, const Node &);
  return llvm::StringSwitch<Emitter>(opType)
      .Case("Conv", emitConv)
      .Case("MaxPool", emitPool)
      .Case("AveragePool", emitPool)
      .Case("GlobalAveragePool", emitPool)
      .Case("GlobalMaxPool", emitPool)
      .Case("Add", emitBinary)
      .Case("Sub", emitBinary)
      .Case("Mul", emitBinary)
      .Case("Div", emitBinary)
      .Case("Relu", emitUnary)
      .Case("Clip", emitUnary)
      .Case("Sigmoid", emitUnary)
      .Case("Tanh", emitUnary)
      .Case("Exp", emitUnary)
      .Case("Erf", emitUnary)
      .Case("Abs", emitUnary)
      .Case("HardSigmoid", emitUnary)
      .Case("HardSwish", emitUnary)
      .Case("BatchNormalization", emitBatchNorm)
      .Case("Gemm", emitGemm)
      .Case("MatMul", emitMatMul)
      .Case("Flatten", emitReshape)
      .Case("Reshape", emitReshape)
      .Case("Squeeze", emitReshape)
      .Case("Unsqueeze", emitReshape)
      .Case("Identity", emitIdentity)
      .Case("Dropout", emitIdentity)
      .Case("Transpose", emitTranspose)
      .Case("Concat", emitConcat)
      .Case("Split", emitSplit)
      .Case("Slice", emitSlice)
      .Case("Pad", emitPad)
      .Case("ReduceMean", emitReduceMean)
      .Case("Softmax", emitSoftmax)
      .Default(nullptr);
}

bool onnximport::isSupportedOpType(llvm::StringRef opType) {
  // Nodes only the import-time folder evaluates (their inputs must be
  // constants) are supported too.
  return getEmitter(opType) ||
         llvm::is_contained(
             {"Constant", "Shape", "Gather", "Cast", "ConstantOfShape"},
             opType);
}

Error onnximport::emitNode(Importer &im, const Node &node) {
  auto emitter = getEmitter(node.op_type());
  if (!emitter)
    return im.error(node, "op type '" + node.op_type() +
                              "' is not supported by the importer");
  return emitter(im, node);
}
