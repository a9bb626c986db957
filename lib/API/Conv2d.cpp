//===- Conv2d.cpp - A Conv2d layer with its own weights -------------------===//
//
// Part of mlir-conv. Argument checks, weight ownership and the cached
// forward call of the Conv2d layer.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/API/Conv2d.h"
#include "mlir-conv/Runtime/KernelCache.h"
#include "mlir-conv/Target/CpuTarget.h"

#include "llvm/ADT/StringExtras.h"

#include <map>
#include <mutex>
#include <vector>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

/// "[1, 2]".
static std::string formatList(ArrayRef<int64_t> values) {
  return "[" +
         llvm::join(llvm::map_range(
                        values, [](int64_t v) { return std::to_string(v); }),
                    ", ") +
         "]";
}

/// "Conv2d 'name'" or "Conv2d".
static std::string describeLayer(const Conv2dOptions &options) {
  return options.name.empty() ? "Conv2d" : "Conv2d '" + options.name + "'";
}

static llvm::Error makeError(const Conv2dOptions &options,
                             const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 describeLayer(options) + ": " + message);
}

/// Checks an "int or (h, w)" argument and expands it to (h, w).
static llvm::Error expandPair(const Conv2dOptions &options, StringRef name,
                              ArrayRef<int64_t> values, int64_t minimum,
                              SmallVectorImpl<int64_t> &pair) {
  if (values.size() != 1 && values.size() != 2)
    return makeError(options, name + " must have 1 or 2 values, got " +
                                  llvm::Twine(values.size()));
  if (llvm::any_of(values, [&](int64_t v) { return v < minimum; }))
    return makeError(options, name + " must be >= " + llvm::Twine(minimum) +
                                  ", got " + formatList(values));
  pair.assign({values.front(), values.back()});
  return llvm::Error::success();
}

struct Conv2d::FrozenKernels {
  std::mutex mutex;
  std::map<std::vector<int64_t>, std::shared_ptr<const Executable>> byShape;
};

Conv2d::Conv2d(Conv2dOptions options, Conv2DAttrs attrs,
               CompileOptions compileOptions,
               std::shared_ptr<KernelCache> cache, Tensor weight, Tensor bias)
    : options(std::move(options)), attrs(std::move(attrs)),
      compileOptions(std::move(compileOptions)), cache(std::move(cache)),
      weightTensor(std::move(weight)), biasTensor(std::move(bias)),
      frozen(std::make_shared<FrozenKernels>()) {}

llvm::Expected<Conv2d> Conv2d::create(const Conv2dOptions &options,
                                      const CompileOptions &compileOptions,
                                      std::shared_ptr<KernelCache> cache) {
  SmallVector<int64_t, 2> kernel;
  Conv2DAttrs attrs;
  if (llvm::Error err =
          expandPair(options, "kernel_size", options.kernelSize, 1, kernel))
    return std::move(err);
  if (llvm::Error err =
          expandPair(options, "stride", options.stride, 1, attrs.strides))
    return std::move(err);
  if (llvm::Error err =
          expandPair(options, "dilation", options.dilation, 1, attrs.dilations))
    return std::move(err);
  size_t numPads = options.padding.size();
  if (numPads != 1 && numPads != 2 && numPads != 4)
    return makeError(options, "padding must have 1, 2 or 4 values, got " +
                                  llvm::Twine(numPads));
  if (llvm::any_of(options.padding, [](int64_t p) { return p < 0; }))
    return makeError(options, "padding must be >= 0, got " +
                                  formatList(options.padding));
  attrs.padding = expandPadding(options.padding);
  if (options.inChannels < 1)
    return makeError(options, "in_channels must be >= 1, got " +
                                  llvm::Twine(options.inChannels));
  if (options.outChannels < 1)
    return makeError(options, "out_channels must be >= 1, got " +
                                  llvm::Twine(options.outChannels));
  if (options.numGroups < 1)
    return makeError(options, "num_groups must be >= 1, got " +
                                  llvm::Twine(options.numGroups));
  if (options.inChannels % options.numGroups != 0)
    return makeError(options, "in_channels (" +
                                  llvm::Twine(options.inChannels) +
                                  ") must be divisible by num_groups (" +
                                  llvm::Twine(options.numGroups) + ")");
  if (options.outChannels % options.numGroups != 0)
    return makeError(options, "out_channels (" +
                                  llvm::Twine(options.outChannels) +
                                  ") must be divisible by num_groups (" +
                                  llvm::Twine(options.numGroups) + ")");
  attrs.groups = options.numGroups;
  attrs.inputLayout = options.permute ? InputLayout::NCHW : InputLayout::NHWC;
  attrs.filterLayout =
      options.permute ? FilterLayout::OIHW : FilterLayout::HWIO;

  int64_t inPerGroup = options.inChannels / options.numGroups;
  SmallVector<int64_t, 4> weightShape =
      options.permute
          ? SmallVector<int64_t, 4>{options.outChannels, inPerGroup, kernel[0],
                                    kernel[1]}
          : SmallVector<int64_t, 4>{kernel[0], kernel[1], inPerGroup,
                                    options.outChannels};
  auto weight = Tensor::create(options.dtype, weightShape);
  if (!weight)
    return makeError(options, "cannot allocate the weight: " +
                                  llvm::toString(weight.takeError()));
  auto bias = Tensor::create(options.dtype, {options.outChannels});
  if (!bias)
    return makeError(options, "cannot allocate the bias: " +
                                  llvm::toString(bias.takeError()));
  if (options.freezeWeights && options.device == Device::GPU)
    return makeError(options, "freeze_weights is for Device::CPU only");
  if (!cache)
    cache = std::make_shared<KernelCache>();
  // GPU: the conv-to-nvvm pipeline, run through the CUDA runtime wrappers.
  CompileOptions deviceOptions = compileOptions;
  deviceOptions.device = options.device;
  if (llvm::Error err = deviceOptions.validate())
    return makeError(options, llvm::toString(std::move(err)));
  if (llvm::Expected<CpuTarget> target = resolveCpuTarget(
          deviceOptions.targetCPU, deviceOptions.targetFeatures,
          deviceOptions.targetTriple);
      !target)
    return makeError(options, llvm::toString(target.takeError()));
  return Conv2d(options, std::move(attrs), deviceOptions, std::move(cache),
                std::move(*weight), std::move(*bias));
}

