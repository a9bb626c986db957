//===- DepthwiseKernel.cpp - The direct depthwise GPU conv kernel ---------===//
//
// Part of mlir-conv. The kernel of a GPU conv function for depthwise convs
// (one input channel per group): each thread computes 4 (or 1) output
// channels of one pixel straight from global memory, looping over the taps;
// neighbouring threads take neighbouring channels, so every load is
// coalesced (16 bytes per thread when the channels are contiguous groups).
// No shared memory, no barrier.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

using namespace mlir;
using namespace mlir::conv;

namespace {
/// The direct depthwise kernel of one conv.
class DepthwiseEmitter : public GpuKernelBuilder {
public:
  explicit DepthwiseEmitter(const GpuKernelBuilder &builder)
      : GpuKernelBuilder(builder) {}
  void emit(gpu::LaunchOp launch, Value input, Value filter, Value bias,
            Value output);
};
} // namespace

void DepthwiseEmitter::emit(gpu::LaunchOp launch, Value input, Value filter,
                            Value bias, Value output) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&launch.getBody().front());
  const int64_t lanes = p.regN;
  const int64_t perPixel = g.outChannels / lanes;
  Value idx =
      add(mul(launch.getBlockIds().x, p.threads()), launch.getThreadIds().x);
  guarded(lt(idx, pixels * perPixel), [&] {
    // Threads along the channels of a pixel: neighbouring threads read
    // neighbouring channels.
    Value m = div(idx, perPixel);
    Value oc0 = mul(rem(idx, perPixel), lanes);
    Value n = div(m, oh * ow), r = rem(m, oh * ow);
    Value ih0 = add(mul(div(r, ow), g.strideH), -g.padTop);
    Value iw0 = add(mul(rem(r, ow), g.strideW), -g.padLeft);
    // The input channel of output channel oc is its group, oc / (OC/groups).
    Value c0 = div(oc0, ocg);
    Type accVec = vec(lanes, accType);
    auto rows = scf::ForOp::create(b, cst(0), cst(g.kernelH), cst(1),
                                   ValueRange{zero(accVec)});
    {
      OpBuilder::InsertionGuard rowGuard(b);
      b.setInsertionPointToStart(rows.getBody());
      Value kh = rows.getInductionVar();
      Value ih = add(ih0, mul(kh, g.dilationH));
      Value rowOk = both(ge0(ih), lt(ih, g.inH));
      Value acc = rows.getRegionIterArgs()[0];
      for (int64_t kw = 0; kw < g.kernelW; ++kw) {
        Value iw = add(iw0, kw * g.dilationW);
        Value ok = both(rowOk, both(ge0(iw), lt(iw, g.inW)));
        Value zeroIdx = cst(0);
        Value x = widen(load(
            input, {n, select(ok, ih, zeroIdx), select(ok, iw, zeroIdx), c0},
            lanes));
        x = arith::SelectOp::create(b, ok, x, zero(accVec));
        Value f = widen(load(filter, {kh, cst(kw), cst(0), oc0}, lanes));
        acc = lanes == 1 ? math::FmaOp::create(b, x, f, acc).getResult()
                         : vector::FMAOp::create(b, x, f, acc).getResult();
      }
      scf::YieldOp::create(b, acc);
    }
    Value v = rows.getResult(0);
    if (bias)
      v = arith::AddFOp::create(b, v, widen(load(bias, {oc0}, lanes)));
    if (accType != elementType)
      v = arith::TruncFOp::create(b, vec(lanes, elementType), v);
    store(v, output, {m, oc0}, lanes);
  });
  gpu::TerminatorOp::create(b);
}

void mlir::conv::emitDepthwiseKernel(GpuKernelBuilder &builder,
                                     gpu::LaunchOp launch, Value input,
                                     Value filter, Value bias, Value output) {
  DepthwiseEmitter(builder).emit(launch, input, filter, bias, output);
}
