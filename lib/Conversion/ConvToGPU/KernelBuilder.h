//===- KernelBuilder.h - Building blocks of the GPU conv kernels -*- C++
//-*-===//
//
// Part of mlir-conv. Private to lib/Conversion/ConvToGPU: the index and
// vector helpers the kernels are written with, the conv's numbers, and the
// two kernels (ImplicitGemmKernel.cpp, DepthwiseKernel.cpp) that the body of
// a GPU conv function (GpuConvKernel.cpp) launches.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_LIB_CONVERSION_CONVTOGPU_KERNELBUILDER_H
#define MLIR_CONV_LIB_CONVERSION_CONVTOGPU_KERNELBUILDER_H

#include "mlir-conv/Conversion/ConvToGPU/ConvToGPU.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::conv {

/// Emits IR for one conv (NHWC/HWIO, static shapes) with plan `p`.
class GpuKernelBuilder {
public:
  GpuKernelBuilder(ImplicitLocOpBuilder &b, const ConvGeometry &g,
                   const GpuConvPlan &plan, Type elementType)
      : b(b), g(g), p(plan), elementType(elementType) {
    accType = getAccumulatorType(elementType);
    oh = g.outH();
    ow = g.outW();
    pixels = g.batch * oh * ow;
    cg = g.inChannelsPerGroup();
    ocg = g.outChannelsPerGroup();
  }

  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value add(Value x, int64_t c) { return c == 0 ? x : add(x, cst(c)); }
  Value mul(Value x, int64_t c) {
    return c == 1 ? x : arith::MulIOp::create(b, x, cst(c)).getResult();
  }
  Value div(Value x, int64_t c) {
    return c == 1 ? x : arith::DivUIOp::create(b, x, cst(c)).getResult();
  }
  Value rem(Value x, int64_t c) { return arith::RemUIOp::create(b, x, cst(c)); }
  Value lt(Value x, int64_t c) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::slt, x, cst(c));
  }
  Value ge0(Value x) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::sge, x, cst(0));
  }
  Value both(Value x, Value y) {
    if (!x)
      return y;
    if (!y)
      return x;
    return arith::AndIOp::create(b, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return c ? arith::SelectOp::create(b, c, x, y).getResult() : x;
  }
  /// A vector type of `lanes` elements (`t` itself for one lane).
  Type vec(int64_t lanes, Type t) {
    return lanes == 1 ? t : VectorType::get({lanes}, t);
  }
  /// Loads `lanes` elements at `indices` of `mem`, aligned to their size.
  Value load(Value mem, ValueRange indices, int64_t lanes);
  void store(Value value, Value mem, ValueRange indices, int64_t lanes);
  Value widen(Value v) {
    Type t = v.getType();
    Type wide = isa<VectorType>(t)
                    ? VectorType::get(cast<VectorType>(t).getShape(), accType)
                    : accType;
    return t == wide ? v : arith::ExtFOp::create(b, wide, v).getResult();
  }
  Value zero(Type t) {
    return arith::ConstantOp::create(b, t, b.getZeroAttr(t));
  }
  /// Runs `body` under `cond` (directly when `cond` is null).
  void guarded(Value cond, llvm::function_ref<void()> body);

  ImplicitLocOpBuilder &b;
  ConvGeometry g;
  GpuConvPlan p;
  Type elementType, accType;
  int64_t oh, ow, pixels, cg, ocg;
};

/// Fills the body of `launch` (threads x 1 x 1, two workgroup tiles) with
/// the implicit-GEMM kernel; `output` is the [pixel, channel] view.
void emitImplicitGemmKernel(GpuKernelBuilder &builder, gpu::LaunchOp launch,
                            Value input, Value filter, Value bias,
                            Value output);

/// Fills the body of `launch` (no workgroup memory) with the direct
/// depthwise kernel (plan.depthwise).
void emitDepthwiseKernel(GpuKernelBuilder &builder, gpu::LaunchOp launch,
                         Value input, Value filter, Value bias, Value output);

} // namespace mlir::conv

#endif // MLIR_CONV_LIB_CONVERSION_CONVTOGPU_KERNELBUILDER_H
