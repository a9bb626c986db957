//===- DirectConvPlan.cpp - Register blocking of the direct lowering ------===//
//
// Part of mlir-conv. Chooses the kernel kind and the register block (output
// pixels x output-channel vectors) from the vector width, the register count
// and the conv's shape.
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

void mlir::conv::applyCpuTarget(DirectConvOptions &options,
                                const CpuTarget &target) {
  if (options.vectorBits == 0)
    options.vectorBits = target.vectorBits;
  if (options.numRegisters == 0)
    options.numRegisters = target.vectorRegisters;
  options.l2Bytes = target.l2Bytes;
  options.bf16Dot = target.vectorBits == 512 && target.hasFeature("avx512bf16");
}

std::string DirectConvPlan::str() const {
  if (kind == Kind::Planar)
    return "planar oh=" + std::to_string(ohBlock) +
           " ow=" + std::to_string(owBlock) +
           " oc=" + std::to_string(ocVectors) + " nchw";
  std::string kindName = kind == Kind::Dense ? "dense" : "channel-vector";
  return kindName + (ohBlock > 1 ? " oh=" + std::to_string(ohBlock) : "") +
         " ow=" + std::to_string(owBlock) + " oc=" + std::to_string(ocVectors) +
         "x" + std::to_string(vectorWidth) +
         (cBlock > 0 ? " c-block=" + std::to_string(cBlock) : "") +
         (packFilterSlices ? " filter-slices-from-oihw" : "") +
         (packFilterBlocks ? " filter-blocks" : "") +
         (bf16Dot ? " bf16-dot" : "") + (bf16FlatTaps ? " flat-taps" : "") +
         (channelsFirst ? " nchw" : "");
}

int64_t mlir::conv::getVectorWidth(Type elementType,
                                   const DirectConvOptions &options) {
  return std::max<int64_t>(
      1, options.vectorBits /
             getAccumulatorType(elementType).getIntOrFloatBitWidth());
}

/// The range [lo, hi) of the first run of indices in [0, count) for which
/// `inside` holds (empty when none).
static std::pair<int64_t, int64_t>
interiorRange(int64_t count, function_ref<bool(int64_t)> inside) {
  int64_t lo = 0;
  while (lo < count && !inside(lo))
    ++lo;
  int64_t hi = lo;
  while (hi < count && inside(hi))
    ++hi;
  return {lo, hi};
}

int64_t mlir::conv::getPlanarTapReadOffset(const ConvGeometry &g, int64_t kw) {
  int64_t offset = kw * g.dilationW - g.padLeft;
  if (g.strideW == 2)
    offset -= ((offset % 2) + 2) % 2;
  return offset;
}

PlanarInterior mlir::conv::getPlanarInterior(const ConvGeometry &g,
                                             int64_t vw) {
  PlanarInterior in;
  std::tie(in.rowLo, in.rowHi) = interiorRange(g.outH(), [&](int64_t oh) {
    int64_t first = oh * g.strideH - g.padTop;
    return first >= 0 && first + (g.kernelH - 1) * g.dilationH < g.inH;
  });
  int64_t outW = g.outW();
  in.numBlocks = llvm::divideCeil(outW, vw);
  std::tie(in.blockLo,
           in.blockHi) = interiorRange(in.numBlocks, [&](int64_t blk) {
    int64_t col = blk * vw * g.strideW;
    return (blk + 1) * vw <= outW && col + getPlanarTapReadOffset(g, 0) >= 0 &&
           col + getPlanarTapReadOffset(g, g.kernelW - 1) + g.strideW * vw <=
               g.inW;
  });
  return in;
}

