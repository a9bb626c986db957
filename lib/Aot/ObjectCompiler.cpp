//===- ObjectCompiler.cpp - Ahead-of-time object files --------------------===//
//
// Part of mlir-conv. See ObjectCompiler.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Aot/ObjectCompiler.h"
#include "mlir-conv/Aot/CHeader.h"
#include "mlir-conv/Pipelines/Pipelines.h"
#include "mlir-conv/Runtime/PipelineOptions.h"
#include "mlir-conv/Target/CpuTarget.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"

#include <mutex>

using namespace mlir;
using namespace mlir::conv;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<aot::ObjectFile>
mlir::conv::aot::compileToObject(ModuleOp module,
                                 const runtime::CompileOptions &options,
                                 llvm::StringRef guardName, ObjectKind kind) {
  if (llvm::Error err = options.validate())
    return std::move(err);
  if (options.device != Device::CPU)
    return makeError("ahead-of-time compilation is for the CPU (device cpu)");
  llvm::Expected<CpuTarget> target = resolveCpuTarget(
      options.targetCPU, options.targetFeatures, options.targetTriple);
  if (!target)
    return target.takeError();
  llvm::Expected<std::string> header = writeCHeader(module, guardName);
  if (!header)
    return header.takeError();

  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerConvPipelineDialects(registry);
  context->appendDialectRegistry(registry);
  OwningOpRef<ModuleOp> clone = module.clone();
  for (auto func : clone->getOps<func::FuncOp>())
    if (!func.isDeclaration() && func.isPublic())
      func->setAttr("llvm.emit_c_interface", UnitAttr::get(context));

  // Results in the caller's buffers; scratch buffers stay allocations of
  // the function (there is no runtime to keep them).
  ConvToLLVMOptions pipelineOptions;
  runtime::setConvToLLVMOptions(pipelineOptions, options,
                                /*destinationPassing=*/true);
  pipelineOptions.hoistScratch = false;
  pipelineOptions.recordLowering = false;
  PassManager pm(context, ModuleOp::getOperationName());
  buildConvToLLVMPipeline(pm, pipelineOptions);
  ObjectFile result;
  result.header = std::move(*header);
  {
    llvm::raw_string_ostream os(result.pipeline);
    pm.printAsTextualPipeline(os, /*pretty=*/true);
  }
  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
      llvm::raw_string_ostream os(diagnostics);
      os << diag.getLocation() << ": " << diag.str() << "\n";
      return success();
    });
    if (failed(pm.run(*clone)))
      return makeError("lowering failed" +
                       (diagnostics.empty() ? "" : ":\n" + diagnostics));
  }

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*clone, llvmContext, "mlir-conv");
  if (!llvmModule)
    return makeError("translation to LLVM IR failed");

  static std::once_flag targetsOnce;
  std::call_once(targetsOnce, [] {
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
  llvm::Triple triple(target->triple);
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget)
    return makeError("no LLVM target for " + target->triple + ": " + error);
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, target->cpu, target->features, llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt,
      static_cast<llvm::CodeGenOptLevel>(std::min(options.optLevel, 3u))));
  if (!machine)
    return makeError("cannot create a target machine for " + target->cpu);
  llvmModule->setTargetTriple(triple);
  llvmModule->setDataLayout(machine->createDataLayout());
  if (llvm::Error err = makeOptimizingTransformer(
          options.optLevel, /*sizeLevel=*/0, machine.get())(llvmModule.get()))
    return std::move(err);

  llvm::SmallString<0> bytes;
  llvm::raw_svector_ostream os(bytes);
  llvm::legacy::PassManager codegen;
  if (machine->addPassesToEmitFile(codegen, os, nullptr,
                                   kind == ObjectKind::Assembly
                                       ? llvm::CodeGenFileType::AssemblyFile
                                       : llvm::CodeGenFileType::ObjectFile))
    return makeError(target->cpu + " cannot emit object files");
  codegen.run(*llvmModule);
  result.object = bytes.str().str();
  return result;
}
