//===- KernelCache.h - Compiled conv kernels by shape and target -*- C++
//-*-===//
//
// Part of mlir-conv. A thread-safe cache of JIT-compiled single-conv
// functions, keyed by everything that changes the generated code: the op's
// shapes and attributes (its ConvGeometry), the element type, and the target
// and lowering options. Each key is compiled once, even when several threads
// ask for it at the same time.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_KERNELCACHE_H
#define MLIR_CONV_RUNTIME_KERNELCACHE_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <mutex>
#include <string>

namespace mlir::conv::runtime {

/// What identifies one compiled conv kernel.
struct ConvKernelKey {
  /// Shapes, strides, dilations, padding, groups, bias and layouts (static).
  ConvGeometry geometry;
  DType dtype = DType::F32;
  /// Target CPU and features, strategy, threads and register blocks.
  CompileOptions options;

  /// The canonical text of the key, e.g. `conv2d n=1 c=3 h=8 w=8 oc=4 k=3x3
  /// s=1x1 d=1x1 p=1,1,1,1 g=1 bias=0 NHWC/HWIO f32 | cpu=host ...`. Two
  /// keys are equal exactly when their texts are.
  std::string str() const;
};

/// Compiles the kernel of `key` in a context of its own:
/// `@conv(input, filter[, bias]) -> output`, or, with `frozenFilter` (and
/// `frozenBias` for a geometry with bias), `@conv(input) -> output` with
/// those compiled in as constants (a frozen model's weights, prepared at
/// compile time). Not cached.
llvm::Expected<std::unique_ptr<Executable>>
compileConvKernel(const ConvKernelKey &key,
                  const Tensor *frozenFilter = nullptr,
                  const Tensor *frozenBias = nullptr);

/// Compiled kernels by `ConvKernelKey`. All members are thread-safe. A
/// kernel's function is `@conv(input, filter[, bias]) -> output` in the
/// geometry's layouts (see `buildConvModule`).
class KernelCache {
public:
  KernelCache();
  ~KernelCache();
  KernelCache(const KernelCache &) = delete;
  KernelCache &operator=(const KernelCache &) = delete;

  /// The kernel of `key`, compiled on first use (in a private MLIRContext)
  /// and shared afterwards. Concurrent callers with the same key wait for
  /// one compilation. A key that fails to compile (e.g. an invalid
  /// geometry) returns the same error every time.
  llvm::Expected<std::shared_ptr<const Executable>>
  getOrCompile(const ConvKernelKey &key);

  /// The number of keys held (compiled or failed).
  size_t size() const;
  /// How many compilations this cache has started.
  unsigned getNumCompilations() const;
  /// Drops every kernel. Kernels callers still hold stay valid.
  void clear();

private:
  struct Entry;
  mutable std::mutex mutex;
  llvm::StringMap<std::shared_ptr<Entry>> entries;
  unsigned numCompilations = 0;
};

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_KERNELCACHE_H
