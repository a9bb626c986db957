//===- Conv2DFuzzer.cpp - Fuzz conv.conv2d from verifier to results -------===//
//
// Part of mlir-conv. Decodes the fuzz bytes into one conv.conv2d (shapes,
// strides, dilations, padding of 1 to 4 values, groups, layouts, element
// type, bias, dynamic N/H/W, and sometimes values that are out of range or
// overflow int64) and builds it with the op builder. The verifier must
// accept or reject it without crashing. An op that verifies and is small is
// compiled with the whole conv-to-llvm pipeline (a strategy, forced register
// blocks, threads and an LLVM opt level also come from the bytes), JIT-run on
// seeded random data and compared with the float64 reference under the
// conformance tolerance. A compile error, a run error or a wrong answer
// aborts with a one-line description of the conv; so does a call with
// dynamic H/W whose actual output would be empty that the runtime does not
// refuse with its "too small" error.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/InitAll.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Testing/Reference.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

namespace {

/// What happened to the inputs so far; printed when the fuzzer exits.
struct Stats {
  uint64_t inputs = 0, rejected = 0, tooLarge = 0, refusedAtRun = 0,
           checked = 0;
};
Stats stats;

/// One decoded case.
struct Case {
  DType dtype = DType::F32;
  Conv2DAttrs attrs;
  /// Shapes in the layouts of `attrs`; `dynamic` marks the input dims that
  /// are `?` in the function type.
  SmallVector<int64_t, 4> inputShape, filterShape;
  std::array<bool, 4> dynamic = {false, false, false, false};
  std::optional<int64_t> biasSize;
  CompileOptions options;
  uint64_t seed = 0;
};

/// A value that is usually in [lo, hi], and rarely one that must be
/// rejected: 0, -1, or so large that products overflow int64. Exhausted
/// input gives `lo` (FuzzedDataProvider returns the minimum), so short
/// inputs decode to small valid convs.
int64_t pick(FuzzedDataProvider &fdp, int64_t lo, int64_t hi) {
  switch (fdp.ConsumeIntegralInRange<int>(0, 31)) {
  case 28:
    return 0;
  case 29:
    return -1;
  case 30:
    return std::numeric_limits<int64_t>::max() / 2;
  case 31:
    return std::numeric_limits<int64_t>::max();
  default:
    return fdp.ConsumeIntegralInRange<int64_t>(lo, hi);
  }
}

/// Whether a rare (1 in `n`) choice is taken; never on exhausted input.
bool rarely(FuzzedDataProvider &fdp, int n) {
  return fdp.ConsumeIntegralInRange<int>(0, n - 1) == n - 1;
}

/// `count` values from `pick(lo, hi)`; the count is 2 mostly, else 0 to 5.
SmallVector<int64_t, 4> pickList(FuzzedDataProvider &fdp, size_t count,
                                 int64_t lo, int64_t hi) {
  if (rarely(fdp, 16))
    count = fdp.ConsumeIntegralInRange<size_t>(0, 5);
  SmallVector<int64_t, 4> values;
  for (size_t i = 0; i < count; ++i)
    values.push_back(pick(fdp, lo, hi));
  return values;
}

Case decode(FuzzedDataProvider &fdp) {
  Case c;
  c.dtype =
      fdp.PickValueInArray({DType::F32, DType::F16, DType::BF16, DType::F64});
  c.attrs.inputLayout =
      fdp.PickValueInArray({InputLayout::NHWC, InputLayout::NCHW});
  c.attrs.filterLayout = fdp.PickValueInArray(
      {FilterLayout::HWIO, FilterLayout::OIHW, FilterLayout::OHWI});
  c.attrs.groups = pick(fdp, 1, 4);
  int64_t groups =
      c.attrs.groups >= 1 && c.attrs.groups <= 4 ? c.attrs.groups : 1;
  int64_t icPerGroup = pick(fdp, 1, 6), ocPerGroup = pick(fdp, 1, 6);
  int64_t ic =
      icPerGroup > 0 && icPerGroup <= 6 ? icPerGroup * groups : icPerGroup;
  int64_t oc =
      ocPerGroup > 0 && ocPerGroup <= 6 ? ocPerGroup * groups : ocPerGroup;
  // The filter's I dim: normally IC / groups, sometimes anything.
  int64_t filterIn = rarely(fdp, 16) ? pick(fdp, 1, 8) : icPerGroup;
  int64_t n = pick(fdp, 1, 2), h = pick(fdp, 1, 12), w = pick(fdp, 1, 12);
  int64_t kh = pick(fdp, 1, 4), kw = pick(fdp, 1, 4);
  c.attrs.strides = pickList(fdp, 2, 1, 3);
  c.attrs.dilations = pickList(fdp, 2, 1, 3);
  // Padding as one value, (pad_h, pad_w) or [top, bottom, left, right].
  size_t padCount = fdp.PickValueInArray<size_t>({1, 2, 4, 4});
  c.attrs.padding = pickList(fdp, padCount, 0, 4);

  InputDims id = getInputDims(c.attrs.inputLayout);
  c.inputShape.assign(4, 0);
  c.inputShape[id.n] = n;
  c.inputShape[id.c] = ic;
  c.inputShape[id.h] = h;
  c.inputShape[id.w] = w;
  FilterDims fd = getFilterDims(c.attrs.filterLayout);
  c.filterShape.assign(4, 0);
  c.filterShape[fd.o] = oc;
  c.filterShape[fd.i] = filterIn;
  c.filterShape[fd.h] = kh;
  c.filterShape[fd.w] = kw;
  if (rarely(fdp, 4))
    for (unsigned d : {id.n, id.h, id.w})
      c.dynamic[d] = fdp.ConsumeBool();
  if (fdp.ConsumeBool())
    c.biasSize = rarely(fdp, 16) ? pick(fdp, 1, 8) : oc;

  c.options.strategy =
      fdp.ConsumeBool() ? ConvStrategy::Direct : ConvStrategy::Linalg;
  if (rarely(fdp, 4)) {
    c.options.owBlock = fdp.ConsumeIntegralInRange<int64_t>(0, 8);
    c.options.ocVectors = fdp.ConsumeIntegralInRange<int64_t>(0, 4);
    c.options.ohBlock = fdp.ConsumeIntegralInRange<int64_t>(0, 4);
    c.options.cBlock = fdp.ConsumeIntegralInRange<int64_t>(-1, 8);
  }
  c.options.threads = fdp.ConsumeIntegralInRange<unsigned>(1, 2);
  c.options.optLevel = fdp.ConsumeIntegralInRange<unsigned>(0, 3);
  c.seed = fdp.ConsumeIntegral<uint64_t>();
  return c;
}

/// The case in one line, for failure reports.
std::string describe(const Case &c) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto list = [&](ArrayRef<int64_t> values) {
    os << "[";
    llvm::interleaveComma(values, os);
    os << "]";
  };
  os << getDTypeName(c.dtype) << " input ";
  list(c.inputShape);
  os << " " << stringifyInputLayout(c.attrs.inputLayout) << " filter ";
  list(c.filterShape);
  os << " " << stringifyFilterLayout(c.attrs.filterLayout) << " strides ";
  list(c.attrs.strides);
  os << " dilations ";
  list(c.attrs.dilations);
  os << " padding ";
  list(c.attrs.padding);
  os << " groups " << c.attrs.groups << " bias "
     << (c.biasSize ? std::to_string(*c.biasSize) : "none") << " dynamic ["
     << c.dynamic[0] << c.dynamic[1] << c.dynamic[2] << c.dynamic[3]
     << "] strategy " << stringifyConvStrategy(c.options.strategy)
     << " ow-block " << c.options.owBlock << " oc-vectors "
     << c.options.ocVectors << " oh-block " << c.options.ohBlock << " c-block "
     << c.options.cBlock << " threads " << c.options.threads << " O"
     << c.options.optLevel << " seed " << c.seed;
  return text;
}

