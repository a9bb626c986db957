//===- GpuConvKernel.cpp - The body of a GPU conv function ----------------===//
//
// Part of mlir-conv. Emits, for one NHWC/HWIO conv with static shapes, the
// body of the function `outlineConv2DForGPU` declared:
//
//   host:   device buffers for input, filter, bias and output; copies in
//   gpu.launch blocks(pixel tile, channel tile, group) threads(T):
//     acc[regM][regN] = 0
//     regs = global loads of step 0 of this block's share
//     for step (tap kh, kw; channels c0 .. c0 + tileK):
//       A[tileK][tileM], B[tileK][tileN] = regs  (input patch, zero outside
//       barrier                                   the input; filter slice)
//       regs = global loads of step + 1          (in flight during the FMAs)
//       acc += A[k][my pixels] * B[k][my channels]   for k < tileK
//       barrier
//     out[my pixels][my channels] = acc + bias    (atomic adds with split-K)
//   host:   copy the output back into the output argument, free
//
// A and B live in workgroup memory; a thread's accumulators are vectors of
// regN channels kept in registers. Taps outside the input read a clamped
// address and select zero, so no padded copy of the input is made.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToGPU/ConvToGPU.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

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

/// Emits the kernel and its host side for one conv.
class GpuConvEmitter {
public:
  GpuConvEmitter(ImplicitLocOpBuilder &b, const ConvGeometry &g,
                 const GpuConvPlan &plan, Type elementType)
      : b(b), g(g), p(plan), elementType(elementType) {
    accType = getAccumulatorType(elementType);
    oh = g.outH();
    ow = g.outW();
    pixels = g.batch * oh * ow;
    cg = g.inChannelsPerGroup();
    ocg = g.outChannelsPerGroup();
  }

  /// Emits the host side and the kernel into the empty body of `func`, whose
  /// arguments are the host buffers (input, filter[, bias], output).
  void emit(func::FuncOp func);

private:
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

  void emitKernel(gpu::LaunchOp launch, Value input, Value filter, Value bias,
                  Value output);
  /// The direct depthwise kernel (plan.depthwise).
  void emitDepthwiseKernel(gpu::LaunchOp launch, Value input, Value filter,
                           Value bias, Value output);
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

  ImplicitLocOpBuilder &b;
  ConvGeometry g;
  GpuConvPlan p;
  Type elementType, accType;
  int64_t oh, ow, pixels, cg, ocg;
};

} // namespace

Value GpuConvEmitter::load(Value mem, ValueRange indices, int64_t lanes) {
  Type t = cast<MemRefType>(mem.getType()).getElementType();
  if (lanes == 1)
    return memref::LoadOp::create(b, mem, indices);
  unsigned bytes = lanes * t.getIntOrFloatBitWidth() / 8;
  return vector::LoadOp::create(b, VectorType::get({lanes}, t), mem, indices,
                                /*nontemporal=*/false, llvm::MaybeAlign(bytes));
}

void GpuConvEmitter::store(Value value, Value mem, ValueRange indices,
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

void GpuConvEmitter::guarded(Value cond, llvm::function_ref<void()> body) {
  if (!cond) {
    body();
    return;
  }
  auto ifOp = scf::IfOp::create(b, cond, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  body();
}

SmallVector<InputSlot> GpuConvEmitter::makeInputSlots(Value tid, Value blockM) {
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

SmallVector<FilterSlot> GpuConvEmitter::makeFilterSlots(Value tid) {
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

SmallVector<Value> GpuConvEmitter::loadInput(ArrayRef<InputSlot> slots,
                                             Value input, Value kh, Value kw,
                                             Value c0, Value group) {
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

void GpuConvEmitter::storeInput(ArrayRef<InputSlot> slots, ValueRange values,
                                Value tileA) {
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

SmallVector<Value> GpuConvEmitter::loadFilter(ArrayRef<FilterSlot> slots,
                                              Value filter, Value kh, Value kw,
                                              Value c0, Value channel0,
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

void GpuConvEmitter::storeFilter(ArrayRef<FilterSlot> slots, ValueRange values,
                                 Value tileB) {
  for (size_t i = 0; i < slots.size(); ++i) {
    const FilterSlot &slot = slots[i];
    Value v = values[i];
    guarded(slot.valid, [&] {
      store(v, tileB, ValueRange{slot.row, slot.col}, p.filterVector);
    });
  }
}

void GpuConvEmitter::storeOutputs(ValueRange acc, Value output, Value bias,
                                  Value blockM, Value channel0, Value group,
                                  Value split, Value tx, Value ty) {
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

void GpuConvEmitter::emitKernel(gpu::LaunchOp launch, Value input, Value filter,
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

void GpuConvEmitter::emitDepthwiseKernel(gpu::LaunchOp launch, Value input,
                                         Value filter, Value bias,
                                         Value output) {
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

void GpuConvEmitter::emit(func::FuncOp func) {
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
  Value bias = g.hasBias ? deviceBuffer(args[2], true) : Value();
  Value output = deviceBuffer(hostOutput, false);
  if (p.splitK > 1) // Split-K blocks add into a zeroed output.
    last = gpu::MemsetOp::create(b, token, ValueRange{last}, output,
                                 zero(elementType))
               .getAsyncToken();
  // The kernel addresses the output as [pixel, channel].
  Value output2d = memref::CollapseShapeOp::create(
      b, output, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});

  auto workgroup =
      gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  auto tileType = [&](int64_t cols) {
    return MemRefType::get({p.tileK, cols}, accType,
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
    emitDepthwiseKernel(launch, input, filter, bias, output2d);
  else
    emitKernel(launch, input, filter, bias, output2d);
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
  GpuConvEmitter(b, g, plan, elementType).emit(func);
  return success();
}
