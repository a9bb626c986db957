//===- KernelBuilder.cpp - Building blocks of the GPU conv kernels --------===//
//
// Part of mlir-conv. See KernelBuilder.h.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

using namespace mlir;
using namespace mlir::conv;

Value GpuKernelBuilder::load(Value mem, ValueRange indices, int64_t lanes) {
  Type t = cast<MemRefType>(mem.getType()).getElementType();
  if (lanes == 1)
    return memref::LoadOp::create(b, mem, indices);
  unsigned bytes = lanes * t.getIntOrFloatBitWidth() / 8;
  return vector::LoadOp::create(b, VectorType::get({lanes}, t), mem, indices,
                                /*nontemporal=*/false, llvm::MaybeAlign(bytes));
}

void GpuKernelBuilder::store(Value value, Value mem, ValueRange indices,
                             int64_t lanes) {
  if (lanes == 1) {
    memref::StoreOp::create(b, value, mem, indices);
    return;
  }
  Type t = cast<MemRefType>(mem.getType()).getElementType();
  unsigned bytes = lanes * t.getIntOrFloatBitWidth() / 8;
  vector::StoreOp::create(b, value, mem, indices, /*nontemporal=*/false,
                          llvm::MaybeAlign(bytes));
}

void GpuKernelBuilder::guarded(Value cond, llvm::function_ref<void()> body) {
  if (!cond) {
    body();
    return;
  }
  auto ifOp = scf::IfOp::create(b, cond, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  body();
}
