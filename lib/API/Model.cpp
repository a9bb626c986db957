//===- Model.cpp - Whole models, compiled once, run many times ------------===//
//
// Part of mlir-conv. See Model.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/API/Model.h"
#include "mlir-conv/Pipelines/ModelPipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::conv;

llvm::Expected<std::unique_ptr<Model>>
Model::fromTosa(ModuleOp module, llvm::StringRef funcName,
                const runtime::CompileOptions &options) {
  DialectRegistry registry;
  registerConvModelDialects(registry);
  module.getContext()->appendDialectRegistry(registry);
  auto exe = runtime::Executable::compile(
      module, funcName, options,
      [](OpPassManager &pm) { buildTosaModelToConvPipeline(pm); });
  if (!exe)
    return exe.takeError();
  std::unique_ptr<Model> model(new Model());
  model->executable = std::move(*exe);
  return model;
}

llvm::Expected<std::unique_ptr<Model>>
Model::fromOnnxFile(llvm::StringRef path,
                    const runtime::CompileOptions &options,
                    const OnnxImportOptions &importOptions) {
  DialectRegistry registry;
  registerOnnxImportDialects(registry);
  auto context = std::make_unique<MLIRContext>(registry);
  auto module = importOnnxFile(*context, path, importOptions);
  if (!module)
    return module.takeError();
  auto model = fromTosa(**module, importOptions.functionName, options);
  if (!model)
    return model.takeError();
  // The executable owns its code; the context outlives the module only as
  // long as the model does.
  (*model)->context = std::move(context);
  return model;
}
