//===- ConvPlugin.cpp - The conv dialect and passes as an MLIR plugin -----===//
//
// Part of mlir-conv. A shared library the stock mlir-opt loads with
// --load-dialect-plugin= and --load-pass-plugin=. It registers only what is
// ours (the conv dialect, our passes and the conv-to-llvm pipeline): mlir-opt
// already has every upstream dialect, interface and pass, and registering
// one of those twice would clash.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/Passes.h"
#include "mlir-conv/Dialect/Conv/IR/ConvDialect.h"
#include "mlir-conv/Dialect/Conv/Transforms/Passes.h"
#include "mlir-conv/Pipelines/Pipelines.h"
#include "mlir-conv/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

using namespace mlir;

/// Our passes and the conv-to-llvm pipeline.
static void registerConvPasses() {
  conv::registerConversionPasses();
  conv::registerConvTransformsPasses();
  conv::registerTransformsPasses();
  conv::registerConvPipelines();
}

/// The dialect plugin entry point: the conv dialect.
extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {
      MLIR_PLUGIN_API_VERSION, "MlirConv", LLVM_VERSION_STRING,
      [](DialectRegistry *registry) { registry->insert<conv::ConvDialect>(); }};
}

/// The pass plugin entry point: our passes and pipeline.
extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "MlirConvPasses", LLVM_VERSION_STRING,
          registerConvPasses};
}