[[noreturn]] void fail(const Case &c, const std::string &message) {
  std::fprintf(stderr, "conv-conv2d-fuzzer: %s\n  conv: %s\n", message.c_str(),
               describe(c).c_str());
  std::abort();
}

/// Builds `func.func @conv` around the case's conv. Returns null if the
/// builder or the verifier rejects it.
OwningOpRef<ModuleOp> build(MLIRContext &context, const Case &c) {
  Type elementType = getElementType(context, c.dtype);
  OpBuilder b(&context);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());

  SmallVector<int64_t, 4> inputType(c.inputShape);
  for (unsigned d = 0; d < 4; ++d)
    if (c.dynamic[d])
      inputType[d] = ShapedType::kDynamic;
  // Types with negative extents do not exist (the parser rejects them):
  // getChecked refuses them as the parser would.
  auto tensorType = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::getChecked([&] { return emitError(loc); }, shape,
                                        elementType);
  };
  SmallVector<Type> argTypes = {tensorType(inputType),
                                tensorType(c.filterShape)};
  if (c.biasSize)
    argTypes.push_back(tensorType({*c.biasSize}));
  if (llvm::any_of(argTypes, [](Type t) { return !t; }))
    return nullptr;
  auto func =
      func::FuncOp::create(b, loc, "conv", b.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToEnd(body);
  Value bias = c.biasSize ? body->getArgument(2) : Value();
  auto conv = Conv2DOp::create(b, loc, body->getArgument(0),
                               body->getArgument(1), bias, c.attrs);
  if (conv->getNumResults() != 1)
    return nullptr;
  func::ReturnOp::create(b, loc, conv.getResult());
  func.setFunctionType(
      b.getFunctionType(argTypes, {conv.getResult().getType()}));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

/// Whether the case is small enough to compile and run in a few ms.
bool isSmall(const ConvGeometry &g) {
  // Each extent is checked before any product, which could overflow.
  for (int64_t v : {g.batch, g.inChannels, g.outChannels, g.inH, g.inW,
                    g.kernelH, g.kernelW, g.padTop, g.padBottom, g.padLeft,
                    g.padRight, g.strideH, g.strideW, g.dilationH, g.dilationW})
    if (v > 64)
      return false;
  auto product = [](ArrayRef<int64_t> shape) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  };
  return product(g.inputShape()) <= 4096 && product(g.filterShape()) <= 4096 &&
         product(g.outputShape()) <= 4096;
}

