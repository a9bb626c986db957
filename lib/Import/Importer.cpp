//===- Importer.cpp - ONNX models to TOSA ---------------------------------===//
//
// Part of mlir-conv. Parses and checks the model with libonnx, infers its
// shapes, and walks its graph in order: constants are folded at import time,
// everything else is emitted by OnnxOps.cpp into one func.func.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <limits>

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::onnximport;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

int64_t ConstTensor::getNumElements() const {
  // Saturating: a malformed model's dims must not overflow.
  int64_t n = 1;
  for (int64_t d : shape)
    if (d < 0 || llvm::MulOverflow(n, d, n))
      return std::numeric_limits<int64_t>::max();
  return n;
}

int64_t onnximport::toInt64(double v) {
  if (std::isnan(v))
    return 0;
  if (v >= 9.2233720368547758e18)
    return std::numeric_limits<int64_t>::max();
  if (v <= -9.2233720368547758e18)
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(v);
}

bool onnximport::isPermutation(ArrayRef<int64_t> perm, int64_t rank) {
  if (static_cast<int64_t>(perm.size()) != rank)
    return false;
  std::vector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return false;
    seen[p] = true;
  }
  return true;
}

std::optional<int64_t> onnximport::checkedAxis(int64_t axis, int64_t rank) {
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return std::nullopt;
  return axis;
}

std::vector<int64_t> onnximport::toInts(const ConstTensor &tensor) {
  std::vector<int64_t> ints;
  ints.reserve(tensor.values.size());
  for (double v : tensor.values)
    ints.push_back(toInt64(v));
  return ints;
}

Type onnximport::getElementType(MLIRContext *context, int32_t onnxType) {
  Builder b(context);
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::FLOAT16:
    return b.getF16Type();
  case onnx::TensorProto::BFLOAT16:
    return b.getBF16Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::INT64:
    return b.getI64Type();
  case onnx::TensorProto::INT32:
    return b.getI32Type();
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  default:
    return {};
  }
}

/// Element `i` of the raw little-endian data as a double.
template <typename T>
static void readRaw(const std::string &raw, std::vector<double> &values) {
  size_t n = raw.size() / sizeof(T);
  values.resize(n);
  for (size_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
    values[i] = static_cast<double>(v);
  }
}

/// A 16-bit float (f16 or bf16) pattern as a double.
static double half(const llvm::fltSemantics &semantics, uint16_t bits) {
  llvm::APFloat value(semantics, llvm::APInt(16, bits));
  return value.convertToDouble();
}

llvm::Expected<ConstTensor>
onnximport::readTensor(MLIRContext *context, const onnx::TensorProto &proto) {
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return makeError("tensor '" + proto.name() +
                     "' keeps its data in an external file, which is not "
                     "supported: save the model with its weights inside");
  ConstTensor tensor;
  tensor.elementType = getElementType(context, proto.data_type());
  if (!tensor.elementType)
    return makeError("tensor '" + proto.name() + "' has ONNX element type " +
                     llvm::Twine(proto.data_type()) +
                     ", which is not supported (float, float16, bfloat16, "
                     "double, int64, int32, bool are)");
  for (int64_t d : proto.dims())
    tensor.shape.push_back(d);
  const std::string &raw = proto.raw_data();
  std::vector<double> &v = tensor.values;
  switch (proto.data_type()) {
  case onnx::TensorProto::FLOAT:
    if (!raw.empty())
      readRaw<float>(raw, v);
    else
      v.assign(proto.float_data().begin(), proto.float_data().end());
    break;
  case onnx::TensorProto::DOUBLE:
    if (!raw.empty())
      readRaw<double>(raw, v);
    else
      v.assign(proto.double_data().begin(), proto.double_data().end());
    break;
  case onnx::TensorProto::INT64:
    if (!raw.empty())
      readRaw<int64_t>(raw, v);
    else
      v.assign(proto.int64_data().begin(), proto.int64_data().end());
    break;
  case onnx::TensorProto::INT32:
    if (!raw.empty())
      readRaw<int32_t>(raw, v);
    else
      v.assign(proto.int32_data().begin(), proto.int32_data().end());
    break;
  case onnx::TensorProto::BOOL:
    if (!raw.empty())
      readRaw<uint8_t>(raw, v);
    else
      v.assign(proto.int32_data().begin(), proto.int32_data().end());
    break;
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    const llvm::fltSemantics &semantics =
        proto.data_type() == onnx::TensorProto::FLOAT16
            ? llvm::APFloat::IEEEhalf()
            : llvm::APFloat::BFloat();
    std::vector<double> bits;
    if (!raw.empty())
      readRaw<uint16_t>(raw, bits);
    else
      bits.assign(proto.int32_data().begin(), proto.int32_data().end());
    v.resize(bits.size());
    for (size_t i = 0; i < bits.size(); ++i)
      v[i] = half(semantics, static_cast<uint16_t>(toInt64(bits[i]) & 0xffff));
    break;
  }
  }
  if (static_cast<int64_t>(v.size()) != tensor.getNumElements())
    return makeError("tensor '" + proto.name() + "' has " +
                     llvm::Twine(v.size()) + " values for " +
                     llvm::Twine(tensor.getNumElements()) + " elements");
  return tensor;
}

