//===- DirectConvEmitter.h - The direct conv kernel emitter -----*- C++ -*-===//
//
// Part of mlir-conv. Private to lib/Conversion/ConvToVector: the emitter of
// one NHWC/HWIO (or channels-first NCHW/HWIO) conv's register-blocked loops,
// split over DirectConvEmitter.cpp (the loop nest, padding, stores),
// DirectConvTaps.cpp (the FMAs of one filter tap per kernel kind) and
// DirectConvFilterPacks.cpp (the filter copies made per call).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_LIB_CONVERSION_CONVTOVECTOR_DIRECTCONVEMITTER_H
#define MLIR_CONV_LIB_CONVERSION_CONVTOVECTOR_DIRECTCONVEMITTER_H

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <optional>

namespace mlir::conv::detail {

/// One output pixel of a register block.
struct Pixel {
  /// Output coordinates.
  Value oh, ow;
  /// Where the pixel goes in the output slice being written.
  Value sliceRow, sliceCol;
  /// Whether some of its taps may fall into the padding.
  bool checkRow, checkCol;
  /// The output column when it is known statically (then so is, per kw,
  /// whether the tap lies in the padding).
  std::optional<int64_t> staticCol;
};

/// The linalg.generic that is the only user of `op`'s result, if it is an
/// elementwise epilogue a kernel can apply in registers: all-parallel, the
/// conv's result read once with the identity map, other inputs of the same
/// type (a residual) or broadcast ones whose maps pick some dimensions in
/// order (a bias (d3)), and a body of float arith ops of the element type.
linalg::GenericOp getFusableEpilogue(Conv2DOp op);
/// The same for the elementwise consumer of `result` (a conv's, or the
/// layout transpose of one).
linalg::GenericOp getFusableEpilogue(Value result);

/// Applies `epilogue` (see getFusableEpilogue) to `v`, the vector of
/// `convResult` at `indices` (the output's elements from there along its
/// last dimension): its body on vectors, other inputs read at `indices`
/// (a broadcast input without the last dimension as one splat scalar).
Value applyEpilogueToVector(OpBuilder &b, linalg::GenericOp epilogue,
                            Value convResult, Value v, ValueRange indices,
                            bool inBounds);

/// `epilogue`'s body on vectors: `v` for its input `convResult`, and
/// `readInput(operand)` (a vector of v's type) for each other input.
Value applyEpilogueBody(OpBuilder &b, linalg::GenericOp epilogue,
                        Value convResult, Value v,
                        function_ref<Value(OpOperand &)> readInput);

/// The OIHW filter whose linalg.transpose to HWIO is `op`'s filter, when
/// it has an identity buffer (hasIdentityBuffer: reading it as a buffer
/// copies nothing) and is not a readable constant (those are transposed at
/// compile time); null otherwise.
Value getOihwArgumentFilter(Conv2DOp op);

/// The `lanes` columns of the lanes x lanes tile of `matrix` (indexed by
/// `prefix` then [row, column]) at rows [row0, row0 + rows) and columns
/// [col0, col0 + lanes): rows past `rows` are zeros, and lanes past the
/// matrix's last column read zero unless `inBounds`. Transposed in
/// registers: the AVX-512 shuffle network for 16 x 16 32-bit tiles, a
/// vector.transpose otherwise.
SmallVector<Value> readTransposedTile(ImplicitLocOpBuilder &b, Value matrix,
                                      ValueRange prefix, Value row0, Value col0,
                                      int64_t rows, int64_t lanes,
                                      bool inBounds);

/// The largest divisor of `n` (> 0) that is at most `limit` (>= 1).
int64_t largestDivisorUpTo(int64_t n, int64_t limit);

/// Replaces `op` (and its fused `epilogue`, if any) by `result`, the value
/// the kernel computed, cast to the op's type; returns it.
Value replaceConvAndEpilogue(RewriterBase &rewriter, Conv2DOp op,
                             linalg::GenericOp epilogue, Value result);

/// Iterations over `ubs`, each computing the slice of `out` at
/// `offsetsOf(ivs)` of `sizes` with `body` and writing it back: an
/// scf.forall (threads or loops, as the pipeline decides), or nested scf.for
/// loops when `sequential`. Returns the updated `out`.
Value emitSliceLoops(
    ImplicitLocOpBuilder &b, Value out, ArrayRef<OpFoldResult> ubs,
    ArrayRef<OpFoldResult> sizes,
    function_ref<SmallVector<OpFoldResult>(ValueRange)> offsetsOf,
    function_ref<Value(Value, ValueRange)> body, bool sequential);

/// The options the Winograd lowering plans its GEMMs' grouped 1x1 conv
/// with: `options` without the blocks forced for the conv itself.
DirectConvOptions getWinogradGemmOptions(const DirectConvOptions &options);

/// The elements of a constant tensor with a static shape (arith.constant of
/// dense or dense_resource elements, byte-sized element type), as stored.
struct ConstantBytes {
  ArrayRef<char> data;
  int64_t elementBytes = 0;
  /// One element standing for all.
  bool splat = false;
  /// Element `index` (row-major) of float type `elementType` as a double.
  double at(Type elementType, int64_t index) const;
};
std::optional<ConstantBytes> getConstantBytes(Value value);

/// The constant HWIO `filter` (with elements `bytes`) in blocks of `width`
/// output channels, [OC / width][KH][KW][IC][width] (the last block padded
/// with zeros): one register block's filter vectors are contiguous, read as
/// one stream rather than `width`-element pieces OC elements apart.
Value packConstantFilterBlocks(OpBuilder &b, Location loc, Value filter,
                               const ConstantBytes &bytes, int64_t width);

/// Emits the direct conv of one NHWC/HWIO op according to a plan.
class DirectConvEmitter {
public:
  DirectConvEmitter(ImplicitLocOpBuilder &b, Conv2DOp op,
                    const DirectConvPlan &plan, linalg::GenericOp epilogue)
      : b(b), g(op.getGeometry()), plan(plan), input(op.getInput()),
        filter(op.getFilter()), bias(op.getBias()), epilogue(epilogue),
        conv(op) {
    elementType = op.getInput().getType().getElementType();
    accType = getAccumulatorType(elementType);
    vw = plan.vectorWidth;
    nchw = plan.channelsFirst;
  }

