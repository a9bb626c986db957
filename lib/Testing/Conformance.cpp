//===- Conformance.cpp - Conv cases and reference checks ------------------===//
//
// Part of mlir-conv. case.json parsing, the module a case describes, and
// comparisons with expected outputs or the float64 reference.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Runtime/Npy.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

//===----------------------------------------------------------------------===//
// case.json
//===----------------------------------------------------------------------===//

/// Reads the integer array `key` of `size` elements from `obj`.
static llvm::Error readInts(const llvm::json::Object &obj, StringRef key,
                            size_t size, SmallVectorImpl<int64_t> &out) {
  const llvm::json::Array *array = obj.getArray(key);
  if (!array || array->size() != size)
    return makeError("'" + key + "' must be an array of " + llvm::Twine(size) +
                     " integers");
  for (const llvm::json::Value &v : *array) {
    std::optional<int64_t> i = v.getAsInteger();
    if (!i)
      return makeError("'" + key + "' must hold integers");
    out.push_back(*i);
  }
  return llvm::Error::success();
}

llvm::Expected<ConvCase> mlir::conv::testing::loadConvCase(StringRef dir) {
  SmallString<256> path(dir);
  llvm::sys::path::append(path, "case.json");
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return makeError(path + ": cannot open: " + buffer.getError().message());
  auto json = llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return makeError(path +
                     ": invalid JSON: " + llvm::toString(json.takeError()));
  const llvm::json::Object *obj = json->getAsObject();
  if (!obj)
    return makeError(path + ": expected a JSON object");

  auto fail = [&](llvm::Error err) {
    return makeError(path + ": " + llvm::toString(std::move(err)));
  };
  ConvCase c;
  c.directory = dir.str();
  c.name =
      obj->getString("name").value_or(llvm::sys::path::filename(dir)).str();
  std::optional<StringRef> dtype = obj->getString("dtype");
  std::optional<DType> parsedType =
      dtype ? parseDTypeName(*dtype) : std::nullopt;
  if (!parsedType)
    return fail(makeError("'dtype' must be f16, bf16, f32 or f64"));
  c.dtype = *parsedType;
  std::optional<InputLayout> inputLayout =
      symbolizeInputLayout(obj->getString("input_layout").value_or(""));
  std::optional<FilterLayout> filterLayout =
      symbolizeFilterLayout(obj->getString("filter_layout").value_or(""));
  if (!inputLayout || !filterLayout)
    return fail(makeError("'input_layout' must be NHWC or NCHW and "
                          "'filter_layout' HWIO, OIHW or OHWI"));
  SmallVector<int64_t, 4> inputShape, filterShape, strides, dilations, padding;
  for (auto [key, size, out] :
       {std::make_tuple("input_shape", 4, &inputShape),
        std::make_tuple("filter_shape", 4, &filterShape),
        std::make_tuple("output_shape", 4, &c.outputShape),
        std::make_tuple("strides", 2, &strides),
        std::make_tuple("dilations", 2, &dilations),
        std::make_tuple("padding", 4, &padding)})
    if (llvm::Error err = readInts(*obj, key, size, *out))
      return fail(std::move(err));
  std::optional<int64_t> groups = obj->getInteger("groups");
  std::optional<bool> hasBias = obj->getBoolean("has_bias");
  std::optional<double> rtol = obj->getNumber("rtol");
  std::optional<double> atol = obj->getNumber("atol");
  if (!groups || !hasBias || !rtol || !atol)
    return fail(makeError("'groups', 'has_bias', 'rtol' and 'atol' are "
                          "required"));
  c.rtol = *rtol;
  c.atol = *atol;
  c.geometry = ConvGeometry::fromShapes(inputShape, filterShape, strides,
                                        dilations, padding, *groups, *hasBias,
                                        *inputLayout, *filterLayout);
  return c;
}

