//===- GpuConvPlan.cpp - How a conv is tiled onto the GPU -----------------===//
//
// Part of mlir-conv. Chooses the implicit-GEMM tiling of one conv: a block
// computes tileM output pixels x tileN output channels of one group, each
// thread a regM x regN register block; tileK input channels of one filter
// tap are staged in shared memory per step.
//
// The choice: tileN covers the group's output channels up to 64 and tileK is
// 16 channels (fewer for thin groups); the register block is 4 channels x 4
// or 2 pixels, the larger whose grid has `fillBlocks` blocks, so that
// batch-1 layers still occupy the multiprocessors. f32 convs with long
// reductions keep 4 pixels when that grid has at least 24 blocks; those and
// the ones 2 pixels leave short of blocks split the reduction over blocks
// (split-K). Other types go down to 1 pixel.
//
// Measured on an H100 (docs/Lowering.md, GPU): tileK 16 beats 8 (half the
// barriers); 4x4 register blocks lose when they leave SMs idle.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Conversion/ConvToGPU/ConvToGPU.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace mlir;
using namespace mlir::conv;

std::string GpuConvPlan::str() const {
  if (depthwise)
    return (llvm::Twine("depthwise vec=") + llvm::Twine(regN) + " threads=" +
            llvm::Twine(threads()) + " grid=" + llvm::Twine(gridM) + "x1x1")
        .str();
  return (llvm::Twine("implicit-gemm tile=") + llvm::Twine(tileM()) + "x" +
          llvm::Twine(tileN()) + "x" + llvm::Twine(tileK) +
          " reg=" + llvm::Twine(regM) + "x" + llvm::Twine(regN) +
          (splitK > 1 ? " split-k=" + llvm::Twine(splitK) : llvm::Twine("")) +
          " threads=" + llvm::Twine(threads()) + " grid=" + llvm::Twine(gridM) +
          "x" + llvm::Twine(gridN) + "x" + llvm::Twine(gridG) +
          " vec=" + llvm::Twine(inputVector) + "/" + llvm::Twine(filterVector))
      .str();
}

static FailureOr<GpuConvPlan> fail(std::string *why, const llvm::Twine &msg) {
  if (why)
    *why = msg.str();
  return failure();
}

static bool isRegisterBlock(int64_t r) { return r == 1 || r == 2 || r == 4; }

/// Shared memory of the two staged tiles, in bytes.
static int64_t sharedBytes(const GpuConvPlan &p, int64_t accBytes) {
  return p.tileK * (p.tileM() + p.tileN()) * accBytes;
}

static LogicalResult failOptions(std::string *why, const llvm::Twine &msg) {
  if (why)
    *why = msg.str();
  return failure();
}

LogicalResult mlir::conv::verifyGpuConvOptions(const GpuConvOptions &options,
                                               std::string *why) {
  int64_t threads = options.threads;
  if (threads < 32 || threads > 1024 || !llvm::isPowerOf2_64(threads))
    return failOptions(why, "threads (" + llvm::Twine(threads) +
                                ") must be a power of two in [32, 1024]");
  for (auto [name, r] :
       {std::pair<const char *, int64_t>{"reg-m", options.regM},
        {"reg-n", options.regN}})
    if (r != 0 && !isRegisterBlock(r))
      return failOptions(why, llvm::Twine(name) + " (" + llvm::Twine(r) +
                                  ") must be 0, 1, 2 or 4");
  if (options.tileK < 0)
    return failOptions(why, "tile-k (" + llvm::Twine(options.tileK) +
                                ") must be >= 0");
  if (options.splitK < 0)
    return failOptions(why, "split-k (" + llvm::Twine(options.splitK) +
                                ") must be >= 0");
  if (options.fillBlocks < 1 || options.multiprocessors < 1)
    return failOptions(why, "fill-blocks and multiprocessors must be >= 1");
  return success();
}