/// Kind::Planar for NCHW convs with groups of at most 8 input and output
/// channels, static H and W, W-stride 1 or 2 and rows of at least half a
/// vector, or failure.
static FailureOr<DirectConvPlan>
planPlanarConv(const ConvGeometry &g, Type elementType,
               const DirectConvOptions &options) {
  DirectConvPlan plan;
  plan.vectorWidth = getVectorWidth(elementType, options);
  int64_t vw = plan.vectorWidth;
  int64_t icg = g.inChannelsPerGroup(), ocg = g.outChannelsPerGroup();
  int64_t regs = options.numRegisters;
  if (g.inputLayout != InputLayout::NCHW || g.groups == 1 || icg > 8 ||
      ocg > 8 || ocg > regs / 2 || ShapedType::isDynamic(g.inH) ||
      ShapedType::isDynamic(g.inW) || g.strideW > 2 || 2 * g.outW() < vw ||
      g.outH() < 1)
    return failure();
  plan.kind = DirectConvPlan::Kind::Planar;
  plan.owBlock = vw;
  plan.ocVectors = ocg;
  // Rows per block: an input row vector serves up to KH of them. At most
  // half the registers as accumulators, at most 4 rows, and bodies of at
  // most ~300 FMAs (compile time).
  int64_t fmasPerRow = ocg * icg * g.kernelH * g.kernelW;
  plan.ohBlock = std::clamp<int64_t>(
      std::min<int64_t>(regs / 2 / ocg, 300 / std::max<int64_t>(1, fmasPerRow)),
      1, 4);
  if (options.ohBlock > 0)
    plan.ohBlock = std::min<int64_t>(options.ohBlock, 4 * regs / ocg);
  plan.ohBlock = std::max<int64_t>(1, std::min(plan.ohBlock, g.outH()));
  // Every border row and column block is emitted with static coordinates:
  // no more than 64 block bodies (dw3x3s1_56 has 12). A depthwise 3x3 with
  // dilation 36 on 129 x 129 (all of it border) took far too long to compile
  // (docs/Lowering.md, Planar kernel).
  PlanarInterior in = getPlanarInterior(g, vw);
  int64_t interiorRows = in.rowHi - in.rowLo;
  int64_t rowBodies = (g.outH() - interiorRows) +
                      (interiorRows >= plan.ohBlock ? 1 : 0) +
                      (interiorRows % plan.ohBlock != 0 ? 1 : 0);
  int64_t interiorBlocks = in.blockHi - in.blockLo;
  int64_t columnBodies =
      (in.numBlocks - interiorBlocks) + std::min<int64_t>(interiorBlocks, 1);
  if (rowBodies * columnBodies > 64)
    return failure();
  plan.channelsFirst = true;
  return plan;
}

int64_t mlir::conv::detail::largestDivisorUpTo(int64_t n, int64_t limit) {
  int64_t d = std::min(n, limit);
  while (n % d != 0)
    --d;
  return d;
}

