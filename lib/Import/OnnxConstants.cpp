//===- OnnxConstants.cpp - Import-time evaluation of ONNX nodes -----------===//
//
// Part of mlir-conv. Constant nodes, and the shape computations exporters
// leave in a graph (Shape -> Gather -> Unsqueeze -> Concat -> Reshape), are
// evaluated while importing: a node whose inputs are all known becomes a
// constant of the importer, and only its runtime uses materialize it.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <functional>
#include <numeric>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::onnximport;

/// Row-major strides of `shape`.
static SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Calls `f(outIndex, inIndices...)` for every element of the numpy
/// broadcast of `shapes`; fails if they do not broadcast.
static FailureOr<SmallVector<int64_t>>
broadcastShape(ArrayRef<SmallVector<int64_t>> shapes) {
  size_t rank = 0;
  for (const auto &s : shapes)
    rank = std::max(rank, s.size());
  SmallVector<int64_t> out(rank, 1);
  for (const auto &s : shapes)
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t &o = out[rank - s.size() + i];
      if (s[i] == o || s[i] == 1)
        continue;
      if (o != 1)
        return failure();
      o = s[i];
    }
  return out;
}

/// The flat index into a tensor of `shape` (broadcast to `outShape`) of the
/// element at `outIndex` of the output.
static int64_t broadcastIndex(ArrayRef<int64_t> shape,
                              ArrayRef<int64_t> outShape, int64_t outIndex) {
  int64_t index = 0, stride = 1;
  int64_t offset = outShape.size() - shape.size();
  for (int64_t d = outShape.size() - 1; d >= 0; --d) {
    int64_t coord = outIndex % outShape[d];
    outIndex /= outShape[d];
    if (d < offset)
      continue;
    int64_t extent = shape[d - offset];
    if (extent != 1)
      index += coord * stride;
    stride *= extent;
  }
  return index;
}

/// Folded results larger than this stay runtime values (a malformed model
/// must not make the importer allocate without bound).
constexpr int64_t kMaxFoldedElements = int64_t(1) << 24;

static int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// Elementwise `f` over the broadcast of `a` and `b`.
static FailureOr<ConstTensor>
binary(const ConstTensor &a, const ConstTensor &b,
       const std::function<double(double, double)> &f) {
  FailureOr<SmallVector<int64_t>> shape = broadcastShape({a.shape, b.shape});
  if (failed(shape))
    return failure();
  ConstTensor out;
  out.shape = *shape;
  out.elementType = a.elementType;
  int64_t n = out.getNumElements();
  if (n > kMaxFoldedElements)
    return failure();
  out.values.resize(n);
  for (int64_t i = 0; i < n; ++i)
    out.values[i] = f(a.values[broadcastIndex(a.shape, *shape, i)],
                      b.values[broadcastIndex(b.shape, *shape, i)]);
  return out;
}

static ConstTensor withShape(ConstTensor tensor, ArrayRef<int64_t> shape) {
  tensor.shape.assign(shape.begin(), shape.end());
  return tensor;
}

/// ONNX Gather along `axis`.
static FailureOr<ConstTensor> gather(const ConstTensor &data,
                                     const ConstTensor &indices, int64_t axis) {
  int64_t rank = data.shape.size();
  axis = normalizeAxis(axis, rank);
  if (axis < 0 || axis >= rank)
    return failure();
  int64_t outer = 1, inner = 1, extent = data.shape[axis];
  for (int64_t d = 0; d < axis; ++d)
    outer *= data.shape[d];
  for (int64_t d = axis + 1; d < rank; ++d)
    inner *= data.shape[d];
  ConstTensor out;
  out.elementType = data.elementType;
  out.shape.assign(data.shape.begin(), data.shape.begin() + axis);
  llvm::append_range(out.shape, indices.shape);
  out.shape.append(data.shape.begin() + axis + 1, data.shape.end());
  for (int64_t o = 0; o < outer; ++o)
    for (double v : indices.values) {
      int64_t index = toInt64(v);
      if (index < 0)
        index += extent;
      if (index < 0 || index >= extent)
        return failure();
      for (int64_t i = 0; i < inner; ++i)
        out.values.push_back(data.values[(o * extent + index) * inner + i]);
    }
  return out;
}

/// ONNX Concat along `axis`.
static FailureOr<ConstTensor> concat(ArrayRef<const ConstTensor *> parts,
                                     int64_t axis) {
  int64_t rank = parts.front()->shape.size();
  axis = normalizeAxis(axis, rank);
  if (axis < 0 || axis >= rank)
    return failure();
  ConstTensor out;
  out.elementType = parts.front()->elementType;
  out.shape = parts.front()->shape;
  out.shape[axis] = 0;
  for (const ConstTensor *part : parts) {
    if (static_cast<int64_t>(part->shape.size()) != rank)
      return failure();
    out.shape[axis] += part->shape[axis];
  }
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= out.shape[d];
  for (int64_t o = 0; o < outer; ++o)
    for (const ConstTensor *part : parts) {
      int64_t chunk = part->getNumElements() / std::max<int64_t>(outer, 1);
      auto begin = part->values.begin() + o * chunk;
      out.values.insert(out.values.end(), begin, begin + chunk);
    }
  return out;
}

