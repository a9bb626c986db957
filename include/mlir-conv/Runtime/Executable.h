//===- Executable.h - JIT-compiled conv functions ---------------*- C++ -*-===//
//
// Part of mlir-conv. Compiles one function of a module once with the
// conv-to-llvm pipeline and mlir::ExecutionEngine, then invokes it many
// times (from any number of threads) on Tensors.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_EXECUTABLE_H
#define MLIR_CONV_RUNTIME_EXECUTABLE_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/CompileOptions.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class OpPassManager;
class ExecutionEngine;
class MLIRContext;
namespace conv::runtime {

/// The type of one function argument or result: a ranked tensor whose dims
/// may be dynamic (`ShapedType::kDynamic`).
struct TensorSpec {
  DType dtype;
  llvm::SmallVector<int64_t, 4> shape;
  /// `tensor<1x?x8xf32>`.
  std::string str() const;
  bool hasStaticShape() const;
  /// Whether a tensor of `shape` and `dtype` fits this spec.
  bool accepts(DType dtype, llvm::ArrayRef<int64_t> shape) const;
};

/// One compiled function. Immutable after `compile`: `invoke` is thread-safe.
class Executable {
public:
  ~Executable();

  /// Compiles `funcName` of `module` (which is not modified; a clone is
  /// lowered). Every argument and result must be a ranked tensor of f16,
  /// bf16, f32 or f64.
  static llvm::Expected<std::unique_ptr<Executable>>
  compile(ModuleOp module, llvm::StringRef funcName,
          const CompileOptions &options = {});

  /// The passes a front end runs before the conv pipeline (a model's graph
  /// dialect -> conv and linalg), so that the runtime itself does not depend
  /// on the graph dialects.
  using Frontend = llvm::function_ref<void(OpPassManager &)>;
  /// Like `compile`, with `frontend`'s passes first (for the CPU).
  static llvm::Expected<std::unique_ptr<Executable>>
  compile(ModuleOp module, llvm::StringRef funcName,
          const CompileOptions &options, Frontend frontend);

  /// Parses `source` in `context` and compiles `funcName`.
  static llvm::Expected<std::unique_ptr<Executable>>
  compileSource(MLIRContext &context, llvm::StringRef source,
                llvm::StringRef funcName, const CompileOptions &options = {});

  llvm::ArrayRef<TensorSpec> getArgumentSpecs() const { return args; }
  llvm::ArrayRef<TensorSpec> getResultSpecs() const { return results; }
  /// Seconds spent in the pass pipeline and in LLVM code generation.
  double getCompileSeconds() const { return compileSeconds; }
  /// The pass pipeline that lowered the function, as `conv-opt
  /// --pass-pipeline=...` takes it (pretty-printed, one pass a line), so
  /// that every stage can be replayed.
  const std::string &getPipeline() const { return pipeline; }
  /// What the lowering decided for each conv of the function, one line each
  /// in the order of the convs (`conv at LOC: TYPES: strategy=...`), as the
  /// conv lowering passes recorded it (Dialect/Conv/IR/LoweringRecord.h).
  llvm::ArrayRef<std::string> getLoweringRecords() const {
    return loweringRecords;
  }
  /// cuda: device time of all GPU kernels run so far in this process, in
  /// milliseconds (CUDA events around each launch); nullopt on the CPU.
  std::optional<double> getDeviceKernelMilliseconds() const;

  /// Checks `inputs` against the argument specs, runs the function and
  /// returns its results.
  llvm::Expected<llvm::SmallVector<Tensor, 1>>
  invoke(llvm::ArrayRef<const Tensor *> inputs) const;

  /// Like `invoke`, but writes into `outputs`, which must already have the
  /// result shapes (no allocation per call for static results).
  llvm::Error invokeInto(llvm::ArrayRef<const Tensor *> inputs,
                         llvm::MutableArrayRef<Tensor> outputs) const;

private:
  Executable() = default;
  llvm::Error checkInputs(llvm::ArrayRef<const Tensor *> inputs) const;

  /// A conv.conv2d that reads argument `argument` directly: the input's
  /// dynamic H and W must still give an output of at least 1x1.
  struct ArgumentConv {
    unsigned argument;
    ConvGeometry geometry;
  };
  llvm::SmallVector<ArgumentConv> argumentConvs;

  std::unique_ptr<ExecutionEngine> engine;
  void (*entry)(void **) = nullptr;
  llvm::SmallVector<TensorSpec> args, results;
  /// cuda: the runtime wrappers' error and timing queries.
  size_t (*takeCudaError)(char *, size_t) = nullptr;
  double (*cudaKernelMilliseconds)() = nullptr;
  llvm::Error checkCuda() const;
  /// Results are out-params (all static) rather than returned memrefs.
  bool destinationPassing = false;
  /// The scratch buffers the function takes as trailing arguments
  /// (conv-hoist-scratch: layout transposes, packed filters), so that they
  /// are allocated once rather than page-faulted in on every call.
  struct ScratchSpec {
    llvm::SmallVector<int64_t, 4> shape;
    size_t bytes;
  };
  llvm::SmallVector<ScratchSpec> scratch;
  /// Sets of scratch buffers not in use: each call takes one (or allocates
  /// one when all are in use by concurrent calls) and gives it back.
  using ScratchSet = std::vector<void *>;
  mutable std::mutex scratchMutex;
  mutable std::vector<ScratchSet> scratchPool;
  llvm::Expected<ScratchSet> takeScratch() const;
  void giveBackScratch(ScratchSet set) const;
  /// Runs the entry point with the inputs, outputs (out-params) and, when
  /// `returned` is set, the returned memref.
  llvm::Error call(llvm::ArrayRef<const Tensor *> inputs,
                   llvm::MutableArrayRef<Tensor> outputs, void *returned) const;
  double compileSeconds = 0;
  std::string pipeline;
  std::vector<std::string> loweringRecords;
};

/// The specs of `type`, or an error naming `what` (e.g. "argument 0").
llvm::Expected<TensorSpec> getTensorSpec(Type type, const llvm::Twine &what);

} // namespace conv::runtime
} // namespace mlir

#endif // MLIR_CONV_RUNTIME_EXECUTABLE_H