// --- attributes -----------------------------------------------------------

const onnx::AttributeProto *onnximport::findAttr(const onnx::NodeProto &node,
                                                 llvm::StringRef name) {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t onnximport::getIntAttr(const onnx::NodeProto &node,
                               llvm::StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr ? attr->i() : defaultValue;
}

float onnximport::getFloatAttr(const onnx::NodeProto &node,
                               llvm::StringRef name, float defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr ? attr->f() : defaultValue;
}

std::string onnximport::getStringAttr(const onnx::NodeProto &node,
                                      llvm::StringRef name,
                                      llvm::StringRef defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr ? attr->s() : defaultValue.str();
}

std::vector<int64_t>
onnximport::getIntsAttr(const onnx::NodeProto &node, llvm::StringRef name,
                        std::vector<int64_t> defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  if (!attr)
    return defaultValue;
  return std::vector<int64_t>(attr->ints().begin(), attr->ints().end());
}

// --- the importer ---------------------------------------------------------

Importer::Importer(MLIRContext *context, const onnx::ModelProto &model,
                   const OnnxImportOptions &options, llvm::StringRef sourceName)
    : context(context), builder(context), loc(UnknownLoc::get(context)),
      options(options), model(model), sourceName(sourceName.str()) {}

llvm::Error Importer::error(const onnx::NodeProto &node,
                            const llvm::Twine &message) {
  std::string name = node.name().empty() ? "(unnamed)" : node.name();
  return makeError(sourceName + ": node '" + name + "' (" + node.op_type() +
                   "): " + message);
}

const ConstTensor *Importer::getConst(llvm::StringRef name) const {
  auto it = consts.find(name);
  if (it != consts.end())
    return &it->second;
  auto init = initializers.find(name);
  if (init == initializers.end())
    return nullptr;
  // indexGraph checked what can fail.
  llvm::Expected<ConstTensor> tensor = readTensor(context, *init->second);
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return nullptr;
  }
  return &(consts[name] = std::move(*tensor));
}

const ConstTensor *Importer::constInput(const onnx::NodeProto &node,
                                        int i) const {
  if (!hasInput(node, i))
    return nullptr;
  return getConst(node.input(i));
}

RankedTensorType Importer::typeOf(llvm::StringRef name) const {
  auto it = values.find(name);
  if (it != values.end())
    return cast<RankedTensorType>(it->second.getType());
  if (initializers.count(name) || consts.count(name)) {
    if (const ConstTensor *tensor = getConst(name))
      return tensor->getType();
    return {};
  }
  auto info = valueInfos.find(name);
  if (info == valueInfos.end())
    return {};
  const onnx::TypeProto &type = info->second->type();
  if (!type.has_tensor_type() || !type.tensor_type().has_shape())
    return {};
  Type element = getElementType(context, type.tensor_type().elem_type());
  SmallVector<int64_t> shape;
  for (const auto &dim : type.tensor_type().shape().dim()) {
    if (!dim.has_dim_value() || dim.dim_value() < 1)
      return {};
    shape.push_back(dim.dim_value());
  }
  return element ? RankedTensorType::get(shape, element) : RankedTensorType();
}

llvm::Expected<Value> Importer::get(const onnx::NodeProto &node,
                                    llvm::StringRef name) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  if (const ConstTensor *tensor = getConst(name)) {
    Value value = constant(*tensor);
    values[name] = value;
    return value;
  }
  return error(node, "input '" + name + "' is not defined before the node");
}

llvm::Expected<Value> Importer::input(const onnx::NodeProto &node, int i) {
  if (!hasInput(node, i))
    return error(node, "input " + llvm::Twine(i) + " is missing");
  return get(node, node.input(i));
}

llvm::Expected<RankedTensorType>
Importer::outputType(const onnx::NodeProto &node, int i) {
  auto it = valueInfos.find(node.output(i));
  if (it == valueInfos.end())
    return error(node, "shape inference gave no type for output '" +
                           node.output(i) + "'");
  llvm::Expected<RankedTensorType> type =
      staticType(*it->second, /*isInput=*/false);
  if (!type)
    return error(node, llvm::toString(type.takeError()));
  return type;
}

