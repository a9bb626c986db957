//===- Driver.cpp - What conv-run does, as a library ----------------------===//
//
// Part of mlir-conv. See Driver.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Testing/Driver.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Runtime/GpuKernels.h"
#include "mlir-conv/Runtime/Npy.h"
#include "mlir-conv/Target/CpuTarget.h"
#include "mlir-conv/Testing/Conformance.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<Tensor> mlir::conv::testing::makeInput(StringRef value,
                                                      const TensorSpec &spec,
                                                      uint64_t seed) {
  if (value.consume_front("@")) {
    if (value.empty())
      return makeError("expected a file name after '@'");
    return readNpy(value);
  }
  if (value.empty()) {
    if (!spec.hasStaticShape())
      return makeError("argument type " + spec.str() +
                       " has dynamic dims: pass --input=@file.npy or "
                       "--input=SHAPExDTYPE");
    return Tensor::random(spec.dtype, spec.shape, seed);
  }
  // SHAPExDTYPE, e.g. 2x8x8x4xf32.
  SmallVector<StringRef> parts;
  value.split(parts, 'x');
  std::optional<DType> dtype = parseDTypeName(parts.back());
  if (!dtype)
    return makeError("input '" + value +
                     "': expected @FILE.npy or SHAPExDTYPE such as "
                     "1x8x8x4xf32");
  SmallVector<int64_t, 4> shape;
  for (StringRef dim : ArrayRef(parts).drop_back()) {
    int64_t size;
    if (dim.getAsInteger(10, size) || size < 0 || size > (int64_t(1) << 32))
      return makeError("input '" + value + "': bad dimension '" + dim + "'");
    shape.push_back(size);
  }
  int64_t count = 1;
  for (int64_t d : shape)
    if (d != 0 && count > (int64_t(1) << 34) / d)
      return makeError("input '" + value + "' is too large");
    else
      count *= d;
  auto tensor = Tensor::create(*dtype, shape);
  if (!tensor)
    return makeError("input '" + value +
                     "': " + llvm::toString(tensor.takeError()));
  tensor->fillRandom(seed);
  return std::move(*tensor);
}

llvm::Expected<BenchmarkResult> mlir::conv::testing::benchmark(
    const Executable &exe, ArrayRef<const Tensor *> inputs, int iterations) {
  auto first = exe.invoke(inputs);
  if (!first)
    return first.takeError();
  SmallVector<Tensor, 1> outputs = std::move(*first);
  std::vector<double> ms, kernelMs;
  for (int i = 0; i < iterations; ++i) {
    std::optional<double> kernelStart = exe.getDeviceKernelMilliseconds();
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error err = exe.invokeInto(inputs, outputs))
      return std::move(err);
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
    if (kernelStart)
      kernelMs.push_back(*exe.getDeviceKernelMilliseconds() - *kernelStart);
  }
  BenchmarkResult result;
  result.iterations = iterations;
  if (ms.empty())
    return result;
  if (!kernelMs.empty()) {
    std::sort(kernelMs.begin(), kernelMs.end());
    size_t n = kernelMs.size();
    result.kernelMedianMs =
        n % 2 ? kernelMs[n / 2] : 0.5 * (kernelMs[n / 2 - 1] + kernelMs[n / 2]);
  }
  std::sort(ms.begin(), ms.end());
  result.bestMs = ms.front();
  size_t n = ms.size();
  result.medianMs = n % 2 ? ms[n / 2] : 0.5 * (ms[n / 2 - 1] + ms[n / 2]);
  return result;
}

/// Prints dims `dim..` of `t` starting at `linear`, with `stride` elements
/// per index of `dim`.
static void printLevel(llvm::raw_ostream &os, const Tensor &t, int64_t dim,
                       int64_t linear, int64_t maxElements) {
  ArrayRef<int64_t> shape = t.shape();
  if (dim == t.rank()) {
    os << llvm::format("%g", t.get(linear));
    return;
  }
  int64_t stride = 1;
  for (int64_t d = dim + 1; d < t.rank(); ++d)
    stride *= shape[d];
  bool elide = t.numElements() > maxElements && shape[dim] > 6;
  os << "[";
  for (int64_t i = 0; i < shape[dim]; ++i) {
    if (elide && i == 3) {
      os << "..., ";
      i = shape[dim] - 3;
    }
    if (i)
      os << ", ";
    printLevel(os, t, dim + 1, linear + i * stride, maxElements);
  }
  os << "]";
}

