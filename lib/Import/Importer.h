//===- Importer.h - State of one ONNX import --------------------*- C++ -*-===//
//
// Part of mlir-conv. The graph walk's state shared by the node emitters
// (OnnxOps.cpp) and the import-time constant folder (OnnxConstants.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_LIB_IMPORT_IMPORTER_H
#define MLIR_CONV_LIB_IMPORT_IMPORTER_H

#include "mlir-conv/Import/OnnxImport.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <vector>

namespace mlir::conv::onnximport {

/// A tensor known at import time: an initializer, a Constant node or a
/// folded shape computation. Values are held as doubles (integers are exact
/// up to 2^53, more than any extent).
struct ConstTensor {
  llvm::SmallVector<int64_t> shape;
  Type elementType;
  std::vector<double> values;

  int64_t getNumElements() const;
  RankedTensorType getType() const {
    return RankedTensorType::get(shape, elementType);
  }
};

/// `v` as an integer: truncated, saturated to int64's range, NaN as 0.
int64_t toInt64(double v);

/// `type` transposed by `perm`: dim i of the result is dim perm[i].
RankedTensorType permutedType(RankedTensorType type,
                              llvm::ArrayRef<int32_t> perm);

/// `tensor` transposed: dim i of the result is dim perm[i] of `tensor`
/// (`perm` must be a permutation of its dims).
ConstTensor transposeConst(const ConstTensor &tensor,
                           llvm::ArrayRef<int64_t> perm);

/// Whether `perm` is a permutation of [0, rank).
bool isPermutation(llvm::ArrayRef<int64_t> perm, int64_t rank);

/// `axis` (negative: from the end) in [0, rank), or nullopt.
std::optional<int64_t> checkedAxis(int64_t axis, int64_t rank);

/// The value of an ONNX attribute, or of a constant input, as a vector.
std::vector<int64_t> toInts(const ConstTensor &tensor);

/// Reads an ONNX tensor (raw or typed data). Fails on external data and on
/// element types the importer has no MLIR type for.
llvm::Expected<ConstTensor> readTensor(MLIRContext *context,
                                       const onnx::TensorProto &proto);

/// The MLIR element type of an ONNX tensor element type, or null.
Type getElementType(MLIRContext *context, int32_t onnxType);

class Importer {
public:
  Importer(MLIRContext *context, const onnx::ModelProto &model,
           const OnnxImportOptions &options, llvm::StringRef sourceName);

  llvm::Expected<OwningOpRef<ModuleOp>> run();

  /// Evaluates what it can of the graph at import time and moves the integer
  /// results (shape computations) into `model` as initializers, removing the
  /// nodes that computed them, so that shape inference can use them. Returns
  /// whether anything moved.
  bool foldShapeComputations(onnx::ModelProto &model);

  // --- for the emitters ---------------------------------------------------
  MLIRContext *context;
  OpBuilder builder;
  Location loc;
  const OnnxImportOptions &options;
  /// The model's opset of the default domain.
  int64_t opset = 0;

  /// An error naming `node` (its name and op type).
  llvm::Error error(const onnx::NodeProto &node, const llvm::Twine &message);

  /// The runtime value of `name` (a constant becomes a tosa.const).
  llvm::Expected<Value> get(const onnx::NodeProto &node, llvm::StringRef name);
  /// Input `i` of `node` as a runtime value.
  llvm::Expected<Value> input(const onnx::NodeProto &node, int i);
  /// The constant `name`, if it is known at import time.
  const ConstTensor *getConst(llvm::StringRef name) const;
  /// Input `i` as a constant, or null when absent or not constant.
  const ConstTensor *constInput(const onnx::NodeProto &node, int i) const;
  bool hasInput(const onnx::NodeProto &node, int i) const {
    return i < node.input_size() && !node.input(i).empty();
  }
  /// The static type shape inference gave output `i` of `node`.
  llvm::Expected<RankedTensorType> outputType(const onnx::NodeProto &node,
                                              int i = 0);
  /// The type of `name` (a runtime value or a constant), or null.
  RankedTensorType typeOf(llvm::StringRef name) const;
  void setValue(llvm::StringRef name, Value value) { values[name] = value; }
  void setConst(llvm::StringRef name, ConstTensor tensor) {
    consts[name] = std::move(tensor);
  }

  /// tosa.const of `tensor` (dense_resource above the threshold).
  Value constant(const ConstTensor &tensor);
  /// A tosa.const splat of `value` with `rank` unit dims of `elementType`.
  Value scalar(double value, Type elementType, int64_t rank);
  /// A !tosa.shape constant of `shape`.
  Value constShape(llvm::ArrayRef<int64_t> shape);
  Value transpose(Value value, llvm::ArrayRef<int32_t> perms);
  Value reshape(Value value, llvm::ArrayRef<int64_t> shape);
  /// `value` reshaped to `rank` by leading unit dims (numpy broadcasting).
  Value broadcastRank(Value value, int64_t rank);

private:
  llvm::Error importNode(const onnx::NodeProto &node);
  /// Indexes the value infos and initializers (checking their element types
  /// and data locations, without reading them).
  llvm::Error indexGraph();
  llvm::Expected<RankedTensorType> staticType(const onnx::ValueInfoProto &info,
                                              bool isInput);

  const onnx::ModelProto &model;
  std::string sourceName;
  llvm::StringMap<Value> values;
  /// Constants read so far; initializers are read on first use.
  mutable llvm::StringMap<ConstTensor> consts;
  llvm::StringMap<const onnx::TensorProto *> initializers;
  llvm::StringMap<const onnx::ValueInfoProto *> valueInfos;
  int64_t resourceCounter = 0;
};

/// Evaluates `node` at import time when all its inputs are constants and it
/// computes shapes or small constants (Shape, Gather, Unsqueeze, Concat, ...).
/// Returns true when it did (the outputs are constants of the importer).
llvm::Expected<bool> foldNode(Importer &importer, const onnx::NodeProto &node);

/// Whether the importer can import nodes of `opType` (some only when their
/// inputs are constants).
bool isSupportedOpType(llvm::StringRef opType);

/// Checks, before libonnx's shape inference runs (which crashes on some
/// malformed nodes), that every node has a supported op type and that the
/// windows of spatial nodes fit the ranks of their inputs where those are
/// known.
llvm::Error precheckGraph(const onnx::GraphProto &graph,
                          llvm::StringRef sourceName);

/// Emits TOSA (and conv.conv2d for grouped convs) for `node`.
llvm::Error emitNode(Importer &importer, const onnx::NodeProto &node);

// --- attributes -----------------------------------------------------------
const onnx::AttributeProto *findAttr(const onnx::NodeProto &node,
                                     llvm::StringRef name);
int64_t getIntAttr(const onnx::NodeProto &node, llvm::StringRef name,
                   int64_t defaultValue);
float getFloatAttr(const onnx::NodeProto &node, llvm::StringRef name,
                   float defaultValue);
std::string getStringAttr(const onnx::NodeProto &node, llvm::StringRef name,
                          llvm::StringRef defaultValue);
std::vector<int64_t> getIntsAttr(const onnx::NodeProto &node,
                                 llvm::StringRef name,
                                 std::vector<int64_t> defaultValue = {});

} // namespace mlir::conv::onnximport

#endif // MLIR_CONV_LIB_IMPORT_IMPORTER_H