llvm::Expected<RankedTensorType>
Importer::staticType(const onnx::ValueInfoProto &info, bool isInput) {
  if (!info.type().has_tensor_type())
    return makeError("'" + info.name() + "' is not a tensor");
  const onnx::TypeProto::Tensor &tensor = info.type().tensor_type();
  Type elementType = getElementType(context, tensor.elem_type());
  if (!elementType)
    return makeError("'" + info.name() + "' has ONNX element type " +
                     llvm::Twine(tensor.elem_type()) +
                     ", which is not supported");
  if (!tensor.has_shape())
    return makeError("the rank of '" + info.name() + "' is unknown");
  SmallVector<int64_t> shape;
  for (const auto &dim : tensor.shape().dim()) {
    if (dim.has_dim_value()) {
      if (dim.dim_value() < 1)
        return makeError("'" + info.name() + "' has the extent " +
                         llvm::Twine(dim.dim_value()) +
                         " (extents must be at least 1)");
      shape.push_back(dim.dim_value());
      continue;
    }
    if (isInput && dim.has_dim_param()) {
      auto value = options.dimParams.find(dim.dim_param());
      if (value != options.dimParams.end()) {
        shape.push_back(value->second);
        continue;
      }
      return makeError("input '" + info.name() + "' has the symbolic dim '" +
                       dim.dim_param() +
                       "': give its extent (conv-import-onnx --dim=" +
                       dim.dim_param() + "=EXTENT)");
    }
    return makeError("the shape of '" + info.name() +
                     "' is not static after shape inference");
  }
  return RankedTensorType::get(shape, elementType);
}

Value Importer::constant(const ConstTensor &tensor) {
  RankedTensorType type = tensor.getType();
  Type element = tensor.elementType;
  ElementsAttr attr;
  auto asResource = [&](auto data) -> ElementsAttr {
    std::string name = "onnx_const_" + std::to_string(resourceCounter++);
    return DenseResourceElementsAttr::get(
        type, name, HeapAsmResourceBlob::allocateAndCopyInferAlign(data));
  };
  bool resource = tensor.getNumElements() > options.resourceThreshold;
  if (element.isF32()) {
    std::vector<float> data(tensor.values.begin(), tensor.values.end());
    attr =
        resource
            ? asResource(ArrayRef<float>(data))
            : ElementsAttr(DenseElementsAttr::get(type, ArrayRef<float>(data)));
  } else if (element.isF64()) {
    attr = resource ? asResource(ArrayRef<double>(tensor.values))
                    : ElementsAttr(DenseElementsAttr::get(
                          type, ArrayRef<double>(tensor.values)));
  } else if (auto floatType = dyn_cast<FloatType>(element)) {
    SmallVector<APFloat> data;
    for (double v : tensor.values) {
      APFloat f(v);
      bool lost;
      f.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &lost);
      data.push_back(f);
    }
    attr = DenseElementsAttr::get(type, data);
  } else {
    unsigned width = element.getIntOrFloatBitWidth();
    SmallVector<APInt> data;
    for (double v : tensor.values)
      data.push_back(APInt(width, toInt64(v), /*isSigned=*/true,
                           /*implicitTrunc=*/true));
    attr = DenseElementsAttr::get(type, data);
  }
  return tosa::ConstOp::create(builder, loc, type, attr);
}

Value Importer::scalar(double value, Type elementType, int64_t rank) {
  ConstTensor tensor;
  tensor.shape.assign(rank, 1);
  tensor.elementType = elementType;
  tensor.values = {value};
  return constant(tensor);
}

RankedTensorType onnximport::permutedType(RankedTensorType type,
                                          ArrayRef<int32_t> perm) {
  SmallVector<int64_t> shape;
  for (int32_t p : perm)
    shape.push_back(type.getDimSize(p));
  return RankedTensorType::get(shape, type.getElementType());
}

Value Importer::transpose(Value value, ArrayRef<int32_t> perms) {
  return tosa::TransposeOp::create(
      builder, loc,
      permutedType(cast<RankedTensorType>(value.getType()), perms), value,
      builder.getDenseI32ArrayAttr(perms));
}

Value Importer::constShape(ArrayRef<int64_t> shape) {
  auto shapeType = tosa::shapeType::get(context, shape.size());
  auto shapeAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(shape.size())},
                            builder.getIndexType()),
      shape);
  return tosa::ConstShapeOp::create(builder, loc, shapeType, shapeAttr);
}