FailureOr<DirectConvPlan>
mlir::conv::planDirectConv(const ConvGeometry &g, Type elementType,
                           const DirectConvOptions &options) {
  if (options.vectorBits == 0 || options.numRegisters == 0)
    return failure();
  if (FailureOr<DirectConvPlan> planar =
          planPlanarConv(g, elementType, options);
      succeeded(planar)) {
    planar->sequential = options.sequential;
    planar->prefetchFilterAbove = options.l2Bytes;
    return planar;
  }
  if (g.filterLayout != FilterLayout::HWIO ||
      (g.inputLayout != InputLayout::NHWC &&
       g.inputLayout != InputLayout::NCHW))
    return failure();
  DirectConvPlan plan;
  plan.sequential = options.sequential;
  plan.rowsOuter = options.rowsOuter;
  plan.prefetchFilterAbove = options.l2Bytes;
  unsigned accBits = getAccumulatorType(elementType).getIntOrFloatBitWidth();
  plan.vectorWidth = getVectorWidth(elementType, options);
  int64_t vw = plan.vectorWidth;
  int64_t icg = g.inChannelsPerGroup(), ocg = g.outChannelsPerGroup();
  // Grouped convs take the dense kernel when every channel vector lies in
  // one group.
  bool groupedDense = g.groups > 1 && ocg % vw == 0;
  if (g.groups == 1)
    plan.kind = DirectConvPlan::Kind::Dense;
  else if (icg <= ocg && vw % ocg == 0)
    plan.kind = DirectConvPlan::Kind::ChannelVector;
  else if (groupedDense)
    plan.kind = DirectConvPlan::Kind::Dense;
  else
    return failure();
  bool dense = plan.kind == DirectConvPlan::Kind::Dense;

  // Score a block by FMAs per load, discounted by the lanes and pixels that
  // partial blocks waste. Registers: accumulators, the filter vectors of one
  // step, and one or two input temporaries.
  int64_t regs = options.numRegisters;
  int64_t ocVectorsTotal = llvm::divideCeil(g.outChannels, vw);
  bool staticW = !ShapedType::isDynamic(g.inW);
  bool nchw = g.inputLayout == InputLayout::NCHW;
  int64_t ow = staticW ? g.outW() : 16;
  double bestScore = -1;
  for (int64_t nv = 1; nv <= std::min<int64_t>(4, ocVectorsTotal); ++nv) {
    for (int64_t owb = 1; owb <= std::min<int64_t>(14, ow); ++owb) {
      // A block of a grouped dense conv must not straddle two groups.
      if (dense && g.groups > 1 && (ocg / vw) % nv != 0)
        continue;
      int64_t temps = dense ? 1 : 2;
      if (owb * nv + nv + temps > regs)
        continue;
      // Channels-first blocks keep to half the registers: larger blocks
      // measured slower and varied from run to run (docs/Lowering.md, Dense
      // kernel on NCHW).
      if (nchw && owb * nv > regs / 2)
        continue;
      double fmas = dense ? owb * nv : owb * nv * icg;
      double loads = dense ? owb + nv : owb * nv + nv * icg;
      double ocUse = double(g.outChannels) /
                     double(llvm::divideCeil(g.outChannels, nv * vw) * nv * vw);
      double owUse = double(ow) / double(llvm::divideCeil(ow, owb) * owb);
      double score = fmas / loads * ocUse * owUse;
      if (score > bestScore + 1e-9) {
        bestScore = score;
        plan.owBlock = owb;
        plan.ocVectors = nv;
      }
    }
  }
  // Channel-vector kernels: two vectors of channels per pixel (two adjacent
  // cache lines of input per load pair) and at most half the registers as
  // accumulators, the widest such block that wastes fewest pixels: faster
  // than the FMAs-per-load block above, and more accumulators measured
  // slower (docs/Lowering.md, Channel-vector kernel).
  // Strided channel-vector convs read each input pixel for fewer taps and
  // are bound by streaming the input: there all the channels of a pixel (up
  // to 6 vectors, its contiguous 384 bytes) are read together, x 2 pixels.
  if (!dense && ocVectorsTotal >= 2) {
    plan.ocVectors = g.strideW > 1 ? std::min<int64_t>(ocVectorsTotal, 6) : 2;
    int64_t widest =
        std::max<int64_t>(1, std::min<int64_t>(regs / 2 / plan.ocVectors, ow));
    double bestUse = -1;
    for (int64_t owb = widest; owb >= 1; --owb) {
      double use = double(ow) / double(llvm::divideCeil(ow, owb) * owb);
      if (use > bestUse + 1e-9) {
        bestUse = use;
        plan.owBlock = owb;
      }
    }
  }
  // Several whole rows per block (narrow outputs, static shapes) only when
  // asked for: on 3x3_7 (OW = 7) it measured slower than one row of 7
  // pixels x 3 vectors (docs/Lowering.md, Dense kernel).
  bool staticShape = staticW && !ShapedType::isDynamic(g.inH);

  // NCHW (channels-first) plans store one row at a time.
  if (options.ohBlock > 0 && !nchw) {
    plan.ohBlock = staticShape ? options.ohBlock : 1;
    if (plan.ohBlock > 1)
      plan.owBlock = ow;
  }
  // Reduction blocks when the block's filter slice for all input channels
  // would not stay in the L2 next to the input rows (above 3/4 of it): the
  // largest divisor of the channels whose slice takes at most half the L2.
  // Partial sums are stored in the output, so only where it has the
  // accumulator's type (f32, f64). The fractions were measured on a 1 MiB
  // L2: a slice above 3/4 of it gained from blocks, one at about half of it
  // lost (docs/Lowering.md, Reduction blocks).
  bool accIsElement = elementType.getIntOrFloatBitWidth() == accBits;
  double bytesPerChannel =
      double(g.kernelH * g.kernelW * plan.ocVectors * vw) * double(accBits / 8);
  if (dense && g.groups == 1 && accIsElement && options.cBlock >= 0 && !nchw &&
      bytesPerChannel * double(icg) > 0.75 * double(options.l2Bytes)) {
    plan.cBlock = largestDivisorUpTo(
        icg, std::max<int64_t>(
                 1, int64_t(0.5 * double(options.l2Bytes) / bytesPerChannel)));
  }
  if (options.cBlock > 0 && dense && g.groups == 1 && accIsElement && !nchw) {
    plan.cBlock = largestDivisorUpTo(icg, options.cBlock);
  }

  // bf16 with vdpbf16ps: channel pairs (an even count per group), 16-lane
  // f32 accumulators.
  // An odd channel count pads the last pair with a zero channel, only
  // without groups (a group's last channel must not pair with the next
  // group's first: 0 x inf would be NaN).
  plan.bf16Dot = options.bf16Dot && dense && elementType.isBF16() && vw == 16 &&
                 (icg % 2 == 0 || g.groups == 1) && plan.cBlock == 0;
  // With vdpbf16ps, rows of 8-14 pixels run fastest as one block of the
  // whole row x 2 vectors; on wider rows 14 x 2 measured within the noise
  // of the block above, which stays (docs/Lowering.md, bf16 with
  // vdpbf16ps).
  plan.bf16FlatTaps = plan.bf16Dot && g.groups == 1 && icg % 2 != 0 &&
                      g.dilationW == 1 && g.kernelW > 1 && staticW;
  if (plan.bf16Dot && staticW && ow > 7 && ow <= 14 && 2 * ow + 4 <= regs &&
      ocVectorsTotal >= 2) {
    plan.owBlock = ow;
    plan.ocVectors = 2;
  }

  if (options.owBlock > 0 && plan.ohBlock == 1)
    plan.owBlock = options.owBlock;
  // Forced blocks may spill registers, but no more than 4x: beyond that the
  // unrolled block only costs compile time.
  int64_t maxAccumulators = 4 * regs;
  plan.ocVectors = std::min(plan.ocVectors, maxAccumulators);
  while (plan.ohBlock > 1 &&
         plan.ohBlock * plan.owBlock * plan.ocVectors > maxAccumulators)
    --plan.ohBlock;
  plan.owBlock = std::max<int64_t>(
      1, std::min(plan.owBlock, maxAccumulators / plan.ocVectors));
  if (options.ocVectors > 0) {
    // A forced block of a grouped dense conv still may not straddle groups:
    // take the largest count up to the one asked for that divides a group.
    plan.ocVectors = options.ocVectors;
    while (dense && g.groups > 1 && (ocg / vw) % plan.ocVectors != 0)
      --plan.ocVectors;
  }
  if (nchw) {
    // NCHW input and output stay as they are for the dense f32/f16/f64
    // kernel: input scalars are broadcast from any layout, and each block
    // is transposed to pixel rows as it is stored. Not with vdpbf16ps
    // (channel pairs must be adjacent) or channel vectors: those run on
    // NHWC. (Reduction blocks and row groups are not planned above.)
    if (!dense || plan.bf16Dot)
      return failure();
    plan.channelsFirst = true;
  }
  return plan;
}

