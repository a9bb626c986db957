//===- KernelCache.h - Compiled conv kernels by shape and target *- C++ -*-===//
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
#include "mlir-conv/Runtime/CompileOptions.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mlir::conv::runtime {

/// What identifies one compiled conv kernel. Equality and the hash cover
/// every field of the geometry and of the options (each type derives them
/// from all of its fields), so no setting can be left out of the key.
struct ConvKernelKey {
  /// Shapes, strides, dilations, padding, groups, bias and layouts (static).
  ConvGeometry geometry;
  DType dtype = DType::F32;
  /// Target, strategy, threads, blocks, device.
  CompileOptions options;

  bool operator==(const ConvKernelKey &other) const {
    return geometry == other.geometry && dtype == other.dtype &&
           options == other.options;
  }
  bool operator!=(const ConvKernelKey &other) const {
    return !(*this == other);
  }
};

llvm::hash_code hash_value(const ConvKernelKey &key);

/// `hash_value` for std::unordered_map.
struct ConvKernelKeyHash {
  size_t operator()(const ConvKernelKey &key) const { return hash_value(key); }
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
  /// and shared afterwards. A target CPU of 'host' is looked up as the CPU
  /// MLIR_CONV_HOST_CPU names at the time of the call, when it is set.
  /// Concurrent callers with the same key wait for one compilation. A key that
  /// fails to compile (e.g. an invalid geometry) returns the same error every
  /// time.
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
  std::unordered_map<ConvKernelKey, std::shared_ptr<Entry>, ConvKernelKeyHash>
      entries;
  unsigned numCompilations = 0;
};

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_KERNELCACHE_H
