//===- GpuKernels.cpp - Ahead-of-time export of GPU conv kernels ----------===//
//
// Part of mlir-conv. See GpuKernels.h. Reads the module as conv-to-nvvm
// leaves it with host-to-llvm=false: each conv function's body launches one
// kernel (gpu.launch_func) on device buffers (gpu.alloc) that are copied from
// or to the function's arguments, and the kernel's PTX sits in a gpu.binary.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/GpuKernels.h"
#include "mlir-conv/Conversion/ConvToGPU/ConvToGPU.h"
#include "mlir-conv/Dialect/Conv/IR/LoweringRecord.h"
#include "mlir-conv/Runtime/PipelineOptions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Error writeFile(StringRef path, StringRef text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return makeError("cannot write " + path + ": " + ec.message());
  os << text;
  return llvm::Error::success();
}

/// The index of the function argument that `buffer` (a device buffer, or a
/// view of one) is copied from or to, or -1.
static int64_t hostArgumentOf(Value buffer) {
  // Views (collapse_shape, or what expand-strided-metadata made of it) lead
  // back to the buffer through their first operand.
  while (Operation *def = buffer.getDefiningOp()) {
    if (!isa<memref::CollapseShapeOp, memref::ReinterpretCastOp,
             memref::ExtractStridedMetadataOp>(def))
      break;
    buffer = def->getOperand(0);
  }
  for (Operation *user : buffer.getUsers()) {
    auto copy = dyn_cast<gpu::MemcpyOp>(user);
    if (!copy)
      continue;
    Value other = copy.getDst() == buffer ? copy.getSrc() : copy.getDst();
    if (auto arg = dyn_cast<BlockArgument>(other))
      return arg.getArgNumber();
  }
  return -1;
}

static std::optional<int64_t> constantIndex(Value v) {
  if (auto c = v.getDefiningOp<arith::ConstantIndexOp>())
    return c.value();
  return std::nullopt;
}

static llvm::json::Array toJson(ArrayRef<int64_t> values) {
  llvm::json::Array array;
  for (int64_t v : values)
    array.push_back(v);
  return array;
}