  /// Emits the loop nest writing into `init` and returns the result.
  Value emit(Value init);

private:
  /// Index constant.
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value mul(Value x, int64_t c) {
    return c == 1 ? x : arith::MulIOp::create(b, x, cst(c)).getResult();
  }
  Value dim(Value t, int64_t d) { return tensor::DimOp::create(b, t, d); }
  Value cmp(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, p, x, y);
  }

  /// The input's indices of (n, ih, iw, c) in its layout.
  SmallVector<Value, 4> inputIndices(Value ih, Value iw, Value c) {
    if (nchw)
      return {n, c, ih, iw};
    return {n, ih, iw, c};
  }

  /// A vector of `lanes` elements read from `tensor` at `indices`, widened to
  /// the accumulator type; lanes past the tensor's end read zero.
  Value readVector(Value tensor, ValueRange indices, int64_t lanes,
                   bool inBounds);

  /// Where iteration (blk, iv) writes its slice.
  using SliceOffsets =
      function_ref<SmallVector<OpFoldResult>(Value blk, Value iv)>;
  /// Writes the slice of iteration (blk, iv) into `target` (that slice) and
  /// returns the updated `target`.
  using SliceCompute = function_ref<Value(Value target, Value blk, Value iv)>;
  /// Runs (oc block < numBlocks, iv < count) as an scf.forall whose
  /// iterations each write an extracted slice of `sizes`. (Plain scf.for
  /// loops writing the output in place measured slower on depthwise shapes
  /// than this forall lowered to loops; docs/Lowering.md, Dense kernel.)
  Value emitSlices(Value out, int64_t numBlocks, OpFoldResult count,
                   ArrayRef<OpFoldResult> sizes, SliceOffsets offsetsOf,
                   SliceCompute compute);
  /// Emits, for the current n, every row of `numBlocks` blocks of `width`
  /// channels from `ocBase`.
  Value emitRows(Value out, int64_t numBlocks, int64_t width, int64_t ocBase,
                 int64_t nv, bool lastMasked);
  /// One output row `oh` into `row`, the [1, 1, OW, width] slice at oc0, in
  /// blocks of plan.owBlock pixels.
  Value emitRow(Value row, Value oh, Value oc0, int64_t nv, bool lastMasked);
  /// emitRow for a static input width: the border blocks unrolled with
  /// static columns, so padding taps are skipped at compile time, and a loop
  /// of unchecked interior blocks. Null when W is dynamic or the border
  /// would take more than a few blocks.
  Value emitStaticRow(Value row, Value oh, Value oc0, int64_t nv,
                      bool lastMasked, Value khLo, Value khHi);
  /// `rows` whole output rows from oh0 into `slice`, [1, rows, OW, width],
  /// as one register block.
  Value emitRowGroup(Value slice, Value oh0, int64_t rows, Value oc0,
                     int64_t nv, bool lastMasked);
  /// The accumulators of `pixels` x `nv` vectors from oc0, over taps kh in
  /// [khBegin, khEnd). With input-channel blocks they start from the partial
  /// sums in `slice` (the output slice the pixels are stored to).
  SmallVector<Value> computeBlock(Value slice, ArrayRef<Pixel> pixels,
                                  Value khBegin, Value khEnd, Value oc0,
                                  int64_t nv, bool lastMasked);
  /// Adds the taps kh in [khBegin, khEnd) to `accs`.
  SmallVector<Value> accumulate(ArrayRef<Pixel> pixels, ValueRange accs,
                                Value khBegin, Value khEnd, Value oc0,
                                int64_t nv, bool lastMasked);
  /// The FMAs of one filter tap for the dense kernel.
  /// The first input channel of the group that output channel `oc0` is in.
  Value groupChannelBase(Value oc0) {
    if (g.groups == 1)
      return cst(0);
    return mul(arith::DivUIOp::create(b, oc0, cst(g.outChannelsPerGroup())),
               g.inChannelsPerGroup());
  }
  /// The filter row of input channel c at (kh, kw), output channels
  /// [oc, oc + vw).
  Value filterRow(Value kh, Value kw, Value c, Value oc, bool inBounds);
  /// Rows r0 and r0 + 1 (`rowAt`) interleaved, (even[0], odd[0], even[1],
  /// ...); the second row is zero past `count` rows.
  Value rowPair(Value r0, int64_t count, function_ref<Value(Value)> rowAt);
  /// A tensor [outer..., 2 * OC] holding `pairAt(index, oc)` at each outer
  /// index and block of vw output channels: one pass over the filter per
  /// call instead of a shuffle per pair and block in the loops, which
  /// shares a port with the broadcasts (docs/Lowering.md, bf16 with
  /// vdpbf16ps).
  Value
  packPairs(ArrayRef<int64_t> outer,
            function_ref<Value(ArrayRef<Value> index, Value oc, bool inBounds)>
                pairAt);
  /// The filter in channel pairs, [KH][KW][ceil(ICg / 2)][2 * OC].
  Value packFilterPairs();
  /// plan.packFilterSlices: the OIHW filter's input channels [c0, c0 +
  /// plan.cBlock) in blocks of `width` output channels, written into `dst`
  /// ([ceil(OC / width)][KH][KW][cBlock][width]) from vector-tile
  /// transposes of oihwRows.
  Value packFilterSlice(Value dst, Value c0, int64_t width);
  /// plan.packFilterBlocks: the HWIO filter in blocks of `width` output
  /// channels, [ceil(OC / width)][KH][KW][ICg][width] (the last block
  /// padded with zeros), copied per call in parallel over the blocks: the
  /// layout a constant filter gets at compile time.
  Value packFilterBlocks(int64_t width);
  /// A read-only buffer of the HWIO filter the dense kernel prefetches from,
  /// or null: only for filters above the L2 (1 MiB) that are function
  /// arguments or fresh tensors (a buffer with the identity layout).
  Value filterPrefetchBuffer();
  /// With packed filter slices: iteration (blk, oh) of the numBlocks x OH
  /// rows of the current input-channel block prefetches its share of the
  /// next block's OIHW slice (all rows' columns [next * KH * KW, + cBlock *
  /// KH * KW)) into L2, so that the next packing reads from cache.
  void prefetchNextFilterSlice(Value blk, Value oh, int64_t numBlocks);
  /// plan.bf16FlatTaps: the filter in pairs over (kw, c) flattened,
  /// [KH][ceil(KW * IC / 2)][2 * OC].
  Value packFlatFilterPairs();
  /// accs[j] += vdpbf16ps(x broadcast, w[j]) for the input pair `x`
  /// (vector<2xbf16>), zero where `valid` (when set) is false.
  void dotPair(MutableArrayRef<Value> accs, Value x, Value valid,
               ArrayRef<Value> w);
  /// denseDotTap over a whole filter row for plan.bf16FlatTaps: input pairs
  /// read from the input seen as [N][H][W * C] at the pixels' first column
  /// `colBase` times C plus 2 q.
  SmallVector<Value> denseFlatTap(ValueRange accs, ArrayRef<Value> ih,
                                  ArrayRef<Value> colBase,
                                  ArrayRef<Value> valid, Value kh, Value oc0,
                                  int64_t nv, bool lastMasked);
  /// denseTap for bf16 with vdpbf16ps: two input channels per step.
  SmallVector<Value> denseDotTap(ValueRange accs, ArrayRef<Value> ih,
                                 ArrayRef<Value> iw, ArrayRef<Value> valid,
                                 Value kh, Value kw, Value oc0, int64_t nv,
                                 bool lastMasked);
  SmallVector<Value> denseTap(ValueRange accs, ArrayRef<Value> ih,
                              ArrayRef<Value> iw, ArrayRef<Value> valid,
                              Value kh, Value kw, Value oc0, int64_t nv,
                              bool lastMasked);
  /// The FMAs of one filter tap for the channel-vector kernel.
  SmallVector<Value> channelTap(ValueRange accs, ArrayRef<Value> ih,
                                ArrayRef<Value> iw, ArrayRef<Value> valid,
                                Value kh, Value kw, Value oc0, int64_t nv,
                                bool lastMasked);
  /// Writes the accumulators of `pixels` (channels from oc0) into the slice
  /// `out`.
  Value store(Value out, ArrayRef<Value> accs, ArrayRef<Pixel> pixels,
              Value oc0, int64_t nv, bool lastMasked);

