//===- ConvToVector.h - Direct vectorized conv lowering ---------*- C++ -*-===//
//
// Part of mlir-conv. Lowers NHWC/HWIO conv.conv2d straight to register-blocked
// loops of vector FMAs on tensors, without a padded copy of the input.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_CONVTOVECTOR_CONVTOVECTOR_H
#define MLIR_CONV_CONVERSION_CONVTOVECTOR_CONVTOVECTOR_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Support/LoweringChoices.h"
#include "mlir-conv/Target/CpuTarget.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"

#include <optional>
#include <string>

namespace mlir::linalg {
class TransposeOp;
} // namespace mlir::linalg

namespace mlir::conv {

class Conv2DOp;

/// What the target offers and what the user forces (0 = choose).
struct DirectConvOptions {
  /// Winograd F(2x2, 3x3) for the convs it applies to.
  WinogradPolicy winograd = WinogradPolicy::Auto;
  /// Only strategies whose outputs each depend on their own window alone
  /// (no Winograd): a non-finite input reaches exactly the outputs whose
  /// window reads it, as in a framework's direct conv (docs/Numerics.md).
  bool exact = false;
  /// Width of a vector register in bits (512 for AVX-512, 256 for AVX2; 0 =
  /// unset, see applyCpuTarget).
  unsigned vectorBits = 0;
  /// Number of vector registers (32 for AVX-512, 16 otherwise; 0 = unset).
  unsigned numRegisters = 0;
  /// Output pixels along W per register block (0 = choose).
  int64_t owBlock = 0;
  /// Vectors of output channels per register block (0 = choose).
  int64_t ocVectors = 0;
  /// Whole output rows per register block (0 = choose; above 1 only for
  /// static shapes whose output row fits one block).
  int64_t ohBlock = 0;
  /// Input channels per reduction block (0 = choose; -1 = never block).
  int64_t cBlock = 0;
  /// The target's per-core L2 data cache in bytes, which the reduction
  /// blocks and the filter prefetch are sized for.
  uint64_t l2Bytes = 1024 * 1024;
  /// The target has AVX512-BF16's `vdpbf16ps` (pairs of bf16 products
  /// accumulated into f32); set from the target features.
  bool bf16Dot = false;
  /// Sequential scf.for loops instead of scf.forall (for work too small to
  /// spread over threads; set by the Winograd lowering for its GEMMs).
  bool sequential = false;
  /// Threads the parallel loops will run on (the `threads` of the
  /// pipeline).
  unsigned threads = 1;
  /// Output rows outermost in the parallel loop (rows x channel blocks
  /// rather than channel blocks x rows), so that threads split the rows:
  /// set by the Winograd lowering, whose transforms split the tile rows the
  /// same way, so each core keeps its own tiles.
  bool rowsOuter = false;
  /// Dense kernels may copy a filter that is not a constant into blocks per
  /// call (planFilterBlockPacking; off for Winograd's GEMMs, whose filter
  /// the transform has just written).
  bool packFilterBlocks = true;
};

/// Fills the zero (= unset) vector width and register count of `options`,
/// its L2 size and bf16Dot from `target`.
void applyCpuTarget(DirectConvOptions &options, const CpuTarget &target);

/// Lanes of a vector of `elementType`'s accumulator type (f32 for f16/bf16)
/// under `options` (at least 1).
int64_t getVectorWidth(Type elementType, const DirectConvOptions &options);

/// How a conv is computed by the direct lowering.
struct DirectConvPlan {
  enum class Kind {
    /// groups == 1, or groups whose OC/groups is a multiple of the vector
    /// width: broadcast an input scalar, FMA with a filter vector.
    Dense,
    /// groups > 1 with IC/groups <= OC/groups (depthwise, channel
    /// multipliers, small groups): load a vector of input channels, shuffle
    /// it to the output channels' groups, FMA with a filter vector.
    ChannelVector,
    /// NCHW input with groups of few channels (depthwise, channel
    /// multipliers, ResNeXt-style groups) and static H and W: vectors run
    /// along an output row (lanes are output pixels); each input-row vector
    /// is read once per block and FMA'd with broadcast filter scalars into
    /// ohBlock rows x the group's ocVectors output channels. Input, filter
    /// and output stay in their layouts (no transposes); padding is resolved
    /// at compile time (border rows and column blocks are emitted with
    /// static coordinates, the interior as loops without checks).
    Planar,
  };
  Kind kind = Kind::Dense;
  /// Lanes per vector (of the accumulator type).
  int64_t vectorWidth = 16;
  /// The register block: ohBlock rows x owBlock output pixels x ocVectors
  /// vectors. With ohBlock > 1, owBlock is the whole output width. Planar
  /// blocks are ohBlock rows x one vector of owBlock (= vectorWidth) pixels
  /// x ocVectors output channels (a whole group).
  int64_t ohBlock = 1, owBlock = 1, ocVectors = 1;
  /// Dense f32/f64 convs with big filters: input channels per reduction
  /// block (0: all at once). Each block updates every output once, keeping
  /// partial sums in the output, so its filter slice stays in cache.
  int64_t cBlock = 0;
  /// Dense bf16 convs on AVX512-BF16: two input channels per step, each
  /// output vector updated with one `vdpbf16ps` (x86vector.avx512.dot) of
  /// the broadcast input pair and the two channels' filter rows interleaved
  /// (in a copy of the filter packed once per call).
  bool bf16Dot = false;
  /// With bf16Dot, an odd channel count and no groups or dilation along W
  /// (the 3-channel stem): interior blocks pair the products of one filter
  /// row over (kw, c) flattened, contiguous in NHWC input and HWIO filter,
  /// so only the row's last pair can be half empty (7 x 3 = 21 products in
  /// 11 pairs instead of 7 x 2 = 14).
  bool bf16FlatTaps = false;
  /// Dense convs with NCHW input: input and output stay NCHW (no transposes
  /// around the kernel; only the filter is normalised to HWIO). The kernel
  /// broadcasts input scalars from the channel planes and transposes each
  /// register block into rows of output pixels as it stores it.
  bool channelsFirst = false;
  /// With reduction blocks and an OIHW argument filter: each block's filter
  /// slice is packed from OIHW, in vector-tile transposes, into blocks of
  /// the register block's output channels (a buffer that stays in cache)
  /// instead of transposing the whole filter to HWIO on every call.
  bool packFilterSlices = false;
  /// Dense kernels with a filter that is not a constant: the HWIO filter is
  /// copied per call into blocks of the register block's output channels
  /// ([OC / width][KH][KW][ICg][width], as a constant filter is laid out at
  /// compile time), so the FMAs read one contiguous stream instead of
  /// pieces OC elements apart (set by planFilterBlockPacking).
  bool packFilterBlocks = false;
  /// scf.for loops instead of scf.forall (DirectConvOptions::sequential).
  bool sequential = false;
  /// Rows outermost in the parallel loop (DirectConvOptions::rowsOuter).
  bool rowsOuter = false;
  /// Filters bigger than this (the target's L2) are prefetched ahead of the
  /// FMAs that read them.
  uint64_t prefetchFilterAbove = 1024 * 1024;
  /// Whether the kernel reads a constant filter laid out at compile time in
  /// blocks of its register block's output channels (the dense kernel
  /// without vdpbf16ps pairs).
  bool blocksConstantFilter() const {
    return kind == Kind::Dense && !bf16Dot && !bf16FlatTaps;
  }
  /// `dense ow=6 oc=4x16`.
  std::string str() const;
};

/// Where a planar plan's taps all lie inside the input: output rows [rowLo,
/// rowHi) and column blocks of `vw` pixels [blockLo, blockHi) of
/// numBlocks (whole blocks whose reads, stride 2 reading 2 vw elements per
/// tap, stay inside the row). The rest is emitted with static coordinates.
struct PlanarInterior {
  int64_t rowLo = 0, rowHi = 0, blockLo = 0, blockHi = 0, numBlocks = 0;
};
PlanarInterior getPlanarInterior(const ConvGeometry &g, int64_t vw);
/// Where a planar tap `kw`'s read starts relative to the block's first input
/// column (strideW * ow0 - padLeft + kw * dilationW): a stride-2 tap reads
/// from an even offset and takes the even or odd lanes, so taps one column
/// apart share their reads.
int64_t getPlanarTapReadOffset(const ConvGeometry &g, int64_t kw);

/// Chooses the plan for `g` (NHWC/HWIO, or NCHW/HWIO for a channels-first
/// plan) with `elementType`, or fails when the direct lowering does not
/// handle this conv in that layout.
FailureOr<DirectConvPlan> planDirectConv(const ConvGeometry &g,
                                         Type elementType,
                                         const DirectConvOptions &options);

/// The plan for `op` as it will be once its layouts are normalised (an NCHW
/// input stays NCHW where a channels-first plan exists, NHWC otherwise; the
/// filter becomes HWIO), or failure when the direct lowering does not handle
/// it.
FailureOr<DirectConvPlan> planDirectConv(Conv2DOp op,
                                         const DirectConvOptions &options);

/// Whether `value` is a tensor with a static shape whose buffer will have
/// the identity layout without a copy: a function argument, or the result
/// of an op that computes a new tensor (linalg.transpose, scf.for,
/// scf.forall), not a slice.
bool hasIdentityBuffer(Value value);

/// Whether `op`'s filter is an OIHW argument (hasIdentityBuffer, not a
/// constant, which is transposed at compile time), or an HWIO filter that
/// is a linalg.transpose of one: Winograd's filter transform and plans with
/// packFilterSlices read such a filter as it is, without a transpose to
/// HWIO.
bool isOihwArgumentFilter(Conv2DOp op);

/// Sets `plan.packFilterSlices` where it applies (batch 1, a dense plan
/// with reduction blocks smaller than the channels, without vdpbf16ps pairs
/// or groups) for an OIHW filter that is not a constant, with reduction
/// blocks (unless forced by `options`) whose packed slice stays in L2.
void planFilterSlicePacking(DirectConvPlan &plan, const ConvGeometry &g,
                            Type elementType, const DirectConvOptions &options);

/// Sets `plan.packFilterBlocks` where it pays: a dense plan (without
/// vdpbf16ps pairs, reduction blocks or packed OIHW slices) with static
/// shapes whose filter
/// is not a `constantFilter` (those are laid out at compile time) and whose
/// kernel reads every filter element at least 4 times (images x output rows
/// x pixel blocks per row).
void planFilterBlockPacking(DirectConvPlan &plan, const ConvGeometry &g,
                            const DirectConvOptions &options,
                            bool constantFilter);

/// Lowers the NHWC/HWIO (or, with a channels-first plan, NCHW/HWIO) `op` to
/// vector loops and replaces it. A filter that is the OIHW -> HWIO
/// linalg.transpose of an argument may be read from OIHW
/// (planFilterSlicePacking), leaving the transpose unused. The kernel
/// writes into `destination` when given (a tensor of `op`'s type, e.g. a
/// reshape of the function's result), into a new tensor otherwise.
FailureOr<Value> lowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                     const DirectConvOptions &options,
                                     Value destination = nullptr);

