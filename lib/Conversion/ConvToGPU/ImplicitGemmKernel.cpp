//===- ImplicitGemmKernel.cpp - The implicit-GEMM GPU conv kernel ---------===//
//
// Part of mlir-conv. The kernel of a GPU conv function, for every conv but
// depthwise ones:
//
//   block (pixel tile, channel tile, group x split):
//     regs = global loads of step 0 of this block's share
//     for step (tap kh, kw; channels c0 .. c0 + tileK):
//       A[tileK][tileM], B[tileK][tileN] = regs  (input patch, zero outside
//       barrier                                   the input; filter slice)
//       regs = global loads of step + 1          (in flight during the FMAs)
//       acc += A[k][my pixels] * B[k][my channels]   for k < tileK
//       barrier
//     out[my pixels][my channels] = acc + bias    (atomic adds with split-K)
//
// A and B live in workgroup memory; a thread's accumulators are vectors of
// regN channels kept in registers. Taps outside the input read a clamped
// address and select zero, so no padded copy of the input is made.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

using namespace mlir;
using namespace mlir::conv;

namespace {

/// One thread's share of loading a staged tile: the position it writes
/// in the tile and, for the input, the pixel it reads for.
struct InputSlot {
  Value valid;       // i1: the slot is inside the tile (null: always)
  Value pixelOk;     // i1: the pixel is inside the output
  Value row, col;    // position in A: channel (of the vector) and pixel
  Value n, ih0, iw0; // input coordinates of the tap (0, 0) of the pixel
};
struct FilterSlot {
  Value valid;    // i1 or null
  Value row, col; // position in B: channel and output channel
};

/// The implicit-GEMM kernel of one conv.
class ImplicitGemmEmitter : public GpuKernelBuilder {
public:
  explicit ImplicitGemmEmitter(const GpuKernelBuilder &builder)
      : GpuKernelBuilder(builder) {}
  void emit(gpu::LaunchOp launch, Value input, Value filter, Value bias,
            Value output);

private:
  SmallVector<InputSlot> makeInputSlots(Value tid, Value blockM);
  SmallVector<FilterSlot> makeFilterSlots(Value tid);
  /// The values each slot stages for the step at tap (kh, kw), channels
  /// c0.. (widened, zero where masked), and their stores to shared memory.
  SmallVector<Value> loadInput(ArrayRef<InputSlot> slots, Value input, Value kh,
                               Value kw, Value c0, Value group);
  void storeInput(ArrayRef<InputSlot> slots, ValueRange values, Value tileA);
  SmallVector<Value> loadFilter(ArrayRef<FilterSlot> slots, Value filter,
                                Value kh, Value kw, Value c0, Value channel0,
                                Value group);
  void storeFilter(ArrayRef<FilterSlot> slots, ValueRange values, Value tileB);
  void storeOutputs(ValueRange acc, Value output, Value bias, Value blockM,
                    Value channel0, Value group, Value split, Value tx,
                    Value ty);
};

} // namespace

SmallVector<InputSlot> ImplicitGemmEmitter::makeInputSlots(Value tid,
                                                           Value blockM) {
  // The A tile is tileM pixels x (tileK / inputVector) channel vectors; slot
  // s of thread t loads vector t + s * threads.
  const int64_t perPixel = p.tileK / p.inputVector;
  const int64_t total = p.tileM() * perPixel;
  SmallVector<InputSlot> slots;
  for (int64_t s = 0; s * p.threads() < total; ++s) {
    InputSlot slot;
    Value idx = add(tid, s * p.threads());
    if ((s + 1) * p.threads() > total)
      slot.valid = lt(idx, total);
    Value local = div(idx, perPixel);
    slot.row = mul(rem(idx, perPixel), p.inputVector);
    slot.col = local;
    Value m = add(blockM, local);
    slot.pixelOk = both(slot.valid, lt(m, pixels));
    // Out-of-range pixels compute with pixel 0 and are masked.
    m = select(slot.pixelOk, m, cst(0));
    slot.n = div(m, oh * ow);
    Value r = rem(m, oh * ow);
    slot.ih0 = add(mul(div(r, ow), g.strideH), -g.padTop);
    slot.iw0 = add(mul(rem(r, ow), g.strideW), -g.padLeft);
    slots.push_back(slot);
  }
  return slots;
}

SmallVector<FilterSlot> ImplicitGemmEmitter::makeFilterSlots(Value tid) {
  const int64_t perRow = p.tileN() / p.filterVector;
  const int64_t total = p.tileK * perRow;
  SmallVector<FilterSlot> slots;
  for (int64_t s = 0; s * p.threads() < total; ++s) {
    FilterSlot slot;
    Value idx = add(tid, s * p.threads());
    if ((s + 1) * p.threads() > total)
      slot.valid = lt(idx, total);
    slot.row = div(idx, perRow);
    slot.col = mul(rem(idx, perRow), p.filterVector);
    slots.push_back(slot);
  }
  return slots;
}

