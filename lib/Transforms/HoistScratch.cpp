//===- HoistScratch.cpp - The conv-hoist-scratch pass ---------------------===//
//
// Part of mlir-conv. Turns the static scratch buffers a public function
// allocates and frees into trailing arguments, recorded in the module's
// `conv.scratch` attribute, so a runtime can keep them across calls.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVHOISTSCRATCHPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

/// The scratch allocations of `func`: static identity-layout allocs in the
/// entry block (aligned to at most 64 bytes, which a runtime's buffers are),
/// deallocated in that block, not returned.
static SmallVector<memref::AllocOp> findScratch(func::FuncOp func) {
  SmallVector<memref::AllocOp> allocs;
  Block &entry = func.getBody().front();
  for (auto alloc : entry.getOps<memref::AllocOp>()) {
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
        !alloc.getDynamicSizes().empty() || alloc.getAlignment() > 64)
      continue;
    int deallocs = 0;
    bool escapes = false;
    for (Operation *user : alloc->getUsers()) {
      if (isa<memref::DeallocOp>(user))
        deallocs += user->getBlock() == &entry ? 1 : 2;
      else if (isa<func::ReturnOp>(user))
        escapes = true;
    }
    if (deallocs == 1 && !escapes)
      allocs.push_back(alloc);
  }
  return allocs;
}

namespace {
struct ConvHoistScratchPass
    : conv::impl::ConvHoistScratchPassBase<ConvHoistScratchPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<NamedAttribute> scratch;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isPrivate() || func.isExternal())
        continue;
      SmallVector<memref::AllocOp> allocs = findScratch(func);
      if (allocs.empty())
        continue;
      SmallVector<Attribute> types;
      for (memref::AllocOp alloc : allocs) {
        unsigned index = func.getNumArguments();
        if (failed(func.insertArgument(index, alloc.getType(), DictionaryAttr(),
                                       alloc.getLoc())))
          return signalPassFailure();
        for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
          if (isa<memref::DeallocOp>(user))
            user->erase();
        alloc.replaceAllUsesWith(func.getArgument(index));
        alloc.erase();
        types.push_back(TypeAttr::get(func.getArgument(index).getType()));
      }
      scratch.emplace_back(func.getSymNameAttr(),
                           ArrayAttr::get(&getContext(), types));
    }
    if (!scratch.empty())
      module->setAttr("conv.scratch",
                      DictionaryAttr::get(&getContext(), scratch));
  }
};
} // namespace