Value Importer::reshape(Value value, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  return tosa::ReshapeOp::create(
      builder, loc, RankedTensorType::get(shape, type.getElementType()), value,
      constShape(shape));
}

Value Importer::broadcastRank(Value value, int64_t rank) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() >= rank)
    return value;
  SmallVector<int64_t> shape(rank - type.getRank(), 1);
  llvm::append_range(shape, type.getShape());
  return reshape(value, shape);
}

llvm::Error Importer::importNode(const onnx::NodeProto &node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return error(node, "op domain '" + node.domain() + "' is not supported");
  loc = NameLoc::get(
      builder.getStringAttr(node.name().empty() ? node.op_type() : node.name()),
      FileLineColLoc::get(context, sourceName, 0, 0));
  llvm::Expected<bool> folded = foldNode(*this, node);
  if (!folded)
    return folded.takeError();
  if (*folded)
    return llvm::Error::success();
  return emitNode(*this, node);
}

llvm::Error Importer::indexGraph() {
  const onnx::GraphProto &graph = model.graph();
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx")
      opset = set.version();
  for (const onnx::ValueInfoProto &info : graph.value_info())
    valueInfos[info.name()] = &info;
  for (const onnx::ValueInfoProto &info : graph.output())
    valueInfos[info.name()] = &info;
  for (const onnx::TensorProto &init : graph.initializer()) {
    if (init.data_location() == onnx::TensorProto::EXTERNAL)
      return makeError(sourceName + ": tensor '" + init.name() +
                       "' keeps its data in an external file, which is not "
                       "supported: save the model with its weights inside");
    if (!getElementType(context, init.data_type()))
      return makeError(sourceName + ": tensor '" + init.name() +
                       "' has ONNX element type " +
                       llvm::Twine(init.data_type()) +
                       ", which is not supported (float, float16, bfloat16, "
                       "double, int64, int32, bool are)");
    initializers[init.name()] = &init;
  }
  return llvm::Error::success();
}

/// `tensor` as an ONNX initializer named `name`.
static onnx::TensorProto toProto(const ConstTensor &tensor,
                                 const std::string &name) {
  onnx::TensorProto proto;
  proto.set_name(name);
  for (int64_t d : tensor.shape)
    proto.add_dims(d);
  proto.set_data_type(onnx::TensorProto::INT64);
  for (double v : tensor.values)
    proto.add_int64_data(toInt64(v));
  return proto;
}

bool Importer::foldShapeComputations(onnx::ModelProto &target) {
  if (llvm::Error err = indexGraph()) {
    llvm::consumeError(std::move(err));
    return false;
  }
  std::vector<int> folded;
  const onnx::GraphProto &graph = model.graph();
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto &node = graph.node(i);
    llvm::Expected<bool> done = foldNode(*this, node);
    if (!done) {
      llvm::consumeError(done.takeError());
      continue;
    }
    if (!*done)
      continue;
    bool integer = llvm::all_of(node.output(), [&](const std::string &out) {
      const ConstTensor *tensor = getConst(out);
      return tensor && tensor->elementType.isInteger(64);
    });
    if (integer && node.op_type() != "Constant")
      folded.push_back(i);
  }
  if (folded.empty())
    return false;
  onnx::GraphProto *mutableGraph = target.mutable_graph();
  for (int i : folded)
    for (const std::string &out : graph.node(i).output())
      *mutableGraph->add_initializer() = toProto(*getConst(out), out);
  // Remove from the back so that earlier indices stay valid.
  for (auto it = folded.rbegin(); it != folded.rend(); ++it)
    mutableGraph->mutable_node()->DeleteSubrange(*it, 1);
  return true;
}