SmallVector<Value> ImplicitGemmEmitter::loadInput(ArrayRef<InputSlot> slots,
                                                  Value input, Value kh,
                                                  Value kw, Value c0,
                                                  Value group) {
  const int64_t lanes = p.inputVector;
  Type wide = vec(lanes, accType);
  SmallVector<Value> values;
  for (const InputSlot &slot : slots) {
    Value ih = add(slot.ih0, mul(kh, g.dilationH));
    Value iw = add(slot.iw0, mul(kw, g.dilationW));
    Value c = add(c0, slot.row);
    Value ok = both(slot.pixelOk, both(ge0(ih), lt(ih, g.inH)));
    ok = both(ok, both(ge0(iw), lt(iw, g.inW)));
    if (cg % p.tileK != 0)
      ok = both(ok, lt(c, cg));
    // Padding taps and masked slots read element 0 of the pixel's image.
    Value zeroIdx = cst(0);
    Value v =
        widen(load(input,
                   {slot.n, select(ok, ih, zeroIdx), select(ok, iw, zeroIdx),
                    add(mul(group, cg), select(ok, c, zeroIdx))},
                   lanes));
    values.push_back(arith::SelectOp::create(b, ok, v, zero(wide)));
  }
  return values;
}

void ImplicitGemmEmitter::storeInput(ArrayRef<InputSlot> slots,
                                     ValueRange values, Value tileA) {
  const int64_t lanes = p.inputVector;
  for (size_t i = 0; i < slots.size(); ++i) {
    const InputSlot &slot = slots[i];
    Value v = values[i];
    guarded(slot.valid, [&] {
      for (int64_t j = 0; j < lanes; ++j) {
        Value e = lanes == 1 ? v : vector::ExtractOp::create(b, v, j);
        memref::StoreOp::create(b, e, tileA,
                                ValueRange{add(slot.row, j), slot.col});
      }
    });
  }
}

SmallVector<Value> ImplicitGemmEmitter::loadFilter(ArrayRef<FilterSlot> slots,
                                                   Value filter, Value kh,
                                                   Value kw, Value c0,
                                                   Value channel0,
                                                   Value group) {
  const int64_t lanes = p.filterVector;
  Type wide = vec(lanes, accType);
  SmallVector<Value> values;
  for (const FilterSlot &slot : slots) {
    Value c = add(c0, slot.row);
    Value oc = add(channel0, slot.col);
    Value ok = slot.valid;
    if (cg % p.tileK != 0)
      ok = both(ok, lt(c, cg));
    if (ocg % p.tileN() != 0)
      ok = both(ok, lt(oc, ocg));
    Value zeroIdx = cst(0);
    Value v = widen(load(filter,
                         {kh, kw, select(ok, c, zeroIdx),
                          add(mul(group, ocg), select(ok, oc, zeroIdx))},
                         lanes));
    if (ok)
      v = arith::SelectOp::create(b, ok, v, zero(wide));
    values.push_back(v);
  }
  return values;
}

void ImplicitGemmEmitter::storeFilter(ArrayRef<FilterSlot> slots,
                                      ValueRange values, Value tileB) {
  for (size_t i = 0; i < slots.size(); ++i) {
    const FilterSlot &slot = slots[i];
    Value v = values[i];
    guarded(slot.valid, [&] {
      store(v, tileB, ValueRange{slot.row, slot.col}, p.filterVector);
    });
  }
}

void ImplicitGemmEmitter::storeOutputs(ValueRange acc, Value output, Value bias,
                                       Value blockM, Value channel0,
                                       Value group, Value split, Value tx,
                                       Value ty) {
  const int64_t lanes = p.regN;
  const bool atomic = p.splitK > 1;
  Value oc0 = add(channel0, mul(tx, lanes));
  // With split-K, the first split adds the bias.
  Value addBias =
      atomic && bias
          ? arith::CmpIOp::create(b, arith::CmpIPredicate::eq, split, cst(0))
          : Value();
  auto finish = [&](Value v, Value at, int64_t n) {
    if (bias) {
      Value bv = widen(load(bias, {at}, n));
      if (addBias)
        bv = arith::SelectOp::create(b, addBias, bv, zero(bv.getType()));
      v = arith::AddFOp::create(b, v, bv);
    }
    if (accType != elementType)
      v = arith::TruncFOp::create(b, vec(n, elementType), v);
    return v;
  };
  for (int64_t i = 0; i < p.regM; ++i) {
    Value m = add(add(blockM, mul(ty, p.regM)), i);
    guarded(lt(m, pixels), [&] {
      if (ocg % lanes == 0 && !atomic) {
        // Whole vectors: a vector is in or out.
        guarded(ocg % p.tileN() == 0 ? Value() : lt(oc0, ocg), [&] {
          Value at = add(mul(group, ocg), oc0);
          store(finish(acc[i], at, lanes), output, {m, at}, lanes);
        });
        return;
      }
      for (int64_t j = 0; j < lanes; ++j) {
        Value oc = add(oc0, j);
        guarded(lt(oc, ocg), [&] {
          Value v = lanes == 1
                        ? acc[i]
                        : vector::ExtractOp::create(b, acc[i], j).getResult();
          Value at = add(mul(group, ocg), oc);
          v = finish(v, at, 1);
          if (atomic)
            memref::AtomicRMWOp::create(b, arith::AtomicRMWKind::addf, v,
                                        output, ValueRange{m, at});
          else
            memref::StoreOp::create(b, v, output, ValueRange{m, at});
        });
      }
    });
  }
}