llvm::Expected<unsigned> mlir::conv::runtime::exportGpuKernels(
    ModuleOp module, StringRef funcName, const CompileOptions &options,
    StringRef dir, std::vector<std::string> *records) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerConvPipelineDialects(registry);
  context->appendDialectRegistry(registry);
  OwningOpRef<ModuleOp> clone = module.clone();
  if (!clone->lookupSymbol<func::FuncOp>(funcName))
    return makeError("no function @" + funcName + " in the module");

  ConvToNVVMOptions pipelineOptions;
  setConvToNVVMOptions(pipelineOptions, options, /*destinationPassing=*/true);
  pipelineOptions.hostToLLVM = false;
  PassManager pm(context, ModuleOp::getOperationName());
  buildConvToNVVMPipeline(pm, pipelineOptions);
  std::string diagnostics;
  {
    llvm::raw_string_ostream os(diagnostics);
    ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
      os << diag.getLocation() << ": " << diag << "\n";
      return success();
    });
    if (failed(pm.run(*clone)))
      return makeError("lowering @" + funcName + " for the GPU failed" +
                       (diagnostics.empty() ? "" : ":\n" + diagnostics));
  }
  std::vector<std::string> decided =
      takeConvLoweringRecords(clone->lookupSymbol(funcName));
  if (records)
    *records = std::move(decided);
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return makeError("cannot create " + dir + ": " + ec.message());

  // The GPU conv functions @funcName calls.
  SmallVector<func::FuncOp> callees;
  clone->lookupSymbol<func::FuncOp>(funcName).walk([&](func::CallOp call) {
    auto callee = clone->lookupSymbol<func::FuncOp>(call.getCallee());
    if (callee && !llvm::is_contained(callees, callee))
      callees.push_back(callee);
  });
  llvm::json::Array kernels;
  for (func::FuncOp func : callees) {
    auto attr = func->getAttrOfType<DictionaryAttr>(kGpuConvAttrName);
    if (!attr || func.isDeclaration())
      continue;
    FunctionType type = func.getFunctionType();
    bool hasBias = type.getNumInputs() == 4;
    SmallVector<std::string> roles = {"input", "filter"};
    if (hasBias)
      roles.push_back("bias");
    roles.push_back("output");
    llvm::SmallDenseSet<int64_t> seenArgs;
    WalkResult walk = func.walk([&](gpu::LaunchFuncOp launch) {
      auto binary = SymbolTable::lookupNearestSymbolFrom<gpu::BinaryOp>(
          launch, launch.getKernelModuleName());
      if (!binary || binary.getObjects().empty())
        return WalkResult::interrupt();
      auto object = cast<gpu::ObjectAttr>(binary.getObjects()[0]);
      std::string name = launch.getKernelName().str();
      std::string ptxFile = func.getSymName().str() + ".ptx";
      SmallString<256> path(dir);
      llvm::sys::path::append(path, ptxFile);
      if (llvm::Error err = writeFile(path, object.getObject().getValue())) {
        llvm::consumeError(std::move(err));
        return WalkResult::interrupt();
      }
      gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
      gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
      SmallVector<int64_t, 3> gridSizes, blockSizes;
      for (Value v : {grid.x, grid.y, grid.z, block.x, block.y, block.z}) {
        std::optional<int64_t> c = constantIndex(v);
        if (!c)
          return WalkResult::interrupt();
        (gridSizes.size() < 3 ? gridSizes : blockSizes).push_back(*c);
      }
      llvm::json::Array args;
      for (Value operand : launch.getKernelOperands()) {
        int64_t arg = hostArgumentOf(operand);
        if (arg < 0 || arg >= static_cast<int64_t>(roles.size()))
          return WalkResult::interrupt();
        args.push_back(roles[arg]);
      }
      auto shapeOf = [&](unsigned i) {
        return toJson(cast<MemRefType>(type.getInput(i)).getShape());
      };
      auto ints = [&](StringRef key) {
        return toJson(attr.getAs<DenseI64ArrayAttr>(key).asArrayRef());
      };
      // Split-K kernels add into the output, which the host zeroes first.
      bool zeroOutput = false;
      func.walk([&](gpu::MemsetOp) { zeroOutput = true; });
      std::string dtype;
      llvm::raw_string_ostream dtypeOs(dtype);
      dtypeOs << cast<MemRefType>(type.getInput(0)).getElementType();
      llvm::json::Object kernel{
          {"name", name},
          {"ptx", ptxFile},
          {"grid", toJson(gridSizes)},
          {"block", toJson(blockSizes)},
          {"tiling", attr.getAs<StringAttr>("tiling").getValue()},
          {"dtype", dtype},
          {"input", shapeOf(0)},
          {"filter", shapeOf(1)},
          {"output", shapeOf(type.getNumInputs() - 1)},
          {"bias", hasBias},
          {"strides", ints("strides")},
          {"dilations", ints("dilations")},
          {"padding", ints("padding")},
          {"groups", attr.getAs<IntegerAttr>("groups").getInt()},
          {"zero_output", zeroOutput},
          {"args", std::move(args)}};
      kernels.push_back(std::move(kernel));
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return makeError("@" + func.getSymName() +
                       ": unexpected form of the lowered GPU conv");
  }
  unsigned count = kernels.size();
  llvm::json::Object manifest{{"function", funcName},
                              {"chip", options.gpuChip},
                              {"kernels", std::move(kernels)}};
  SmallString<256> path(dir);
  llvm::sys::path::append(path, "kernels.json");
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(manifest)));
  if (llvm::Error err = writeFile(path, text + "\n"))
    return std::move(err);
  return count;
}