/// For a 1x1, stride-1, unpadded NCHW conv of one image (static H and W,
/// f32 or f64) with an OIHW or OHWI filter, whose H * W pixels fill whole
/// vectors but for at most an eighth: the NHWC/HWIO geometry of the same
/// product read the other way round, the filter's O rows as pixels ([1, O / w,
/// w, I]) times the image as a filter ([1, 1, I, H * W]). std::nullopt
/// otherwise.
std::optional<ConvGeometry>
getPointwiseNchwGeometry(Conv2DOp op, const DirectConvOptions &options);

/// Lowers `op` (see getPointwiseNchwGeometry) as that swapped conv with the
/// dense kernel: the filter, the image and the result are reshaped, not
/// transposed. The bias and a fusable epilogue become one elementwise
/// generic the kernel fuses. Replaces `op` and that epilogue.
FailureOr<Value> lowerPointwiseNchwConv(RewriterBase &rewriter, Conv2DOp op,
                                        const DirectConvOptions &options);

/// Rewrites `op`, one of the layout transposes around a conv (OIHW or OHWI
/// -> HWIO filters, NCHW -> NHWC inputs, NHWC -> NCHW results) on a tensor
/// whose extents but the batch are static, into loops over lanes x lanes
/// tiles: vector reads, a register transpose (the AVX-512 shuffle network
/// for 16 x 16 32-bit tiles), vector writes; edge tiles are masked. Fails
/// (leaving `op`) for other transposes. With `fuseEpilogue`, an NHWC ->
/// NCHW result transpose whose only user is an elementwise epilogue (as
/// the conv lowering fuses, with broadcast inputs of N and C only) applies
/// it to each written vector and replaces it too.
FailureOr<Value> lowerLayoutTransposeToVectors(RewriterBase &rewriter,
                                               linalg::TransposeOp op,
                                               int64_t lanes,
                                               bool fuseEpilogue = false);

