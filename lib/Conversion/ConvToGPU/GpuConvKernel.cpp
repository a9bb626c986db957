//===- GpuConvKernel.cpp - The body of a GPU conv function ----------------===//
//
// Part of mlir-conv. Gives the function `outlineConv2DForGPU` declared its
// body: on one stream of async tokens, device buffers for input, filter,
// bias and output, copies in (and the output zeroed for split-K), one
// gpu.launch of the kernel the plan names (ImplicitGemmKernel.cpp or
// DepthwiseKernel.cpp), the copy of the result into the output argument,
// and the frees.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using namespace mlir::conv;

/// Emits the host side of a GPU conv function into the empty body of `func`,
/// whose arguments are the host buffers (input, filter[, bias], output).
static void emitHostSide(GpuKernelBuilder &k, func::FuncOp func) {
  ImplicitLocOpBuilder &b = k.b;
  const GpuConvPlan &p = k.p;
  auto cst = [&](int64_t v) { return k.cst(v); };
  MLIRContext *ctx = b.getContext();
  Type token = gpu::AsyncTokenType::get(ctx);
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);
  ValueRange args = entry->getArguments();
  Value hostOutput = args.back();

  // One stream: every step waits for the previous one.
  Value last = gpu::WaitOp::create(b, token, ValueRange{}).getAsyncToken();
  SmallVector<Value> deviceBuffers;
  auto deviceBuffer = [&](Value host, bool copyIn) -> Value {
    auto alloc = gpu::AllocOp::create(
        b, host.getType(), token, ValueRange{last}, ValueRange{}, ValueRange{});
    last = alloc.getAsyncToken();
    if (copyIn)
      last = gpu::MemcpyOp::create(b, token, ValueRange{last},
                                   alloc.getMemref(), host)
                 .getAsyncToken();
    deviceBuffers.push_back(alloc.getMemref());
    return alloc.getMemref();
  };
  Value input = deviceBuffer(args[0], true);
  Value filter = deviceBuffer(args[1], true);
  Value bias = k.g.hasBias ? deviceBuffer(args[2], true) : Value();
  Value output = deviceBuffer(hostOutput, false);
  if (p.splitK > 1) // Split-K blocks add into a zeroed output.
    last = gpu::MemsetOp::create(b, token, ValueRange{last}, output,
                                 k.zero(k.elementType))
               .getAsyncToken();
  // The kernel addresses the output as [pixel, channel].
  Value output2d = memref::CollapseShapeOp::create(
      b, output, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});

  auto workgroup =
      gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  auto tileType = [&](int64_t cols) {
    return MemRefType::get({p.tileK, cols}, k.accType,
                           MemRefLayoutAttrInterface{}, workgroup);
  };
  SmallVector<Type, 2> tiles;
  if (!p.depthwise)
    tiles = {tileType(p.tileM()), tileType(p.tileN())};
  auto launch = gpu::LaunchOp::create(
      b, cst(p.gridM), cst(p.gridN), cst(p.gridG), cst(p.threads()), cst(1),
      cst(1), /*dynamicSharedMemorySize=*/nullptr, token, ValueRange{last},
      tiles);
  if (p.depthwise)
    emitDepthwiseKernel(k, launch, input, filter, bias, output2d);
  else
    emitImplicitGemmKernel(k, launch, input, filter, bias, output2d);
  last = launch.getAsyncToken();

  last = gpu::MemcpyOp::create(b, token, ValueRange{last}, hostOutput, output)
             .getAsyncToken();
  for (Value buffer : deviceBuffers)
    last = gpu::DeallocOp::create(b, token, ValueRange{last}, buffer)
               .getAsyncToken();
  gpu::WaitOp::create(b, Type(), ValueRange{last});
  func::ReturnOp::create(b);
}

/// The conv and plan of a declaration made by `outlineConv2DForGPU`.
static LogicalResult readGpuConv(func::FuncOp func, ConvGeometry &g,
                                 GpuConvPlan &p, Type &elementType) {
  auto attr = func->getAttrOfType<DictionaryAttr>(kGpuConvAttrName);
  FunctionType type = func.getFunctionType();
  if (!attr || type.getNumResults() != 0 ||
      (type.getNumInputs() != 3 && type.getNumInputs() != 4))
    return failure();
  auto ints = [&](StringRef name) -> ArrayRef<int64_t> {
    if (auto a = attr.getAs<DenseI64ArrayAttr>(name))
      return a.asArrayRef();
    return {};
  };
  ArrayRef<int64_t> strides = ints("strides"), dilations = ints("dilations"),
                    padding = ints("padding"), plan = ints("plan");
  auto groups = attr.getAs<IntegerAttr>("groups");
  auto input = dyn_cast<MemRefType>(type.getInput(0));
  auto filter = dyn_cast<MemRefType>(type.getInput(1));
  if (strides.size() != 2 || dilations.size() != 2 || padding.size() != 4 ||
      plan.size() != 9 || !groups || !input || !filter ||
      input.getRank() != 4 || filter.getRank() != 4)
    return failure();
  g = ConvGeometry::fromShapes(input.getShape(), filter.getShape(), strides,
                               dilations, padding, groups.getInt(),
                               type.getNumInputs() == 4, InputLayout::NHWC,
                               FilterLayout::HWIO);
  p.regM = plan[0];
  p.regN = plan[1];
  p.threadsM = plan[2];
  p.threadsN = plan[3];
  p.tileK = plan[4];
  p.inputVector = plan[5];
  p.filterVector = plan[6];
  p.splitK = plan[7];
  p.depthwise = plan[8] != 0;
  elementType = input.getElementType();
  const int64_t pixels = g.batch * g.outH() * g.outW();
  if (p.depthwise) {
    p.gridM = llvm::divideCeil(pixels * (g.outChannels / p.regN), p.threads());
    return success();
  }
  p.gridM = llvm::divideCeil(pixels, p.tileM());
  p.gridN = llvm::divideCeil(g.outChannelsPerGroup(), p.tileN());
  p.gridG = g.groups * p.splitK;
  return success();
}

LogicalResult mlir::conv::buildGpuConvKernelBody(RewriterBase &rewriter,
                                                 func::FuncOp func) {
  ConvGeometry g;
  GpuConvPlan plan;
  Type elementType;
  if (!func.isDeclaration() || failed(readGpuConv(func, g, plan, elementType)))
    return failure();
  OpBuilder::InsertionGuard guard(rewriter);
  ImplicitLocOpBuilder b(func.getLoc(), rewriter);
  GpuKernelBuilder builder(b, g, plan, elementType);
  emitHostSide(builder, func);
  return success();
}
