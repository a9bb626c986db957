//===- KernelCache.cpp - Compiled conv kernels by shape and target --------===//
//
// Part of mlir-conv. See KernelCache.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/KernelCache.h"
#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Target/CpuTarget.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

llvm::hash_code mlir::conv::runtime::hash_value(const ConvKernelKey &key) {
  return llvm::hash_combine(key.geometry, key.dtype, key.options);
}

/// One key's kernel, or why it could not be compiled; filled once.
struct KernelCache::Entry {
  std::once_flag once;
  std::shared_ptr<const Executable> executable;
  std::string error;
};

KernelCache::KernelCache() = default;
KernelCache::~KernelCache() = default;

// A context of its own, so that compilations on different threads share no
// IR and no diagnostics.
llvm::Expected<std::unique_ptr<Executable>>
mlir::conv::runtime::compileConvKernel(const ConvKernelKey &key,
                                       const Tensor *frozenFilter,
                                       const Tensor *frozenBias) {
  MLIRContext context(MLIRContext::Threading::DISABLED);
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (!diagnostics.empty())
      diagnostics += "\n";
    diagnostics += diag.str();
    return success();
  });
  OwningOpRef<ModuleOp> module =
      buildConvModule(context, key.geometry, key.dtype, "conv");
  if (!module)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "invalid conv2d: " + diagnostics);
  if (frozenFilter) {
    auto func = module->lookupSymbol<func::FuncOp>("conv");
    // The bias first: freezing the filter moves it to argument 1.
    if ((key.geometry.hasBias &&
         (!frozenBias || failed(freezeArgument(func, 2, *frozenBias)))) ||
        failed(freezeArgument(func, 1, *frozenFilter)))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "frozen weights do not match the conv's filter and bias types");
  }
  return Executable::compile(*module, "conv", key.options);
}

llvm::Expected<std::shared_ptr<const Executable>>
KernelCache::getOrCompile(const ConvKernelKey &key) {
  // 'host' stands for the CPU MLIR_CONV_HOST_CPU names when it is set:
  // name it, so that a kernel compiled for another value is not reused.
  ConvKernelKey named = key;
  if (named.options.targetCPU.empty() || named.options.targetCPU == "host")
    if (const char *cpu = std::getenv(kHostCpuEnvVar); cpu && *cpu)
      named.options.targetCPU = cpu;
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::shared_ptr<Entry> &slot = entries[named];
    if (!slot)
      slot = std::make_shared<Entry>();
    entry = slot;
  }
  std::call_once(entry->once, [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      ++numCompilations;
    }
    auto exe = compileConvKernel(named);
    if (exe)
      entry->executable = std::move(*exe);
    else
      entry->error = llvm::toString(exe.takeError());
  });
  if (!entry->executable)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   entry->error);
  return entry->executable;
}

size_t KernelCache::size() const {
  std::lock_guard<std::mutex> lock(mutex);
  return entries.size();
}

unsigned KernelCache::getNumCompilations() const {
  std::lock_guard<std::mutex> lock(mutex);
  return numCompilations;
}

void KernelCache::clear() {
  std::lock_guard<std::mutex> lock(mutex);
  entries.clear();
}