void printStats() {
  std::fprintf(stderr,
               "conv-conv2d-fuzzer: %llu inputs, %llu rejected by the builder "
               "or verifier, %llu too large to run, %llu refused at run time "
               "(dynamic input too small), %llu compiled, run and checked "
               "against the reference\n",
               static_cast<unsigned long long>(stats.inputs),
               static_cast<unsigned long long>(stats.rejected),
               static_cast<unsigned long long>(stats.tooLarge),
               static_cast<unsigned long long>(stats.refusedAtRun),
               static_cast<unsigned long long>(stats.checked));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  std::atexit(printStats);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ++stats.inputs;
  FuzzedDataProvider fdp(data, size);
  Case c = decode(fdp);

  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.loadDialect<ConvDialect, func::FuncDialect>();
  // Rejections are expected; keep them off stderr.
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  OwningOpRef<ModuleOp> module = build(context, c);
  if (!module) {
    ++stats.rejected;
    return 0;
  }

  // The verifier accepted it: the geometry of the actual (static) shapes.
  ConvGeometry g = ConvGeometry::fromShapes(
      c.inputShape, c.filterShape, c.attrs.strides, c.attrs.dilations,
      expandPadding(c.attrs.padding), c.attrs.groups, c.biasSize.has_value(),
      c.attrs.inputLayout, c.attrs.filterLayout);
  if (!isSmall(g)) {
    ++stats.tooLarge;
    return 0;
  }
  auto exe = Executable::compile(*module, "conv", c.options);
  if (!exe)
    fail(c,
         "a valid conv does not compile: " + llvm::toString(exe.takeError()));

  Tensor input = Tensor::random(c.dtype, g.inputShape(), c.seed);
  Tensor filter = Tensor::random(c.dtype, g.filterShape(), c.seed + 1);
  std::optional<Tensor> bias;
  SmallVector<const Tensor *, 3> inputs = {&input, &filter};
  if (c.biasSize) {
    bias = Tensor::random(c.dtype, {g.outChannels}, c.seed + 2);
    inputs.push_back(&*bias);
  }
  auto outputs = (*exe)->invoke(inputs);
  // With dynamic H/W the verifier cannot see the output extent; when the
  // actual input leaves none, the runtime must refuse the call.
  if (g.outH() < 1 || g.outW() < 1) {
    if (outputs)
      fail(c, "an input with an empty output was run");
    std::string message = llvm::toString(outputs.takeError());
    if (message.find("is too small for the conv on it") == std::string::npos)
      fail(c, "an input with an empty output was refused with: " + message);
    ++stats.refusedAtRun;
    return 0;
  }
  if (!outputs)
    fail(c,
         "a valid conv does not run: " + llvm::toString(outputs.takeError()));
  if (outputs->size() != 1 ||
      (*outputs)[0].shape() != ArrayRef<int64_t>(g.outputShape()))
    fail(c, "the result does not have the output shape");
  ReferenceCheck check = checkAgainstReference(g, inputs, (*outputs)[0]);
  if (!check.comparison.passed()) {
    const Comparison &cmp = check.comparison;
    fail(c, std::to_string(cmp.numMismatches) +
                " elements differ from the float64 reference; worst at " +
                formatIndex(g.outputShape(), cmp.worstIndex) + ": got " +
                std::to_string(cmp.actualAtWorst) + ", expected " +
                std::to_string(cmp.expectedAtWorst));
  }
  ++stats.checked;
  return 0;
}
