//===- Precheck.cpp - What the graph must satisfy before libonnx sees it --===//
//
// Part of mlir-conv. libonnx's shape inference trusts some of what it reads
// (a Conv whose input has fewer dims than its window dereferences past the
// shape), so the importer checks those facts first, from the ranks it can
// propagate without shapes: op types it supports, and for Conv and the
// pools, an input of rank >= 3 that fits the filter and window attributes.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::onnximport;

namespace {
/// Ranks known so far, by value name.
using Ranks = llvm::StringMap<int64_t>;

std::optional<int64_t> rankOf(const Ranks &ranks, const std::string &name) {
  auto it = ranks.find(name);
  if (it == ranks.end())
    return std::nullopt;
  return it->second;
}

llvm::Error nodeError(llvm::StringRef sourceName, const onnx::NodeProto &node,
                      const llvm::Twine &message) {
  std::string name = node.name().empty() ? "(unnamed)" : node.name();
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 sourceName + ": node '" + name + "' (" +
                                     node.op_type() + "): " + message);
}

/// The window checks of a Conv or pool node whose input has rank `rank`.
llvm::Error checkWindow(llvm::StringRef sourceName, const onnx::NodeProto &node,
                        int64_t rank, std::optional<int64_t> filterRank) {
  if (rank < 3)
    return nodeError(sourceName, node,
                     "the input has rank " + llvm::Twine(rank) +
                         "; a conv or pool needs rank >= 3 (N, C, spatial "
                         "dims)");
  if (filterRank && *filterRank != rank)
    return nodeError(sourceName, node,
                     "the filter has rank " + llvm::Twine(*filterRank) +
                         " but the input has rank " + llvm::Twine(rank));
  size_t spatial = rank - 2;
  for (llvm::StringRef name : {"kernel_shape", "strides", "dilations"})
    if (const onnx::AttributeProto *attr = findAttr(node, name)) {
      if (static_cast<size_t>(attr->ints_size()) != spatial)
        return nodeError(sourceName, node,
                         name + " has " + llvm::Twine(attr->ints_size()) +
                             " values for " + llvm::Twine(spatial) +
                             " spatial dims");
      // libonnx divides by strides and dilations.
      for (int64_t v : attr->ints())
        if (v < 1)
          return nodeError(sourceName, node,
                           name + " must be >= 1, got " + llvm::Twine(v));
    }
  if (const onnx::AttributeProto *pads = findAttr(node, "pads")) {
    if (static_cast<size_t>(pads->ints_size()) != 2 * spatial)
      return nodeError(sourceName, node,
                       "pads has " + llvm::Twine(pads->ints_size()) +
                           " values for " + llvm::Twine(spatial) +
                           " spatial dims");
    for (int64_t v : pads->ints())
      if (v < 0)
        return nodeError(sourceName, node,
                         "pads must be >= 0, got " + llvm::Twine(v));
  }
  if (const onnx::AttributeProto *group = findAttr(node, "group"))
    if (group->i() < 1)
      return nodeError(sourceName, node,
                       "group must be >= 1, got " + llvm::Twine(group->i()));
  bool needsKernel =
      node.op_type() == "MaxPool" || node.op_type() == "AveragePool";
  if (needsKernel && !findAttr(node, "kernel_shape"))
    return nodeError(sourceName, node, "kernel_shape is missing");
  return llvm::Error::success();
}
} // namespace

llvm::Error onnximport::precheckGraph(const onnx::GraphProto &graph,
                                      llvm::StringRef sourceName) {
  Ranks ranks;
  for (const onnx::ValueInfoProto &info : graph.input())
    if (info.type().has_tensor_type() && info.type().tensor_type().has_shape())
      ranks[info.name()] = info.type().tensor_type().shape().dim_size();
  for (const onnx::TensorProto &init : graph.initializer())
    ranks[init.name()] = init.dims_size();

  for (const onnx::NodeProto &node : graph.node()) {
    llvm::StringRef op = node.op_type();
    if (!isSupportedOpType(op))
      return nodeError(sourceName, node,
                       "op type '" + op + "' is not supported by the importer");
    std::optional<int64_t> x =
        node.input_size() ? rankOf(ranks, node.input(0)) : std::nullopt;
    bool spatial = op == "Conv" || op == "MaxPool" || op == "AveragePool" ||
                   op == "GlobalAveragePool" || op == "GlobalMaxPool";
    if (spatial && node.input_size() == 0)
      return nodeError(sourceName, node, "the input is missing");
    if (op == "Conv" && node.input_size() < 2)
      return nodeError(sourceName, node, "the filter is missing");
    if (spatial) {
      // Without a known rank, the attributes are still checked against the
      // rank they imply (their own length + 2).
      int64_t rank = x ? *x : 2 + std::max<int64_t>(1, [&] {
                                const onnx::AttributeProto *k =
                                    findAttr(node, "kernel_shape");
                                return k ? k->ints_size() : 2;
                              }());
      std::optional<int64_t> w =
          op == "Conv" ? rankOf(ranks, node.input(1)) : std::nullopt;
      if (llvm::Error err = checkWindow(sourceName, node, rank, w))
        return err;
    }
    // The output ranks this check can know without shapes.
    std::optional<int64_t> out;
    if (spatial || op == "Relu" || op == "Clip" || op == "Sigmoid" ||
        op == "Tanh" || op == "Exp" || op == "Erf" || op == "Abs" ||
        op == "HardSigmoid" || op == "HardSwish" ||
        op == "BatchNormalization" || op == "Identity" || op == "Dropout" ||
        op == "Transpose" || op == "Softmax" || op == "Cast" || op == "Pad" ||
        op == "Slice" || op == "Concat" || op == "Split")
      out = x;
    else if (op == "Flatten" || op == "Gemm")
      out = 2;
    else if (op == "Shape")
      out = 1;
    else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
      std::optional<int64_t> y =
          node.input_size() > 1 ? rankOf(ranks, node.input(1)) : std::nullopt;
      if (x && y)
        out = std::max(*x, *y);
    }
    if (out)
      for (const std::string &name : node.output())
        ranks[name] = *out;
  }
  return llvm::Error::success();
}