  /// Applies the fused elementwise epilogue to the output vector `v`, the
  /// output's vw elements from `indices` along its last dimension.
  Value applyEpilogue(Value v, ValueRange indices, bool inBounds);

  // Kind::Planar (DirectConvPlanar.cpp).
  /// The loop nest: for n, forall groups, the group's output planes.
  Value emitPlanar(Value init);
  /// Group `grp`'s output planes into `slice`, [1, OCg, OH, OW].
  Value emitPlanarGroup(Value slice, Value grp);
  /// Output rows [oh0, oh0 + rows) of the group, in column blocks; `oh0` is
  /// the constant `staticOh0` for border rows (whose padding taps are then
  /// skipped at compile time).
  Value emitPlanarRows(Value slice, Value oh0, std::optional<int64_t> staticOh0,
                       int64_t rows);
  /// The register block of `rows` rows x the `lanes` pixels from `ow0` x
  /// the group's output channels, stored into `slice` (masked past OW).
  Value emitPlanarBlock(Value slice, Value oh0,
                        std::optional<int64_t> staticOh0, int64_t rows,
                        Value ow0, std::optional<int64_t> staticOw0,
                        int64_t lanes);
  /// Input row `ih` of channel `c` at the columns tap `kw` reads for output
  /// pixels [ow0, ow0 + lanes), widened to the accumulator type; padding
  /// lanes are zero. Null when `staticOw0` is set and every pixel's tap lies
  /// in the padding.
  Value readPlanarTap(Value c, Value ih, Value ow0,
                      std::optional<int64_t> staticOw0, int64_t kw,
                      int64_t lanes);

