//===- KernelCache.cpp - Compiled conv kernels by shape and target --------===//
//
// Part of mlir-conv. See KernelCache.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/KernelCache.h"
#include "mlir-conv/Runtime/Conformance.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

std::string ConvKernelKey::str() const {
  const ConvGeometry &g = geometry;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "conv2d n=" << g.batch << " c=" << g.inChannels << " h=" << g.inH
     << " w=" << g.inW << " oc=" << g.outChannels << " k=" << g.kernelH << "x"
     << g.kernelW << " s=" << g.strideH << "x" << g.strideW
     << " d=" << g.dilationH << "x" << g.dilationW << " p=" << g.padTop << ","
     << g.padBottom << "," << g.padLeft << "," << g.padRight
     << " g=" << g.groups << " bias=" << g.hasBias << " "
     << stringifyInputLayout(g.inputLayout) << "/"
     << stringifyFilterLayout(g.filterLayout) << " " << getDTypeName(dtype)
     << " | cpu=" << options.targetCPU << " features=" << options.targetFeatures
     << " O" << options.optLevel << " strategy=" << options.strategy
     << " threads=" << options.threads << " blocks=" << options.owBlock << ","
     << options.ocVectors << "," << options.ohBlock << "," << options.cBlock
     << " winograd=" << options.winograd << " exact=" << options.exact
     << " device=" << options.device;
  if (options.device == "cuda")
    os << " chip=" << options.gpuChip << " gpu-blocks=" << options.gpuRegM
       << "," << options.gpuRegN << "," << options.gpuTileK << ","
       << options.gpuSplitK << "," << options.gpuDepthwiseKernel
       << " runtime=" << options.cudaRuntimeLibrary;
  return text;
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
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::shared_ptr<Entry> &slot = entries[key.str()];
    if (!slot)
      slot = std::make_shared<Entry>();
    entry = slot;
  }
  std::call_once(entry->once, [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      ++numCompilations;
    }
    auto exe = compileConvKernel(key);
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
