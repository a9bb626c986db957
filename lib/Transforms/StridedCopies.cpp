//===- StridedCopies.cpp - The conv-strided-copies-to-linalg pass ---------===//
//
// Part of mlir-conv. See the pass description in Transforms/Passes.td.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::conv {
#define GEN_PASS_DEF_CONVSTRIDEDCOPIESTOLINALGPASS
#include "mlir-conv/Transforms/Passes.h.inc"
} // namespace mlir::conv

using namespace mlir;

/// Whether finalize-memref-to-llvm lowers a copy of `type` to a memcpy.
static bool isContiguous(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && (memref.getLayout().isIdentity() ||
                    memref::isStaticShapeAndContiguousRowMajor(memref));
}

namespace {
struct ConvStridedCopiesToLinalgPass
    : conv::impl::ConvStridedCopiesToLinalgPassBase<
          ConvStridedCopiesToLinalgPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (!isContiguous(copy.getSource().getType()) ||
          !isContiguous(copy.getTarget().getType()))
        copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
  }
};
} // namespace
