//===- Conv2d.h - A Conv2d layer with its own weights -----------*- C++ -*-===//
//
// Part of mlir-conv. The seed's layer API: the constructor arguments of
// Modular MAX's nn.Conv2d, weights the layer owns, and a forward call that
// builds one conv.conv2d, JIT-compiles it once per input shape and dtype
// (through a KernelCache) and runs it.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_API_CONV2D_H
#define MLIR_CONV_API_CONV2D_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/CompileOptions.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/KernelCache.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace mlir::conv {

/// The arguments of MAX's `nn.Conv2d(kernel_size, in_channels, out_channels,
/// dtype, stride=1, padding=0, dilation=1, num_groups=1, device=None,
/// has_bias=False, permute=False, name=None)`. "int or tuple" arguments take
/// one value (used for both dimensions) or two (h, w); padding also takes
/// four (top, bottom, left, right).
struct Conv2dOptions {
  llvm::SmallVector<int64_t, 2> kernelSize = {1};
  int64_t inChannels = 1;
  int64_t outChannels = 1;
  runtime::DType dtype = runtime::DType::F32;
  llvm::SmallVector<int64_t, 2> stride = {1};
  llvm::SmallVector<int64_t, 4> padding = {0};
  llvm::SmallVector<int64_t, 2> dilation = {1};
  int64_t numGroups = 1;
  Device device = Device::CPU;
  bool hasBias = false;
  /// false: MAX layouts, input NHWC and weight (kh, kw, in/groups, out)
  /// (HWIO). true: PyTorch layouts, input NCHW and weight (out, in/groups,
  /// kh, kw) (OIHW). The output has the input's layout.
  bool permute = false;
  /// Compile the weight and bias into each kernel as constants, as for a
  /// frozen model: they are then prepared at compile time (an OIHW weight's
  /// transpose, Winograd's filter transform, the direct kernel's blocked
  /// filter layout), so calls are faster (docs/Performance.md), but each
  /// input shape compiles again after `setWeight`/`setBias`, and the kernels
  /// are the layer's own, not in the shared cache. CPU only.
  bool freezeWeights = false;
  /// A label for error messages.
  std::string name;
};

/// A 2-D convolution layer. Create it with `Conv2d::create`. Weights start
/// at zero; read them with `weight()`/`bias()` and replace them with
/// `setWeight()`/`setBias()`, which check shape and dtype. `forward` may be
/// called from several threads at once, but not while the weights are being
/// replaced.
class Conv2d {
public:
  /// Checks `options` and makes a layer with zero weights. Invalid arguments
  /// (e.g. in_channels not divisible by num_groups, a kernel size of 0) give
  /// an error naming the argument and its value. With `Device::GPU`, forward
  /// runs on an NVIDIA GPU (conv-to-nvvm); where none can be used, forward
  /// returns an error saying why.
  /// `compileOptions` choose the target, strategy and threads (checked
  /// here, the target names included; their device is the layer's); `cache`
  /// (shared by several layers when given) holds the compiled kernels.
  static llvm::Expected<Conv2d>
  create(const Conv2dOptions &options,
         const runtime::CompileOptions &compileOptions = {},
         std::shared_ptr<runtime::KernelCache> cache = nullptr);

  Conv2d(Conv2d &&) = default;
  Conv2d &operator=(Conv2d &&) = default;

  /// The options the layer was created with.
  const Conv2dOptions &getOptions() const { return options; }
  /// The expanded arguments: strides, dilations, padding [t, b, l, r],
  /// groups and the layouts.
  const Conv2DAttrs &getAttrs() const { return attrs; }

  /// The weight: (kh, kw, in/groups, out) or, with permute, (out, in/groups,
  /// kh, kw), of the layer's dtype.
  const runtime::Tensor &weight() const { return weightTensor; }
  /// The bias, shape (out); all zeros (and not used) without has_bias.
  const runtime::Tensor &bias() const { return biasTensor; }
  /// Replaces the weight; it must have `weight()`'s shape and dtype.
  llvm::Error setWeight(runtime::Tensor weight);
  /// Replaces the bias; an error without has_bias or for a wrong shape or
  /// dtype.
  llvm::Error setBias(runtime::Tensor bias);

  /// Convolves `x` (NHWC, or NCHW with permute, of the layer's dtype and
  /// in_channels). Compiles a kernel for a new input shape, reuses it after.
  llvm::Expected<runtime::Tensor> forward(const runtime::Tensor &x) const;
  /// The same as `forward`.
  llvm::Expected<runtime::Tensor> operator()(const runtime::Tensor &x) const {
    return forward(x);
  }

  /// The cache holding this layer's kernels.
  runtime::KernelCache &getKernelCache() const { return *cache; }

private:
  Conv2d(Conv2dOptions options, Conv2DAttrs attrs,
         runtime::CompileOptions compileOptions,
         std::shared_ptr<runtime::KernelCache> cache, runtime::Tensor weight,
         runtime::Tensor bias);

  /// The geometry of a call on an input of `inputShape` (rank 4).
  ConvGeometry getGeometry(llvm::ArrayRef<int64_t> inputShape) const;
  /// "Conv2d 'name'" or "Conv2d", for messages.
  std::string describe() const;

  Conv2dOptions options;
  Conv2DAttrs attrs;
  runtime::CompileOptions compileOptions;
  std::shared_ptr<runtime::KernelCache> cache;
  runtime::Tensor weightTensor, biasTensor;
  /// With freezeWeights: the kernels compiled with the current weights, by
  /// input shape (dropped when they are replaced).
  struct FrozenKernels;
  std::shared_ptr<FrozenKernels> frozen;
};

} // namespace mlir::conv

#endif // MLIR_CONV_API_CONV2D_H