std::string Conv2d::describe() const { return describeLayer(options); }

/// Checks that `tensor` has `expected`'s dtype and shape.
static llvm::Error checkReplacement(const Conv2dOptions &options,
                                    StringRef what, const Tensor &tensor,
                                    const Tensor &expected) {
  if (tensor.dtype() != expected.dtype() || tensor.shape() != expected.shape())
    return makeError(options, "expected a " + what + " of shape " +
                                  formatList(expected.shape()) + " and dtype " +
                                  getDTypeName(expected.dtype()) + ", got " +
                                  formatList(tensor.shape()) + " " +
                                  getDTypeName(tensor.dtype()));
  return llvm::Error::success();
}

llvm::Error Conv2d::setWeight(Tensor weight) {
  if (llvm::Error err =
          checkReplacement(options, "weight", weight, weightTensor))
    return err;
  weightTensor = std::move(weight);
  frozen = std::make_shared<FrozenKernels>();
  return llvm::Error::success();
}

llvm::Error Conv2d::setBias(Tensor bias) {
  if (!options.hasBias)
    return makeError(options, "has_bias is false: the layer has no bias");
  if (llvm::Error err = checkReplacement(options, "bias", bias, biasTensor))
    return err;
  biasTensor = std::move(bias);
  frozen = std::make_shared<FrozenKernels>();
  return llvm::Error::success();
}

ConvGeometry Conv2d::getGeometry(ArrayRef<int64_t> inputShape) const {
  return ConvGeometry::fromShapes(inputShape, weightTensor.shape(),
                                  attrs.strides, attrs.dilations, attrs.padding,
                                  attrs.groups, options.hasBias,
                                  attrs.inputLayout, attrs.filterLayout);
}

llvm::Expected<Tensor> Conv2d::forward(const Tensor &x) const {
  StringRef layout = stringifyInputLayout(attrs.inputLayout);
  if (x.rank() != 4)
    return makeError(options, "expected a rank-4 " + layout +
                                  " input, got shape " + formatList(x.shape()));
  if (x.dtype() != options.dtype)
    return makeError(options, "expected an input of dtype " +
                                  getDTypeName(options.dtype) + ", got " +
                                  getDTypeName(x.dtype()));
  InputDims dims = getInputDims(attrs.inputLayout);
  if (x.shape()[dims.c] != options.inChannels)
    return makeError(options, "expected " + llvm::Twine(options.inChannels) +
                                  " input channels (dim " +
                                  llvm::Twine(dims.c) + " of " + layout +
                                  "), got shape " + formatList(x.shape()));
  ConvGeometry g = getGeometry(x.shape());
  std::optional<int64_t> oh = computeOutputExtent(
      g.inH, g.padTop, g.padBottom, g.dilationH, g.kernelH, g.strideH);
  std::optional<int64_t> ow = computeOutputExtent(
      g.inW, g.padLeft, g.padRight, g.dilationW, g.kernelW, g.strideW);
  if (!oh || !ow || *oh < 1 || *ow < 1)
    return makeError(options, "input of shape " + formatList(x.shape()) +
                                  " is too small for kernel " +
                                  formatList({g.kernelH, g.kernelW}) +
                                  " with padding " + formatList(attrs.padding) +
                                  " and dilation " +
                                  formatList(attrs.dilations));

  ConvKernelKey key{g, options.dtype, compileOptions};
  SmallVector<const Tensor *, 3> inputs = {&x};
  llvm::Expected<std::shared_ptr<const Executable>> exe = nullptr;
  if (options.freezeWeights) {
    // The weights are compiled in: one kernel per input shape, compiled
    // under the lock (forward calls of one layer wait for it).
    std::lock_guard<std::mutex> lock(frozen->mutex);
    std::vector<int64_t> shape(x.shape().begin(), x.shape().end());
    std::shared_ptr<const Executable> &slot = frozen->byShape[shape];
    if (!slot) {
      auto compiled = compileConvKernel(
          key, &weightTensor, options.hasBias ? &biasTensor : nullptr);
      if (!compiled) {
        frozen->byShape.erase(shape);
        return makeError(options, llvm::toString(compiled.takeError()));
      }
      slot = std::move(*compiled);
    }
    exe = slot;
  } else {
    exe = cache->getOrCompile(key);
    inputs.push_back(&weightTensor);
    if (options.hasBias)
      inputs.push_back(&biasTensor);
  }
  if (!exe)
    return makeError(options, llvm::toString(exe.takeError()));
  auto outputs = (*exe)->invoke(inputs);
  if (!outputs)
    return makeError(options, llvm::toString(outputs.takeError()));
  return std::move((*outputs)[0]);
}