  ImplicitLocOpBuilder &b;
  ConvGeometry g;
  DirectConvPlan plan;
  Value input, filter, bias;
  /// An elementwise linalg.generic on the conv's result, applied to each
  /// output vector before it is stored (null: none).
  linalg::GenericOp epilogue;
  Conv2DOp conv;
  Type elementType, accType;
  int64_t vw;
  /// Input and output are NCHW (a channels-first plan).
  bool nchw = false;
  // Set while emitting.
  Value n, inH, inW;
  /// With input-channel blocks: the first channel of the current block.
  Value cBlockBase;
  /// With input-channel blocks: whether this is the last block.
  Value lastCBlock;
  /// A constant filter of the dense kernel in blocks of the register
  /// block's output channels (packConstantFilterBlocks).
  Value blockedFilter;
  int64_t blockedWidth = 0;
  /// The filter's buffer (a read-only bufferization.to_buffer) when the
  /// dense kernel prefetches the filter rows it reads a few input channels
  /// later (filterPrefetchBuffer()); null otherwise.
  Value filterBuffer;
  /// With plan.packFilterSlices: a read-only buffer of oihwRows, whose next
  /// slice the rows prefetch (prefetchNextFilterSlice).
  Value oihwBuffer;
  /// With plan.packFilterSlices: the OIHW filter as [O][I * KH * KW], and
  /// the first input channel of the slice blockedFilter holds.
  Value oihwRows, blockedSliceBase;
  /// bf16 with vdpbf16ps: packFilterPairs().
  Value packedFilter;
  /// plan.bf16FlatTaps: packFlatFilterPairs() and the input as
  /// [N][H][W * C].
  Value flatFilter, flatInput;
  /// Kind::Planar: the current group's first input and output channel,
  /// its filter scalars ([oc][ic][kh][kw]) and biases (or zeros), in the
  /// accumulator type.
  Value planarIc0, planarOc0;
  SmallVector<Value> planarTaps, planarBias;
};

} // namespace mlir::conv::detail

#endif // MLIR_CONV_LIB_CONVERSION_CONVTOVECTOR_DIRECTCONVEMITTER_H