llvm::Expected<OwningOpRef<ModuleOp>> Importer::run() {
  if (llvm::Error err = indexGraph())
    return std::move(err);
  const onnx::GraphProto &graph = model.graph();
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const onnx::ValueInfoProto &info : graph.input()) {
    if (initializers.count(info.name()))
      continue; // an initializer listed as an input (IR version < 4)
    llvm::Expected<RankedTensorType> type = staticType(info, /*isInput=*/true);
    if (!type)
      return makeError(sourceName + ": " + llvm::toString(type.takeError()));
    argTypes.push_back(*type);
    argNames.push_back(info.name());
  }
  SmallVector<Type> resultTypes;
  for (const onnx::ValueInfoProto &info : graph.output()) {
    llvm::Expected<RankedTensorType> type = staticType(info, /*isInput=*/false);
    if (!type)
      return makeError(sourceName + ": output " +
                       llvm::toString(type.takeError()));
    resultTypes.push_back(*type);
  }

  Location fileLoc = FileLineColLoc::get(context, sourceName, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  auto func =
      func::FuncOp::create(builder, fileLoc, options.functionName,
                           builder.getFunctionType(argTypes, resultTypes));
  Block *entry = func.addEntryBlock();
  for (auto [i, name] : llvm::enumerate(argNames)) {
    values[name] = entry->getArgument(i);
    func.setArgAttr(i, "onnx.name", builder.getStringAttr(name));
  }
  builder.setInsertionPointToEnd(entry);

  for (const onnx::NodeProto &node : graph.node())
    if (llvm::Error err = importNode(node))
      return std::move(err);

  SmallVector<Value> results;
  onnx::NodeProto outputNode;
  outputNode.set_name("graph outputs");
  outputNode.set_op_type("Return");
  for (auto [info, type] : llvm::zip(graph.output(), resultTypes)) {
    llvm::Expected<Value> value = get(outputNode, info.name());
    if (!value)
      return value.takeError();
    if (value->getType() != type) {
      std::string message;
      llvm::raw_string_ostream os(message);
      os << sourceName << ": output '" << info.name() << "' is declared "
         << type << " but the graph computes " << value->getType();
      return makeError(message);
    }
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  return module;
}

// --- entry points ---------------------------------------------------------

/// Fixes the symbolic dims of the graph inputs that `dimParams` names, so
/// that shape inference propagates them.
static void setDimParams(onnx::ModelProto &model,
                         const llvm::StringMap<int64_t> &dimParams) {
  for (onnx::ValueInfoProto &info : *model.mutable_graph()->mutable_input()) {
    if (!info.type().has_tensor_type() ||
        !info.type().tensor_type().has_shape())
      continue;
    for (auto &dim : *info.mutable_type()
                          ->mutable_tensor_type()
                          ->mutable_shape()
                          ->mutable_dim()) {
      if (!dim.has_dim_param())
        continue;
      auto it = dimParams.find(dim.dim_param());
      if (it != dimParams.end())
        dim.set_dim_value(it->second);
    }
  }
}

llvm::Expected<OwningOpRef<ModuleOp>>
mlir::conv::importOnnxModel(MLIRContext &context, llvm::StringRef bytes,
                            llvm::StringRef sourceName,
                            const OnnxImportOptions &options) {
  onnx::ModelProto model;
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return makeError(sourceName + ": not an ONNX model (the protobuf does "
                                  "not parse)");
  setDimParams(model, options.dimParams);
  if (llvm::Error err = onnximport::precheckGraph(model.graph(), sourceName))
    return std::move(err);
  try {
    onnx::checker::check_model(model);
    onnx::ShapeInferenceOptions inference(/*check_type=*/true,
                                          /*strict_mode=*/1,
                                          /*data_prop=*/true);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), inference);
    // Shape computations ONNX's data propagation does not follow (Slice
    // bounds from Shape -> Gather -> Div, ...) are folded here, and shapes
    // inferred again, until nothing more folds.
    for (int round = 0; round < 8; ++round) {
      Importer probe(&context, model, options, sourceName);
      if (!probe.foldShapeComputations(model))
        break;
      onnx::shape_inference::InferShapes(
          model, onnx::OpSchemaRegistry::Instance(), inference);
    }
  } catch (const std::exception &e) {
    return makeError(sourceName +
                     ": the ONNX checker or shape inference "
                     "rejects the model: " +
                     e.what());
  }
  context.loadDialect<func::FuncDialect, tosa::TosaDialect, ConvDialect>();
  Importer importer(&context, model, options, sourceName);
  // The node types come from shape inference, which a malformed model can
  // contradict: what does not verify is an error, not a module.
  std::string diagnostic;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    if (diagnostic.empty())
      diagnostic = d.str();
  });
  auto module = importer.run();
  if (!module)
    return module.takeError();
  if (failed(verify(**module)))
    return makeError(sourceName +
                     ": the model's declared shapes contradict "
                     "its nodes: " +
                     diagnostic);
  return module;
}

llvm::Expected<OwningOpRef<ModuleOp>>
mlir::conv::importOnnxFile(MLIRContext &context, llvm::StringRef path,
                           const OnnxImportOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false);
  if (!buffer)
    return makeError("cannot read " + path + ": " +
                     buffer.getError().message());
  return importOnnxModel(context, (*buffer)->getBuffer(), path, options);
}

void mlir::conv::registerOnnxImportDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, tosa::TosaDialect, ConvDialect>();
}
