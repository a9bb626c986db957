//===- ConvToGPU.cpp - conv2d to a call of a GPU conv function ------------===//
//
// Part of mlir-conv. Replaces a conv.conv2d on tensors by a call of a private
// function on memrefs that a later pass gives its GPU body
// (GpuConvKernel.cpp). The split keeps GPU ops away from host-side buffer
// deallocation, which runs in between and rejects ops it cannot analyse.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToGPU/ConvToGPU.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::conv;

FailureOr<Value>
mlir::conv::outlineConv2DForGPU(RewriterBase &rewriter, Conv2DOp op,
                                const GpuConvOptions &options) {
  if (op.getInputLayout() != InputLayout::NHWC ||
      op.getFilterLayout() != FilterLayout::HWIO)
    return rewriter.notifyMatchFailure(op, "layouts are not NHWC/HWIO");
  std::string why;
  FailureOr<GpuConvPlan> plan = planGpuConv(op, options, &why);
  if (failed(plan))
    return rewriter.notifyMatchFailure(op, why);
  auto module = op->getParentOfType<ModuleOp>();
  if (!module)
    return rewriter.notifyMatchFailure(op, "not inside a module");

  auto memrefOf = [](Type type) {
    auto t = cast<RankedTensorType>(type);
    return MemRefType::get(t.getShape(), t.getElementType());
  };
  SmallVector<Value> operands = {op.getInput(), op.getFilter()};
  if (op.getBias())
    operands.push_back(op.getBias());
  SmallVector<Type> argTypes;
  for (Value v : operands)
    argTypes.push_back(memrefOf(v.getType()));
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  MemRefType outType = memrefOf(resultType);
  argTypes.push_back(outType);

  // The declaration, at the end of the module.
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(rewriter, op.getLoc(), "conv2d_gpu",
                                   rewriter.getFunctionType(argTypes, {}));
  func.setPrivate();
  SymbolTable(module).insert(func); // Renames it unique.
  const GpuConvPlan &p = *plan;
  SmallVector<NamedAttribute> attrs = {
      rewriter.getNamedAttr("strides",
                            rewriter.getDenseI64ArrayAttr(op.getStrides())),
      rewriter.getNamedAttr("dilations",
                            rewriter.getDenseI64ArrayAttr(op.getDilations())),
      rewriter.getNamedAttr("padding",
                            rewriter.getDenseI64ArrayAttr(op.getPadding())),
      rewriter.getNamedAttr("groups",
                            rewriter.getI64IntegerAttr(op.getGroups())),
      rewriter.getNamedAttr("plan", rewriter.getDenseI64ArrayAttr(
                                        {p.regM, p.regN, p.threadsM, p.threadsN,
                                         p.tileK, p.inputVector, p.filterVector,
                                         p.splitK, p.depthwise ? 1 : 0})),
      rewriter.getNamedAttr("tiling", rewriter.getStringAttr(p.str()))};
  func->setAttr(kGpuConvAttrName, rewriter.getDictionaryAttr(attrs));

  // The call.
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  SmallVector<Value> args;
  for (auto [v, t] : llvm::zip(operands, argTypes))
    args.push_back(bufferization::ToBufferOp::create(rewriter, loc, t, v,
                                                     /*read_only=*/true));
  Value out = memref::AllocOp::create(rewriter, loc, outType);
  args.push_back(out);
  func::CallOp::create(rewriter, loc, func, args);
  Value result = bufferization::ToTensorOp::create(
      rewriter, loc, resultType, out, /*restrict=*/true, /*writable=*/true);
  rewriter.replaceOp(op, result);
  return result;
}

FailureOr<Value>
mlir::conv::normalizeAndOutlineConv2DForGPU(RewriterBase &rewriter, Conv2DOp op,
                                            const GpuConvOptions &options) {
  std::string why;
  if (failed(planGpuConv(op, options, &why)))
    return rewriter.notifyMatchFailure(op, why);
  FailureOr<Conv2DOp> normalized = getNormalizedConv(rewriter, op);
  if (failed(normalized))
    return failure();
  return outlineConv2DForGPU(rewriter, *normalized, options);
}