/// Whether `value` is a constant whose elements the lowering reads at
/// compile time (dense or dense_resource elements, a static shape): a
/// filter that is prepared then (transposed, Winograd-transformed, laid out
/// in blocks) rather than on every call.
bool isReadableConstant(Value value);

/// Replaces `op`, a transpose of a constant with a static shape (dense or
/// dense_resource elements: a frozen model's OIHW filter), by the
/// transposed constant, computed now rather than on every call. Fails
/// (leaving `op`) for other transposes.
FailureOr<Value> foldConstantLayoutTranspose(RewriterBase &rewriter,
                                             linalg::TransposeOp op);

/// Whether Winograd F(2x2, 3x3) can compute `g` (in NHWC/HWIO): a dense
/// 3x3 stride-1 undilated float conv with static shapes (f16/bf16 are
/// transformed and multiplied in f32).
bool winogradApplies(const ConvGeometry &g, Type elementType,
                     const DirectConvOptions &options);
/// The heuristic of WinogradPolicy::Auto: whether Winograd beats the direct
/// kernel on `g` (not bf16, channel counts of whole vectors, enough 2x2
/// output tiles per filter transform: 20; with a `constantFilter`,
/// transformed at compile time, 16 products per tile at most 9/10 of the
/// direct kernel's, which skips the padding taps).
bool winogradPays(const ConvGeometry &g, Type elementType,
                  const DirectConvOptions &options,
                  bool constantFilter = false);
/// Whether `op` (in any layouts) is lowered with Winograd under `options`.
bool useWinograd(Conv2DOp op, const DirectConvOptions &options);
/// `winograd F(2x2,3x3) tiles=28x28 gemm=16x[784x64]x[64x64] kernel=...`.
std::string describeWinograd(Conv2DOp op, const DirectConvOptions &options);

/// Lowers the NHWC/HWIO `op` with Winograd F(2x2, 3x3): vector loops for the
/// filter, input and output transforms (the output transform applies the
/// bias and a fusable elementwise epilogue) around one grouped 1x1 conv
/// holding the 16 GEMMs, lowered by lowerConv2DToVector.
FailureOr<Value> lowerConv2DToWinograd(RewriterBase &rewriter, Conv2DOp op,
                                       const DirectConvOptions &options);

/// Adds the pattern that applies `normalizeAndLowerConv2DToVector`
/// (Strategies.h).
void populateConvToVectorPatterns(RewritePatternSet &patterns,
                                  const DirectConvOptions &options);

} // namespace mlir::conv

#endif // MLIR_CONV_CONVERSION_CONVTOVECTOR_CONVTOVECTOR_H