/// ONNX Transpose by `perm`.
ConstTensor onnximport::transposeConst(const ConstTensor &in,
                                       ArrayRef<int64_t> perm) {
  ConstTensor out;
  out.elementType = in.elementType;
  for (int64_t p : perm)
    out.shape.push_back(in.shape[p]);
  SmallVector<int64_t> inStrides = getStrides(in.shape);
  int64_t n = in.getNumElements(), rank = perm.size();
  out.values.resize(n);
  SmallVector<int64_t> coord(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += coord[d] * inStrides[perm[d]];
    out.values[i] = in.values[src];
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++coord[d] < out.shape[d])
        break;
      coord[d] = 0;
    }
  }
  return out;
}

/// ONNX Slice (steps of any sign), with ONNX's clamping of starts and ends.
static FailureOr<ConstTensor>
slice(const ConstTensor &in, ArrayRef<int64_t> starts, ArrayRef<int64_t> ends,
      ArrayRef<int64_t> axes, ArrayRef<int64_t> steps) {
  int64_t rank = in.shape.size();
  SmallVector<int64_t> begin(rank, 0), step(rank, 1), count(in.shape);
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t axis = normalizeAxis(axes.empty() ? i : axes[i], rank);
    int64_t s = steps.empty() ? 1 : steps[i];
    if (axis < 0 || axis >= rank || s == 0)
      return failure();
    int64_t extent = in.shape[axis];
    int64_t b = starts[i] < 0 ? starts[i] + extent : starts[i];
    int64_t e = ends[i] < 0 ? ends[i] + extent : ends[i];
    if (s > 0) {
      b = std::clamp<int64_t>(b, 0, extent);
      e = std::clamp<int64_t>(e, 0, extent);
      count[axis] = e > b ? (e - b + s - 1) / s : 0;
    } else {
      b = std::clamp<int64_t>(b, 0, extent - 1);
      e = std::clamp<int64_t>(e, -1, extent - 1);
      count[axis] = b > e ? (b - e - s - 1) / -s : 0;
    }
    begin[axis] = b;
    step[axis] = s;
  }
  ConstTensor out;
  out.elementType = in.elementType;
  out.shape = count;
  SmallVector<int64_t> strides = getStrides(in.shape);
  int64_t n = out.getNumElements();
  SmallVector<int64_t> coord(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += (begin[d] + coord[d] * step[d]) * strides[d];
    out.values.push_back(in.values[src]);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++coord[d] < count[d])
        break;
      coord[d] = 0;
    }
  }
  return out;
}

/// The value of a Constant node.
static llvm::Expected<ConstTensor> constantValue(Importer &importer,
                                                 const onnx::NodeProto &node) {
  MLIRContext *context = importer.context;
  Builder b(context);
  for (const onnx::AttributeProto &attr : node.attribute()) {
    ConstTensor tensor;
    if (attr.name() == "value")
      return readTensor(context, attr.t());
    if (attr.name() == "value_float") {
      tensor.elementType = b.getF32Type();
      tensor.values = {attr.f()};
    } else if (attr.name() == "value_floats") {
      tensor.elementType = b.getF32Type();
      tensor.values.assign(attr.floats().begin(), attr.floats().end());
      tensor.shape = {attr.floats_size()};
    } else if (attr.name() == "value_int") {
      tensor.elementType = b.getI64Type();
      tensor.values = {static_cast<double>(attr.i())};
    } else if (attr.name() == "value_ints") {
      tensor.elementType = b.getI64Type();
      tensor.values.assign(attr.ints().begin(), attr.ints().end());
      tensor.shape = {attr.ints_size()};
    } else {
      continue;
    }
    return tensor;
  }
  return importer.error(node, "no supported value attribute (value, "
                              "value_float(s), value_int(s))");
}