void mlir::conv::planFilterSlicePacking(DirectConvPlan &plan,
                                        const ConvGeometry &g, Type elementType,
                                        const DirectConvOptions &options) {
  // Batch 1 only: the slices are packed inside the batch loop, so every
  // image would pack the whole filter again, which is slower than
  // transposing it once (docs/Lowering.md, Packed OIHW slices).
  if (plan.kind != DirectConvPlan::Kind::Dense || plan.cBlock <= 0 ||
      plan.cBlock >= g.inChannelsPerGroup() || plan.bf16Dot ||
      plan.bf16FlatTaps || plan.channelsFirst || g.groups != 1 || g.batch != 1)
    return;
  plan.packFilterSlices = true;
  if (options.cBlock > 0)
    return;
  // The packed slice of all output channels (written once per block, then
  // read by every output row) takes at most 3/8 of the L2.
  int64_t width = plan.ocVectors * plan.vectorWidth;
  double bytesPerChannel = double(llvm::divideCeil(g.outChannels, width) *
                                  width * g.kernelH * g.kernelW) *
                           double(elementType.getIntOrFloatBitWidth() / 8);
  plan.cBlock = largestDivisorUpTo(
      g.inChannelsPerGroup(),
      std::max<int64_t>(
          1, int64_t(0.375 * double(options.l2Bytes) / bytesPerChannel)));
}

void mlir::conv::planFilterBlockPacking(DirectConvPlan &plan,
                                        const ConvGeometry &g,
                                        const DirectConvOptions &options,
                                        bool constantFilter) {
  // The copy reads and writes the filter once; the kernel then reads it
  // `reuse` times as one stream instead of in pieces OC elements apart,
  // which the hardware prefetchers do not follow. Not with reduction
  // blocks: each block's slice stays in L2 and the big filter's prefetch
  // covers its strided reads, so a whole copy per call only adds a pass
  // over the filter. bench/RESULTS.md has the measurements.
  if (!options.packFilterBlocks || !plan.blocksConstantFilter() ||
      plan.cBlock > 0 || plan.packFilterSlices || constantFilter ||
      llvm::any_of(ArrayRef<int64_t>{g.batch, g.inH, g.inW, g.inChannels,
                                     g.outChannels, g.kernelH, g.kernelW},
                   ShapedType::isDynamic))
    return;
  int64_t reuse = g.batch * g.outH() * llvm::divideCeil(g.outW(), plan.owBlock);
  plan.packFilterBlocks = reuse >= 4;
}