FailureOr<GpuConvPlan> mlir::conv::planGpuConv(const ConvGeometry &g,
                                               Type elementType,
                                               const GpuConvOptions &options,
                                               std::string *why) {
  if (!isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(elementType))
    return fail(why, "unsupported element type");
  if (ShapedType::isDynamic(g.batch) || ShapedType::isDynamic(g.inH) ||
      ShapedType::isDynamic(g.inW))
    return fail(why, "dynamic shapes are not supported on the GPU");
  if (failed(verifyGpuConvOptions(options, why)))
    return failure();
  if (options.splitK > 1 && !elementType.isF32())
    return fail(why, "split-k above 1 needs f32 (atomic adds of the result)");
  const int64_t threads = options.threads;

  const int64_t cg = g.inChannelsPerGroup(), ocg = g.outChannelsPerGroup();
  const int64_t pixels = g.batch * g.outH() * g.outW();

  // Depthwise (one input channel per group): the direct kernel, 4 channels
  // per thread where they are contiguous groups.
  if (cg == 1 && g.groups > 1 && options.depthwiseKernel) {
    GpuConvPlan p;
    p.depthwise = true;
    p.regN = (ocg == 1 && g.outChannels % 4 == 0) ? 4 : 1;
    p.threadsM = threads;
    p.gridM = llvm::divideCeil(pixels * (g.outChannels / p.regN), threads);
    if (p.gridM > std::numeric_limits<int32_t>::max())
      return fail(why, "too many blocks (" + llvm::Twine(p.gridM) + ")");
    return p;
  }

  const int64_t accBytes =
      getAccumulatorType(elementType).getIntOrFloatBitWidth() / 8;
  // Output channels a block covers: the group's, rounded up to a power of
  // two, at most 64.
  const int64_t tileNWanted =
      std::min<int64_t>(64, llvm::PowerOf2Ceil(std::max<int64_t>(1, ocg)));

  auto make = [&](int64_t regM, int64_t regN) {
    GpuConvPlan p;
    p.regN = std::min(regN, tileNWanted);
    p.threadsN = std::min(threads, std::max<int64_t>(1, tileNWanted / p.regN));
    p.threadsM = threads / p.threadsN;
    p.regM = regM;
    p.tileK = options.tileK ? options.tileK
                            : (cg >= 16 ? 16 : std::min<int64_t>(8, cg));
    // Shared memory is 48 KiB without opting in: halve the reduction step.
    while (p.tileK > 1 && sharedBytes(p, accBytes) > 48 * 1024)
      p.tileK /= 2;
    p.inputVector = (cg % 4 == 0 && p.tileK % 4 == 0) ? 4 : 1;
    p.filterVector = (ocg % 4 == 0 && p.tileN() % 4 == 0) ? 4 : 1;
    p.gridM = llvm::divideCeil(pixels, p.tileM());
    p.gridN = llvm::divideCeil(ocg, p.tileN());
    p.gridG = g.groups;
    return p;
  };
  auto blocks = [](const GpuConvPlan &p) {
    return p.gridM * p.gridN * p.gridG;
  };

  const int64_t regN = options.regN ? options.regN : 4;
  GpuConvPlan plan;
  if (options.regM) {
    plan = make(options.regM, regN);
  } else {
    // f32 convs that 2 pixels per thread leave short of blocks split the
    // reduction instead of going down to 1 pixel, which measured slower on
    // an H100 (docs/Lowering.md, GPU).
    const bool canSplit = elementType.isF32() && options.splitK != 1;
    SmallVector<int64_t, 3> regMs = {4, 2};
    if (!canSplit)
      regMs.push_back(1);
    for (int64_t regM : regMs) {
      plan = make(regM, regN);
      if (blocks(plan) >= options.fillBlocks)
        break;
    }
    // Long f32 reductions whose 4-pixel grid has at least 24 blocks keep 4
    // pixels and split the reduction to fill the device; fewer blocks
    // (3x3_14, 3x3_7: 16 and 8) measured faster at 2 pixels
    // (docs/Lowering.md, GPU).
    GpuConvPlan four = make(4, regN);
    const int64_t fourSteps =
        g.kernelH * g.kernelW * llvm::divideCeil(cg, four.tileK);
    if (canSplit && fourSteps >= 32 && blocks(four) >= 24 &&
        blocks(four) < options.fillBlocks)
      plan = four;
  }
  // The reduction steps (taps x channel steps) split evenly over blocks.
  const int64_t steps =
      g.kernelH * g.kernelW * llvm::divideCeil(cg, plan.tileK);
  if (options.splitK) {
    plan.splitK = options.splitK;
  } else if (elementType.isF32() &&
             (blocks(plan) < options.fillBlocks ||
              (blocks(plan) < options.multiprocessors && steps >= 32))) {
    // Too few blocks; or fewer than multiprocessors with a long reduction
    // (the 16-step 1x1 layers are left alone: split-K made them slower).
    int64_t want =
        blocks(plan) < options.fillBlocks
            ? llvm::divideCeil(options.fillBlocks, blocks(plan))
            : llvm::divideCeil(options.multiprocessors, blocks(plan));
    // The smallest divisor of steps from `want` on that leaves each split
    // at least 4 steps, else the largest one below `want`.
    for (int64_t d = want; d <= steps / 4 && plan.splitK == 1; ++d)
      if (steps % d == 0)
        plan.splitK = d;
    for (int64_t d = std::min(want, steps / 4); d > 1 && plan.splitK == 1; --d)
      if (steps % d == 0)
        plan.splitK = d;
  }
  if (steps % plan.splitK != 0)
    return fail(why, "split-k (" + llvm::Twine(plan.splitK) +
                         ") must divide the reduction steps (" +
                         llvm::Twine(steps) + ")");
  plan.gridG = g.groups * plan.splitK;

  if (sharedBytes(plan, accBytes) > 48 * 1024)
    return fail(why, "the staged tiles need " +
                         llvm::Twine(sharedBytes(plan, accBytes)) +
                         " bytes of shared memory (at most 49152)");
  if (plan.gridG > 65535)
    return fail(why, "groups x split-k (" + llvm::Twine(plan.gridG) +
                         ") exceed the grid's z limit 65535");
  if (plan.gridN > 65535)
    return fail(why, "too many channel tiles (" + llvm::Twine(plan.gridN) +
                         ") for the grid's y limit 65535");
  return plan;
}

FailureOr<GpuConvPlan> mlir::conv::planGpuConv(Conv2DOp op,
                                               const GpuConvOptions &options,
                                               std::string *why) {
  return planGpuConv(op.getGeometry(), op.getInput().getType().getElementType(),
                     options, why);
}