llvm::Expected<bool> onnximport::foldNode(Importer &importer,
                                          const onnx::NodeProto &node) {
  llvm::StringRef op = node.op_type();
  auto fail = [&](const llvm::Twine &message) -> llvm::Expected<bool> {
    return importer.error(node, message);
  };
  auto set = [&](ConstTensor tensor, int i = 0) -> llvm::Expected<bool> {
    importer.setConst(node.output(i), std::move(tensor));
    return true;
  };

  if (op == "Constant") {
    llvm::Expected<ConstTensor> value = constantValue(importer, node);
    if (!value)
      return value.takeError();
    return set(std::move(*value));
  }
  if (op == "Shape") {
    RankedTensorType type = importer.typeOf(node.input(0));
    if (!type)
      return false;
    int64_t rank = type.getRank();
    int64_t start = normalizeAxis(getIntAttr(node, "start", 0), rank);
    int64_t end = normalizeAxis(getIntAttr(node, "end", rank), rank);
    start = std::clamp<int64_t>(start, 0, rank);
    end = std::clamp<int64_t>(end, start, rank);
    ConstTensor tensor;
    tensor.elementType = importer.builder.getI64Type();
    for (int64_t d = start; d < end; ++d)
      tensor.values.push_back(type.getDimSize(d));
    tensor.shape = {end - start};
    return set(std::move(tensor));
  }

  // Everything else folds only when all its inputs are known.
  SmallVector<const ConstTensor *> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    if (node.input(i).empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const ConstTensor *tensor = importer.getConst(node.input(i));
    if (!tensor)
      return false;
    inputs.push_back(tensor);
  }
  if (inputs.empty() || !inputs[0])
    return false;
  const ConstTensor &x = *inputs[0];

  if (op == "Identity" || (op == "Dropout" && node.output_size() == 1))
    return set(x);
  if (op == "Cast") {
    ConstTensor tensor = x;
    tensor.elementType =
        getElementType(importer.context, getIntAttr(node, "to", 0));
    if (!tensor.elementType)
      return fail("cast to an unsupported element type");
    if (isa<IntegerType>(tensor.elementType))
      for (double &v : tensor.values)
        v = std::trunc(v);
    return set(std::move(tensor));
  }
  auto has = [&](size_t i) { return i < inputs.size() && inputs[i]; };
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
    if (inputs.size() != 2 || !has(1))
      return false;
    bool integer = isa<IntegerType>(x.elementType);
    std::function<double(double, double)> f =
        llvm::StringSwitch<std::function<double(double, double)>>(op)
            .Case("Add", std::plus<double>())
            .Case("Sub", std::minus<double>())
            .Case("Mul", std::multiplies<double>())
            .Default([integer](double a, double b) {
              return integer ? std::trunc(a / b) : a / b;
            });
    FailureOr<ConstTensor> out = binary(x, *inputs[1], f);
    if (failed(out))
      return fail("the operand shapes do not broadcast");
    return set(std::move(*out));
  }
  if (op == "Gather") {
    if (!has(1))
      return false;
    FailureOr<ConstTensor> out =
        gather(x, *inputs[1], getIntAttr(node, "axis", 0));
    if (failed(out))
      return fail("axis or index out of range");
    return set(std::move(*out));
  }
  if (op == "Concat") {
    if (!llvm::all_of(inputs, [](const ConstTensor *t) { return t; }))
      return false;
    FailureOr<ConstTensor> out = concat(inputs, getIntAttr(node, "axis", 0));
    if (failed(out))
      return fail("inputs of different ranks, or axis out of range");
    return set(std::move(*out));
  }
  if (op == "Transpose") {
    std::vector<int64_t> perm = getIntsAttr(node, "perm");
    if (perm.empty())
      for (int64_t d = x.shape.size() - 1; d >= 0; --d)
        perm.push_back(d);
    if (!isPermutation(perm, x.shape.size()))
      return fail("perm is not a permutation of the dims");
    return set(transposeConst(x, perm));
  }
  if (op == "Slice" && has(1) && has(2)) {
    std::vector<int64_t> axes, steps;
    if (inputs.size() > 3 && inputs[3])
      axes = toInts(*inputs[3]);
    if (inputs.size() > 4 && inputs[4])
      steps = toInts(*inputs[4]);
    std::vector<int64_t> starts = toInts(*inputs[1]), ends = toInts(*inputs[2]);
    if (ends.size() != starts.size() ||
        (!axes.empty() && axes.size() != starts.size()) ||
        (!steps.empty() && steps.size() != starts.size()))
      return fail("starts, ends, axes and steps differ in length");
    FailureOr<ConstTensor> out = slice(x, starts, ends, axes, steps);
    if (failed(out))
      return fail("axis out of range or zero step");
    return set(std::move(*out));
  }
  // Shape-only changes: the inferred output type, when there is one, or the
  // rule of the op.
  if (op == "Unsqueeze" || op == "Squeeze" || op == "Reshape" ||
      op == "Flatten") {
    llvm::Expected<RankedTensorType> type = importer.outputType(node);
    if (!type)
      return type.takeError();
    if (type->getNumElements() != x.getNumElements())
      return fail("the output has a different number of elements");
    return set(withShape(x, type->getShape()));
  }
  if (op == "ConstantOfShape") {
    ConstTensor tensor;
    std::vector<int64_t> shape = toInts(x);
    tensor.shape.assign(shape.begin(), shape.end());
    if (tensor.getNumElements() > kMaxFoldedElements)
      return fail("the shape is too large to fold at import time");
    tensor.elementType = importer.builder.getF32Type();
    double value = 0;
    if (const onnx::AttributeProto *attr = findAttr(node, "value")) {
      llvm::Expected<ConstTensor> v = readTensor(importer.context, attr->t());
      if (!v)
        return v.takeError();
      tensor.elementType = v->elementType;
      value = v->values.empty() ? 0 : v->values.front();
    }
    tensor.values.assign(tensor.getNumElements(), value);
    return set(std::move(tensor));
  }
  return false;
}
