//===- ConvToNVVMTest.cpp - The GPU pipeline down to LLVM IR --------------===//
//
// Part of mlir-conv. conv-to-nvvm output translated to LLVM IR with the
// registry the runtime uses: what the JIT compiles for --device=cuda, checked
// without a GPU (the kernel's PTX embedded, loaded by a global constructor,
// launched through the mgpu* runtime functions).
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/InitAll.h"
#include "mlir-conv/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace mlir;

namespace {

const char *kConv = R"mlir(
func.func @conv(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x32xf32>,
                %b: tensor<32xf32>) -> tensor<1x8x8x32xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
       : tensor<1x8x8x16xf32>, tensor<3x3x16x32xf32>, tensor<32xf32>
       -> tensor<1x8x8x32xf32>
  return %y : tensor<1x8x8x32xf32>
}
)mlir";

/// The LLVM IR of `kConv` lowered with conv-to-nvvm and `options`.
std::string lowerToLLVMIR(conv::ConvToNVVMOptions &options) {
  DialectRegistry registry;
  conv::registerAllDialects(registry);
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kConv, &context);
  EXPECT_TRUE(module);
  PassManager pm(&context, ModuleOp::getOperationName());
  conv::buildConvToNVVMPipeline(pm, options);
  EXPECT_TRUE(succeeded(pm.run(*module)));
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*module, llvmContext);
  EXPECT_TRUE(llvmModule);
  std::string text;
  llvm::raw_string_ostream os(text);
  if (llvmModule)
    llvmModule->print(os, nullptr);
  return text;
}

TEST(ConvToNVVM, HostCodeLoadsPTXAndLaunchesTheKernel) {
  conv::ConvToNVVMOptions options;
  std::string ir = lowerToLLVMIR(options);
  // The PTX is embedded and JIT-loaded by the driver at start-up.
  EXPECT_NE(ir.find(".visible .entry conv2d_gpu_kernel("), std::string::npos);
  EXPECT_NE(ir.find(".target sm_90"), std::string::npos);
  EXPECT_NE(ir.find("call ptr @mgpuModuleLoadJIT("), std::string::npos);
  EXPECT_NE(ir.find("@llvm.global_ctors"), std::string::npos);
  // One launch of 256 threads per block on device buffers.
  EXPECT_NE(ir.find("call void @mgpuLaunchKernel("), std::string::npos);
  EXPECT_NE(ir.find("i64 256, i64 1, i64 1"), std::string::npos);
  EXPECT_NE(ir.find("call ptr @mgpuMemAlloc("), std::string::npos);
  EXPECT_NE(ir.find("call void @mgpuMemcpy("), std::string::npos);
  // The caller's output buffer is an argument (destination passing).
  EXPECT_NE(ir.find("define void @conv("), std::string::npos);
}

TEST(ConvToNVVM, ChipOptionReachesThePTX) {
  conv::ConvToNVVMOptions options;
  options.chip = "sm_80";
  options.features = "+ptx70";
  std::string ir = lowerToLLVMIR(options);
  EXPECT_NE(ir.find(".target sm_80"), std::string::npos);
  EXPECT_EQ(ir.find(".target sm_90"), std::string::npos);
}

} // namespace