void ImplicitGemmEmitter::emit(gpu::LaunchOp launch, Value input, Value filter,
                               Value bias, Value output) {
  OpBuilder::InsertionGuard guard(b);
  Block &body = launch.getBody().front();
  b.setInsertionPointToStart(&body);
  Value tileA = launch.getWorkgroupAttributions()[0];
  Value tileB = launch.getWorkgroupAttributions()[1];
  gpu::KernelDim3 blockIds = launch.getBlockIds();
  Value tid = launch.getThreadIds().x;
  Value blockM = mul(blockIds.x, p.tileM());
  Value channel0 = mul(blockIds.y, p.tileN());
  Value group = div(blockIds.z, p.splitK);
  Value split = p.splitK > 1 ? rem(blockIds.z, p.splitK) : cst(0);
  Value tx = rem(tid, p.threadsN), ty = div(tid, p.threadsN);

  SmallVector<InputSlot> inputSlots = makeInputSlots(tid, blockM);
  SmallVector<FilterSlot> filterSlots = makeFilterSlots(tid);

  // The reduction as one loop over steps (tap, channel block), this block's
  // share of them under split-K.
  const int64_t cBlocks = llvm::divideCeil(cg, p.tileK);
  const int64_t perSplit = g.kernelH * g.kernelW * cBlocks / p.splitK;
  Value first = mul(split, perSplit);
  auto loadStep = [&](Value step) {
    Value tap = div(step, cBlocks);
    Value c0 = mul(rem(step, cBlocks), p.tileK);
    Value kh = div(tap, g.kernelW), kw = rem(tap, g.kernelW);
    SmallVector<Value> values = loadInput(inputSlots, input, kh, kw, c0, group);
    llvm::append_range(
        values, loadFilter(filterSlots, filter, kh, kw, c0, channel0, group));
    return values;
  };
  const size_t numInput = inputSlots.size();

  // Software pipelining: the global loads of step s + 1 are issued before
  // the FMAs of step s, from registers carried by the loop.
  Type accVec = vec(p.regN, accType);
  SmallVector<Value> init(p.regM, zero(accVec));
  SmallVector<Value> staged = loadStep(first);
  llvm::append_range(init, staged);
  auto loop = scf::ForOp::create(b, first, add(first, perSplit), cst(1), init);
  {
    OpBuilder::InsertionGuard loopGuard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value step = loop.getInductionVar();
    ValueRange carried = loop.getRegionIterArgs();
    SmallVector<Value> acc(carried.take_front(p.regM));
    ValueRange current = carried.drop_front(p.regM);
    storeInput(inputSlots, current.take_front(numInput), tileA);
    storeFilter(filterSlots, current.drop_front(numInput), tileB);
    gpu::BarrierOp::create(b);
    // The last step reloads itself: in bounds, and unused.
    Value next =
        arith::MinUIOp::create(b, add(step, 1), add(first, perSplit - 1));
    SmallVector<Value> prefetched = loadStep(next);
    Value pixel0 = mul(ty, p.regM), lane0 = mul(tx, p.regN);
    for (int64_t k = 0; k < p.tileK; ++k) {
      Value row = cst(k);
      Value a = load(tileA, {row, pixel0}, p.regM);
      Value f = load(tileB, {row, lane0}, p.regN);
      for (int64_t i = 0; i < p.regM; ++i) {
        Value ai = p.regM == 1 ? a : vector::ExtractOp::create(b, a, i);
        if (p.regN == 1) {
          acc[i] = math::FmaOp::create(b, ai, f, acc[i]);
          continue;
        }
        Value splat = vector::BroadcastOp::create(b, accVec, ai);
        acc[i] = vector::FMAOp::create(b, splat, f, acc[i]);
      }
    }
    gpu::BarrierOp::create(b);
    llvm::append_range(acc, prefetched);
    scf::YieldOp::create(b, acc);
  }
  storeOutputs(loop.getResults().take_front(p.regM), output, bias, blockM,
               channel0, group, split, tx, ty);
  gpu::TerminatorOp::create(b);
}

void mlir::conv::emitImplicitGemmKernel(GpuKernelBuilder &builder,
                                        gpu::LaunchOp launch, Value input,
                                        Value filter, Value bias,
                                        Value output) {
  ImplicitGemmEmitter(builder).emit(launch, input, filter, bias, output);
}
