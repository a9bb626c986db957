//===- ConvModule.cpp - A function of one conv.conv2d ---------------------===//
//
// Part of mlir-conv. See ConvModule.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

Type mlir::conv::runtime::getElementType(MLIRContext &context, DType dtype) {
  Builder b(&context);
  switch (dtype) {
  case DType::F16:
    return b.getF16Type();
  case DType::BF16:
    return b.getBF16Type();
  case DType::F32:
    return b.getF32Type();
  case DType::F64:
    return b.getF64Type();
  }
  llvm_unreachable("unknown dtype");
}

OwningOpRef<ModuleOp>
mlir::conv::runtime::buildConvModule(MLIRContext &context,
                                     const ConvGeometry &g, DType dtype,
                                     StringRef funcName) {
  context.loadDialect<ConvDialect, func::FuncDialect>();
  Type elementType = getElementType(context, dtype);
  OpBuilder b(&context);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());

  SmallVector<Type> argTypes = {
      RankedTensorType::get(g.inputShape(), elementType),
      RankedTensorType::get(g.filterShape(), elementType)};
  if (g.hasBias)
    argTypes.push_back(RankedTensorType::get({g.outChannels}, elementType));
  auto resultType = RankedTensorType::get(g.outputShape(), elementType);
  auto func = func::FuncOp::create(b, loc, funcName,
                                   b.getFunctionType(argTypes, {resultType}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToEnd(body);
  Value bias = g.hasBias ? body->getArgument(2) : Value();
  Conv2DAttrs attrs;
  attrs.strides = {g.strideH, g.strideW};
  attrs.dilations = {g.dilationH, g.dilationW};
  attrs.padding = {g.padTop, g.padBottom, g.padLeft, g.padRight};
  attrs.groups = g.groups;
  attrs.inputLayout = g.inputLayout;
  attrs.filterLayout = g.filterLayout;
  // This builder reports an invalid geometry as a diagnostic and leaves the
  // op without a result (the inferring builder would be a fatal error).
  auto conv = Conv2DOp::create(b, loc, body->getArgument(0),
                               body->getArgument(1), bias, attrs);
  if (conv->getNumResults() != 1)
    return nullptr;
  func::ReturnOp::create(b, loc, conv->getResult(0));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

LogicalResult mlir::conv::runtime::freezeArgument(func::FuncOp func,
                                                  unsigned index,
                                                  const Tensor &value) {
  if (index >= func.getNumArguments())
    return failure();
  BlockArgument arg = func.getArgument(index);
  auto type = RankedTensorType::get(
      value.shape(), getElementType(*func.getContext(), value.dtype()));
  if (arg.getType() != type)
    return failure();
  func.getContext()->getOrLoadDialect<arith::ArithDialect>();
  OpBuilder b = OpBuilder::atBlockBegin(&func.getBody().front());
  auto attr = DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(static_cast<const char *>(value.data()),
                           value.sizeInBytes()));
  Value constant = arith::ConstantOp::create(b, arg.getLoc(), attr);
  arg.replaceAllUsesWith(constant);
  return func.eraseArgument(index);
}