void mlir::conv::testing::printTensor(llvm::raw_ostream &os, const Tensor &t,
                                      int64_t maxElements) {
  printLevel(os, t, 0, 0, maxElements);
}

double mlir::conv::testing::countConvFlops(ModuleOp module, StringRef funcName,
                                           ArrayRef<const Tensor *> inputs) {
  if (auto g = getSingleConvGeometry(module, funcName, inputs))
    return g->flops();
  else
    llvm::consumeError(g.takeError());
  double flops = 0;
  if (auto func = module.lookupSymbol<func::FuncOp>(funcName))
    func.walk([&](Conv2DOp op) {
      if (op.getInput().getType().hasStaticShape())
        flops += op.getGeometry().flops();
    });
  return flops;
}

std::string
mlir::conv::testing::reportConvLowering(ArrayRef<std::string> records,
                                        const CompileOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  bool cpu = options.device != Device::GPU;
  if (cpu) {
    llvm::Expected<CpuTarget> target = resolveCpuTarget(
        options.targetCPU, options.targetFeatures, options.targetTriple);
    if (target)
      os << "target: " << target->str() << "\n";
    else
      os << "target: " << llvm::toString(target.takeError()) << "\n";
  }
  for (const std::string &record : records) {
    os << record;
    if (cpu)
      os << ", threads=" << options.threads;
    os << "\n";
  }
  return text;
}

int mlir::conv::testing::runConformance(MLIRContext &context, StringRef root,
                                        const CompileOptions &options,
                                        llvm::raw_ostream &os) {
  int passed = 0, failed = 0;
  std::vector<std::string> cases = findConvCases(root);
  if (cases.empty()) {
    os << "FAIL " << root << ": no case.json found\n";
    os << "0 passed, 1 failed\n";
    return 1;
  }
  for (const std::string &dir : cases) {
    auto c = loadConvCase(dir);
    if (!c) {
      os << "FAIL " << dir << ": " << llvm::toString(c.takeError()) << "\n";
      ++failed;
      continue;
    }
    auto result = runConvCase(context, *c, options);
    if (!result) {
      os << "FAIL " << c->name << ": " << llvm::toString(result.takeError())
         << "\n";
      ++failed;
      continue;
    }
    const Comparison &cmp = result->comparison;
    if (cmp.passed()) {
      ++passed;
      continue;
    }
    ++failed;
    os << "FAIL " << c->name << ": " << cmp.numMismatches
       << " elements out of tolerance; worst at "
       << formatIndex(c->outputShape, cmp.worstIndex) << ": got "
       << cmp.actualAtWorst << ", expected " << cmp.expectedAtWorst
       << " (|err| " << cmp.worstAbsError << " > " << cmp.worstAllowed << ")\n";
  }
  os << passed << " passed, " << failed << " failed\n";
  return failed;
}

int mlir::conv::testing::exportConformanceKernels(MLIRContext &context,
                                                  StringRef root,
                                                  const CompileOptions &options,
                                                  StringRef outDir,
                                                  llvm::raw_ostream &os) {
  int lowered = 0, failed = 0;
  unsigned kernels = 0;
  std::vector<std::string> cases = findConvCases(root);
  for (const std::string &dir : cases) {
    auto c = loadConvCase(dir);
    if (!c) {
      os << "FAIL " << dir << ": " << llvm::toString(c.takeError()) << "\n";
      ++failed;
      continue;
    }
    OwningOpRef<ModuleOp> module =
        buildConvModule(context, c->geometry, c->dtype);
    SmallString<256> caseDir(outDir);
    llvm::sys::path::append(caseDir, c->name);
    auto count = exportGpuKernels(*module, "conv", options, caseDir);
    if (!count || *count != 1) {
      os << "FAIL " << c->name << ": "
         << (count ? "expected 1 kernel, got " + std::to_string(*count)
                   : llvm::toString(count.takeError()))
         << "\n";
      ++failed;
      continue;
    }
    ++lowered;
    kernels += *count;
  }
  os << lowered << " lowered to PTX (" << kernels << " kernels), " << failed
     << " failed\n";
  return failed;
}