std::vector<std::string> mlir::conv::testing::findConvCases(StringRef root) {
  std::vector<std::string> dirs;
  std::error_code ec;
  for (llvm::sys::fs::recursive_directory_iterator it(root, ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::sys::path::filename(it->path()) == "case.json")
      dirs.push_back(llvm::sys::path::parent_path(it->path()).str());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

//===----------------------------------------------------------------------===//
// Building and running a case
//===----------------------------------------------------------------------===//

Tolerance mlir::conv::testing::getConformanceTolerance(DType dtype,
                                                       int64_t reductionSize,
                                                       double maxAbsDot) {
  bool f64 = dtype == DType::F64;
  double unitRoundoff = f64 ? std::ldexp(1.0, -53) : std::ldexp(1.0, -24);
  double rtol = 0, floor = 0;
  switch (dtype) {
  case DType::F64:
    rtol = 4.5e-16;
    floor = 1e-300;
    break;
  case DType::F32:
    rtol = 2.4e-7;
    floor = 1e-30;
    break;
  case DType::F16:
    // The final rounding of a tiny value is up to half a subnormal step.
    rtol = 2.0e-3;
    floor = std::ldexp(1.0, -24);
    break;
  case DType::BF16:
    rtol = 1.6e-2;
    floor = 1e-30;
    break;
  }
  double atol =
      maxAbsDot * unitRoundoff * (2.0 * double(reductionSize) + 16.0) + floor;
  return {rtol, atol};
}

llvm::Expected<std::vector<Tensor>>
mlir::conv::testing::loadCaseInputs(const ConvCase &c) {
  std::vector<Tensor> tensors;
  SmallVector<StringRef, 3> names = {"input", "filter"};
  if (c.geometry.hasBias)
    names.push_back("bias");
  SmallVector<SmallVector<int64_t, 4>, 3> shapes = {c.geometry.inputShape(),
                                                    c.geometry.filterShape(),
                                                    {c.geometry.outChannels}};
  for (auto [i, name] : llvm::enumerate(names)) {
    SmallString<256> path(c.directory);
    llvm::sys::path::append(path, name + ".npy");
    auto tensor = readNpy(path, c.dtype);
    if (!tensor)
      return tensor.takeError();
    if (tensor->dtype() != c.dtype || tensor->shape() != ArrayRef(shapes[i]))
      return makeError(
          path + ": expected " + getDTypeName(c.dtype) + " of shape " +
          llvm::join(
              llvm::map_range(shapes[i],
                              [](int64_t d) { return std::to_string(d); }),
              "x") +
          ", got " + getDTypeName(tensor->dtype()) + " " +
          tensor->shapeString());
    tensors.push_back(std::move(*tensor));
  }
  return std::move(tensors);
}

llvm::Expected<CaseResult>
mlir::conv::testing::runConvCase(MLIRContext &context, const ConvCase &c,
                                 const CompileOptions &options) {
  std::string diagnostics;
  OwningOpRef<ModuleOp> module;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      diagnostics += (diagnostics.empty() ? "" : "; ") + diag.str();
      return success();
    });
    module = buildConvModule(context, c.geometry, c.dtype);
  }
  if (!module)
    return makeError(c.name +
                     ": case.json describes an invalid conv: " + diagnostics);
  auto inputs = loadCaseInputs(c);
  if (!inputs)
    return inputs.takeError();
  if (c.geometry.outputShape() != ArrayRef(c.outputShape))
    return makeError(c.name + ": output_shape in case.json disagrees with "
                              "the conv's output shape");
  auto exe = Executable::compile(*module, "conv", options);
  if (!exe)
    return exe.takeError();
  SmallVector<const Tensor *> args;
  for (const Tensor &t : *inputs)
    args.push_back(&t);
  auto outputs = (*exe)->invoke(args);
  if (!outputs)
    return outputs.takeError();
  SmallString<256> path(c.directory);
  llvm::sys::path::append(path, "expected.npy");
  auto expected = readNpy(path, c.dtype);
  if (!expected)
    return expected.takeError();
  if (expected->shape() != (*outputs)[0].shape())
    return makeError(path + ": shape " + expected->shapeString() +
                     " differs from the output's " +
                     (*outputs)[0].shapeString());
  CaseResult result;
  result.comparison = compareTensors((*outputs)[0], *expected, c.rtol, c.atol);
  result.executable = std::move(*exe);
  result.inputs = std::move(*inputs);
  return std::move(result);
}

//===----------------------------------------------------------------------===//
// Reference checks
//===----------------------------------------------------------------------===//

llvm::Expected<ConvGeometry>
mlir::conv::testing::getSingleConvGeometry(ModuleOp module, StringRef funcName,
                                           ArrayRef<const Tensor *> inputs) {
  auto func = module.lookupSymbol<func::FuncOp>(funcName);
  if (!func || func.isExternal())
    return makeError("no function @" + funcName + " with a body");
  Block &body = func.getBody().front();
  auto convs = llvm::to_vector(body.getOps<Conv2DOp>());
  auto ret = dyn_cast<func::ReturnOp>(body.getTerminator());
  if (convs.size() != 1 || body.getOperations().size() != 2 || !ret ||
      ret.getNumOperands() != 1 || ret.getOperand(0) != convs[0].getResult())
    return makeError("the float64 reference checks only functions whose body "
                     "is one conv.conv2d that is returned");
  Conv2DOp conv = convs[0];
  SmallVector<Value> operands = {conv.getInput(), conv.getFilter()};
  if (conv.getBias())
    operands.push_back(conv.getBias());
  if (operands.size() != inputs.size() ||
      llvm::any_of(llvm::enumerate(operands), [&](auto it) {
        return it.value() != body.getArgument(it.index());
      }))
    return makeError("the float64 reference needs the conv's operands to be "
                     "the function's arguments, in order");
  return ConvGeometry::fromShapes(
      inputs[0]->shape(), inputs[1]->shape(), conv.getStrides(),
      conv.getDilations(), conv.getPadding(), conv.getGroups(),
      static_cast<bool>(conv.getBias()), conv.getInputLayout(),
      conv.getFilterLayout());
}

/// A float64 copy of `t` with every element replaced by its magnitude.
static Tensor absoluteF64(const Tensor &t) {
  Tensor result(DType::F64, t.shape());
  for (int64_t i = 0, e = t.numElements(); i < e; ++i)
    result.set(i, std::fabs(t.get(i)));
  return result;
}

ReferenceCheck
mlir::conv::testing::checkAgainstReference(const ConvGeometry &g,
                                           ArrayRef<const Tensor *> inputs,
                                           const Tensor &output) {
  const Tensor *bias = inputs.size() > 2 ? inputs[2] : nullptr;
  Tensor expected = referenceConv2D(g, *inputs[0], *inputs[1], bias);
  // The largest sum(|x * w|) + |b| scales the accumulation error.
  Tensor absInput = absoluteF64(*inputs[0]),
         absFilter = absoluteF64(*inputs[1]);
  std::optional<Tensor> absBias;
  if (bias)
    absBias = absoluteF64(*bias);
  Tensor magnitudes =
      referenceConv2D(g, absInput, absFilter, absBias ? &*absBias : nullptr);
  double maxAbsDot = 0;
  for (int64_t i = 0, e = magnitudes.numElements(); i < e; ++i)
    maxAbsDot = std::max(maxAbsDot, magnitudes.get(i));
  Tolerance tolerance =
      getConformanceTolerance(output.dtype(), g.reductionSize(), maxAbsDot);
  Comparison comparison =
      compareTensors(output, expected, tolerance.rtol, tolerance.atol);
  return {comparison, tolerance, std::move(expected)};
}
