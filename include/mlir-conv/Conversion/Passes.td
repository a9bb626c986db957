//===- Passes.td - Conversion passes of mlir-conv ----------*- tablegen -*-===//
//
// Part of mlir-conv. Every conversion pass, aggregated as upstream does.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_PASSES_TD
#define MLIR_CONV_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertConvToLinalgPass : Pass<"convert-conv-to-linalg"> {
  let summary = "Lower conv.conv2d to linalg on tensors";
  let description = [{
    Rewrites every `conv.conv2d` into linalg on tensors through one normalised
    form: the input is transposed to NHWC and the filter to HWIO (only when
    they are not already), the zero padding becomes a `tensor.pad`, and the
    conv itself becomes

    - `linalg.conv_2d_nhwc_hwcf` when `groups` is 1,
    - `linalg.depthwise_conv_2d_nhwc_hwc` when every group has one input and
      one output channel, and `linalg.depthwise_conv_2d_nhwc_hwcm` for a
      channel multiplier above 1,
    - a grouped `linalg.generic` otherwise.

    The accumulator is f32 for f16 and bf16 (f64 for f64, f32 for f32); it is
    initialised with the broadcast bias (or zero), and the result is rounded
    to the element type once at the end. An NCHW result is transposed back.

    Example:

    ```mlir
    %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
         : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x8x8x16xf32>
    ```

    becomes a `tensor.pad` of `%x` to 1x10x10x4, a `linalg.fill` of a
    1x8x8x16 accumulator with zero and a `linalg.conv_2d_nhwc_hwcf`.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertConvToVectorPass : Pass<"convert-conv-to-vector"> {
  let summary = "Lower conv.conv2d to register-blocked vector loops";
  let description = [{
    The fast CPU path. Every `conv.conv2d` that a direct plan exists for
    (groups == 1, or groups > 1 with IC/groups <= OC/groups and OC/groups
    dividing the vector width: depthwise, channel multipliers, small groups)
    is normalised to NHWC/HWIO and lowered, on tensors, to loops over
    (n, oh, oc block, ow block) whose innermost body keeps an
    `ow-block` x `oc-vectors` block of accumulators in vector registers and
    updates it with `vector.fma`:

    - dense convs broadcast one input value and multiply it by a vector of
      output channels of the filter;
    - grouped and depthwise convs load a vector of input channels and shuffle
      it onto the groups of the output channels.

    Padding is never materialised: rows of padding are skipped, interior
    blocks run unchecked; with a static input width the border blocks have
    static columns (kw unrolled, padding taps not emitted), otherwise they
    read clamped addresses and select zero.
    The block is chosen from the vector width and register count (options,
    defaulting to the host's) and the shape, maximising FMAs per load; both
    can be forced. Convs without a plan are left for
    `convert-conv-to-linalg`.

    bf16 dense convs on targets with AVX512-BF16 (`+avx512bf16` in
    `target-features`, or the host's) take input channels in pairs: each
    output vector is updated by one `x86vector.avx512.dot` (`vdpbf16ps`) of
    the broadcast input pair and the pair's two filter rows interleaved.
    The interleaved filter is packed once per call into a copy,
    [KH][KW][ICg/2][2*OC], so the loops do no shuffles (odd channel counts,
    without groups, pad the last pair with zero). With an odd channel count
    (the 3-channel stem), interior blocks pair the products of a whole
    filter row over (kw, c) instead, contiguous in NHWC input and HWIO
    filter: 7 x 3 = 21 products in 11 pairs rather than 14.

    NCHW input with the dense kernel (f32, f16, f64; bf16 without
    `vdpbf16ps`) is not transposed: the loops broadcast input scalars from
    the channel planes and write the NCHW result by transposing each
    register block into rows of pixels (`vector.transpose`); such blocks keep
    to half the registers, and take no row groups or reduction blocks. Only
    an OIHW/OHWI filter is transposed to HWIO; OIHW filters whose O and
    I*KH*KW are multiples of the vector width are transposed in tiles of
    vector reads, `vector.transpose` and vector writes.

    A 1x1 stride-1 unpadded NCHW conv of one image (f32/f64, static H and
    W) with an OIHW/OHWI filter, whose H*W pixels fill whole vectors but
    for at most an eighth, is the product Y[O][HW] = W[O][I] X[I][HW]: it
    is lowered as the NHWC/HWIO conv of the filter, its O rows as pixels
    ([1, O/w, w, I]), by the image as a filter ([1, 1, I, H*W]), with the
    kernel writing into a view of the NCHW result. Filter, image and
    result are reshaped, none transposed (ResNet-50's 1x1s1_14: +11 % ->
    +5 % over NHWC). The bias (per pixel of that conv) and an epilogue
    become one fused elementwise generic.

    With reduction blocks (`c-block`), an OIHW filter that is not a constant
    is not transposed whole: each block packs its slice straight from OIHW
    (tile transposes, in parallel over tiles of output channels) into blocks
    of the register block's output channels, in one buffer per call sized to
    stay in L2 (blocks of at most 3/8 of the L2 of packed filter unless
    `c-block` is given); the FMAs read that buffer. For example
    `conv.conv2d %x, %w ... filter_layout = OIHW : tensor<1x7x7x512xf32>,
    tensor<512x512x3x3xf32>` is planned as `dense ow=7 oc=3x16 c-block=16
    filter-slices-from-oihw`.

    NCHW convs with groups of at most 8 input and 8 output channels
    (depthwise, channel multipliers, ResNeXt-style groups), static H and W,
    W-stride 1 or 2 and output rows of at least half a vector take the
    planar kernel: vectors run along an output row, input, filter (any
    layout) and output are not transposed. A block is `oh-block` rows x one
    vector of pixels x the group's output channels; each input-row vector is
    read once per block (stride 2: two reads and a shuffle of the even or
    odd lanes) and multiplied by broadcast filter scalars. Border rows and
    column blocks are emitted with static coordinates (taps wholly in the
    padding are not emitted, partly padded reads are masked or shifted in
    with zeros), the interior as loops without checks; a row's last partial
    block uses the narrowest vector that holds it. Other NCHW convs
    (channel-vector kernels, `vdpbf16ps`) are normalised to NHWC.

    Winograd F(2x2, 3x3), the second strategy (`winograd` option): dense
    3x3 stride-1 undilated convs with static shapes become a filter
    transform U = G g G^T, an input transform V = B^T d B per 2x2 output
    tile, 16 GEMMs [tiles x IC] x [IC x OC] expressed as one grouped 1x1
    conv (lowered by the dense kernel above) and an output transform
    A^T M A that adds the bias and applies a fused epilogue: 16 products
    per tile and channel pair instead of 36. Transforms are vector loops
    over channel vectors, taps in the padding read zero; f16/bf16 are
    transformed and multiplied in f32; channel counts are padded to whole
    vectors. `auto` (the default) takes it for f32/f16/f64 convs whose
    channel counts are whole vectors and that have at least 20 output tiles
    (measured: 3x3_56 1.96 -> 1.18 ms, 3x3_14 1.85 -> 1.12 ms, but 3x3_7, 16
    tiles with a 512 x 512 filter to transform per call, 2.04 -> 3.51 ms);
    `always` wherever it applies, `never` not at all. Small ones (fewer
    than 4096 tile-channels) run as sequential loops. An OIHW filter that
    is an argument is read as it is by the filter transform ([O][I * 9]: a
    channel's 9 taps of a vector of output channels are the first columns
    of a tile transpose), not transposed to HWIO first.

    Filters above the target's L2 that are arguments or fresh tensors (such
    as Winograd's U) are prefetched by the dense kernel: with each filter
    vector of input channel c it prefetches (`memref.prefetch` into L2, on
    a read-only `bufferization.to_buffer` of the filter) the same vector of
    channel c + 16. An HWIO filter's rows of a block's output channels lie
    O * 4 bytes apart, which the hardware prefetchers do not follow.

    Filters that are not constants (arguments, fresh tensors) are copied per
    call into the same blocks of the register block's output channels
    (`pack-filter-blocks`, on by default) where the kernel reads each filter
    element at least 4 times (images x output rows x pixel blocks) and has
    no reduction blocks (whose slices stay in L2): a copy in
    parallel over the blocks, then one contiguous stream for the FMAs instead
    of pieces OC elements apart. Not for Winograd's U nor the pointwise NCHW
    swap's image (measured slower).

    Constant filters (a frozen model's `arith.constant`, dense or
    `dense_resource`) are prepared at compile time: the transpose of an
    OIHW/OHWI filter to HWIO and Winograd's U become new constants, so no
    call repeats them (NCHW 3x3_7: +69 % -> +3 % over NHWC); the dense
    kernel reads a constant filter laid out in blocks of its register
    block's output channels, [OC/width][KH][KW][IC][width], one contiguous
    stream instead of pieces OC elements apart. With a constant filter,
    `auto` takes Winograd wherever its 16 products per 2x2 tile are at most
    9/10 of the direct kernel's taps outside the padding (frozen 3x3_7:
    1.68 -> 1.24 ms).

    Epilogue fusion: when the conv's only user is an elementwise
    `linalg.generic` (all parallel, float `arith` ops, the conv read with
    the identity map; other inputs of the conv's type such as a residual,
    or broadcast ones whose maps pick dimensions in order, such as a bias
    `(d0, d1, d2, d3) -> (d3)`: read as a vector along the last dimension,
    or one splat scalar without it), its body is applied to
    each output vector in registers before the store, so the generic and
    the intermediate tensor disappear (bias is already the accumulators'
    initial value). With reduction blocks (`c-block`) every block stores
    its partial sums and only the last one the epilogue's result. With
    NCHW outputs (the planar kernel, and the dense kernel after it
    transposes a block) it applies to each channel's row of pixels, a
    vector along W. Convs lowered in NHWC between layout transposes
    (Winograd and reduction-block convs with NCHW input) have the result's
    transpose apply it to each channel's vector of pixels (along the
    collapsed H * W), when its broadcast inputs keep to N and C.

    Example: a 3x3 conv of 1x56x56x64 to 64 channels on AVX-512 gets the block
    ow=6 x oc=4x16: 24 zmm accumulators, 4 filter loads and 6 broadcasts per
    24 FMAs.
  }];
  let options = [
    Option<"targetCPU", "target-cpu", "std::string", /*default=*/"\"host\"",
           "LLVM CPU planned for ('host': MLIR_CONV_HOST_CPU or this "
           "machine's); its features, registers and caches set the defaults">,
    Option<"targetFeatures", "target-features", "std::string",
           /*default=*/"\"host\"",
           "Changes to the CPU's features, +name/-name ('host': none)">,
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"0",
           "Vector register width in bits (0: the target's)">,
    Option<"numRegisters", "num-registers", "unsigned", /*default=*/"0",
           "Vector registers available (0: the target's)">,
    Option<"owBlock", "ow-block", "int64_t", /*default=*/"0",
           "Output pixels per register block (0: choose)">,
    Option<"ocVectors", "oc-vectors", "int64_t", /*default=*/"0",
           "Output-channel vectors per register block (0: choose)">,
    Option<"ohBlock", "oh-block", "int64_t", /*default=*/"0",
           "Whole output rows per register block (0: choose)">,
    Option<"cBlock", "c-block", "int64_t", /*default=*/"0",
           "Input channels per reduction block (0: choose, -1: never)">,
    Option<"packFilterBlocks", "pack-filter-blocks", "bool",
           /*default=*/"true",
           "Copy a dense kernel's filter that is not a constant into blocks "
           "of its register block's output channels per call, where the "
           "kernel reads it at least 4 times">,
    Option<"exact", "exact", "bool", /*default=*/"false",
           "Exact strategies only: no Winograd, so a non-finite input "
           "reaches only the outputs whose window reads it">,
    Option<"winograd", "winograd", "::mlir::conv::WinogradPolicy",
           /*default=*/"::mlir::conv::WinogradPolicy::Auto",
           "Winograd F(2x2, 3x3) for dense 3x3 stride-1 f32 convs",
           [{::llvm::cl::values(
             clEnumValN(::mlir::conv::WinogradPolicy::Auto, "auto",
                        "where it applies and pays (enough output tiles)"),
             clEnumValN(::mlir::conv::WinogradPolicy::Never, "never",
                        "never (direct kernels only)"),
             clEnumValN(::mlir::conv::WinogradPolicy::Always, "always",
                        "wherever it applies"))}]>,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
    "::mlir::x86vector::X86VectorDialect",
  ];
}

def ConvertConvToGPUPass : Pass<"convert-conv-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Replace conv.conv2d by calls of GPU conv functions";
  let description = [{
    The first half of the GPU lowering. Every `conv.conv2d` with static
    shapes is normalised to NHWC/HWIO and replaced by a call of a new private
    function declaration on memrefs, `@conv2d_gpu(input, filter[, bias],
    output)`, with `bufferization.to_buffer` of the operands and a new host
    buffer for the result (returned as a tensor). The declaration carries the
    conv (strides, dilations, padding, groups) and its tiling in the
    `conv.gpu_conv2d` attribute; `conv-build-gpu-kernels` gives it its body
    after bufferization and host-side buffer deallocation (which rejects GPU
    ops). Convs with dynamic shapes are left for `convert-conv-to-linalg`
    (on the host).

    The tiling is an implicit GEMM: a thread block computes `tileM` output
    pixels x `tileN` output channels of one group (grid: pixel tiles x
    channel tiles x groups), each thread a `reg-m` x `reg-n` block of
    accumulators kept in registers; per filter tap and `tile-k` input
    channels, the block stages the input patch and the filter slice in
    shared memory. The register block shrinks from 4x4 until the grid has
    `fill-blocks` blocks, so that batch-1 layers fill the device; when even
    that is too few (deep layers), f32 convs split the reduction over
    `split-k` blocks that add their partial sums atomically. Depthwise convs
    (one input channel per group) get a direct kernel instead: each thread
    computes 4 (or 1) output channels of one pixel from global memory,
    threads along the channels so that loads are coalesced.

    Example:

    ```mlir
    %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
         : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x56x56x64xf32>
    ```

    becomes `call @conv2d_gpu(%x_buf, %w_buf, %y_buf)` on memrefs and a
    declaration whose attribute records
    `tiling = "implicit-gemm tile=32x64x16 reg=2x4 threads=256 grid=98x1x1
    vec=4/4"`.
  }];
  let options = [
    Option<"regM", "reg-m", "int64_t", /*default=*/"0",
           "Output pixels per thread: 1, 2 or 4 (0: choose)">,
    Option<"regN", "reg-n", "int64_t", /*default=*/"0",
           "Output channels per thread: 1, 2 or 4 (0: choose)">,
    Option<"tileK", "tile-k", "int64_t", /*default=*/"0",
           "Input channels staged per step (0: choose)">,
    Option<"threads", "threads", "int64_t", /*default=*/"256",
           "Threads per block (a power of two in [32, 1024])">,
    Option<"fillBlocks", "fill-blocks", "int64_t", /*default=*/"96",
           "Blocks the grid should have at least (about 3/4 of the device's "
           "multiprocessors)">,
    Option<"multiprocessors", "multiprocessors", "int64_t",
           /*default=*/"132",
           "The device's multiprocessors (f32 convs with long reductions "
           "split them while the grid has fewer blocks)">,
    Option<"splitK", "split-k", "int64_t", /*default=*/"0",
           "Blocks each reduction is split over (0: choose; above 1 only "
           "for f32, dividing the reduction steps)">,
    Option<"depthwiseKernel", "depthwise-kernel", "bool", /*default=*/"true",
           "Depthwise convs (one input channel per group) get the direct "
           "kernel (threads along the channels, no shared memory)">,
  ];
  let dependentDialects = [
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def ConvBuildGpuKernelsPass
    : Pass<"conv-build-gpu-kernels", "::mlir::ModuleOp"> {
  let summary = "Give the GPU conv functions their bodies";
  let description = [{
    The second half of the GPU lowering: every function declaration made by
    `convert-conv-to-gpu` (attribute `conv.gpu_conv2d`) gets its body, on one
    stream of async tokens: device buffers (`gpu.alloc`), copies of input,
    filter and bias to the device (`gpu.memcpy`), a `gpu.launch` of the tiled
    kernel, the copy of the result into the output argument, and frees.

    The kernel: for every filter tap and every `tile-k` input channels, the
    block's threads stage the input patch (`tileK x tileM`, zero where a tap
    falls into the padding: clamped address and select) and the filter
    slice (`tileK x tileN`) in workgroup memory, with 4-element vector loads
    where the channel counts are multiples of 4, synchronise with
    `gpu.barrier`, and update their `reg-m` x `reg-n` accumulators (f32, f64
    for f64) with FMAs. The bias is added and f16/bf16 results rounded once
    at the store.

    Example: `func.func private @conv2d_gpu(memref<1x8x8x16xf32>,
    memref<3x3x16x32xf32>, memref<1x8x8x32xf32>) attributes
    {conv.gpu_conv2d = {...}}` gets a body with three `gpu.alloc`, two
    copies in, one `gpu.launch ... workgroup(memref<8x..xf32,
    #gpu.address_space<workgroup>>, ...)` and one copy out.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ConvertTosaToConvPass : Pass<"convert-tosa-to-conv"> {
  let summary = "Import tosa.conv2d and tosa.depthwise_conv2d as conv.conv2d";
  let description = [{
    Raises the float TOSA 2-D convs into `conv.conv2d`, keeping their pad,
    stride and dilation:

    - `tosa.conv2d` (NHWC input, OHWI weight) becomes a conv with
      `filter_layout = OHWI`;
    - `tosa.depthwise_conv2d` (NHWC input, weight [KH, KW, C, M]) becomes a
      conv with `groups = C` whose weight is reshaped to HWIO
      [KH, KW, 1, C * M] (the output channel order c * M + m is the same).

    A bias of one element is splat to the output channels. f16 and bf16
    convs accumulate in f32 (as every `conv.conv2d` does), whatever their
    `acc_type`. A conv with a non-zero (or non-constant) input or weight zero
    point cannot be expressed and is an error; convs of other element types
    (integers, fp8) are left as they are.

    Example:

    ```mlir
    %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
           dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>,
           stride = array<i64: 1, 1>}
         : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>,
            tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
    ```

    becomes

    ```mlir
    %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] filter_layout = OHWI
         : tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>
         -> tensor<1x8x8x4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::conv::ConvDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertLinalgToConvPass : Pass<"convert-linalg-to-conv"> {
  let summary = "Import the linalg named 2-D convs as conv.conv2d";
  let description = [{
    Raises `linalg.conv_2d_nhwc_hwcf`, `linalg.conv_2d_nchw_fchw`,
    `linalg.conv_2d_nhwc_fhwc`, `linalg.depthwise_conv_2d_nhwc_hwc` and
    `linalg.depthwise_conv_2d_nhwc_hwcm` on float tensors of one element type
    into `conv.conv2d` with the matching layouts (depthwise filters are
    reshaped to HWIO with `groups = C`; the multiplier form's 5-D result is
    an `tensor.expand_shape` of the conv's).

    Around the op:

    - a `tensor.pad` of the input with a constant zero on H and W only
      becomes the conv's `padding` (the pad dies if nothing else uses it);
    - the init the linalg conv accumulates into becomes the conv's bias when
      it broadcasts a 1-D tensor along the channels (`linalg.broadcast`, or
      the copy `linalg.generic` tosa-to-linalg writes), disappears when it is
      a `linalg.fill` of zero, and is added with `linalg.add` otherwise.

    f16 and bf16 convs then accumulate in f32 rather than in their own type.
    Other linalg convs (quantized, 1-D, 3-D, mixed element types) are left
    as they are.

    Example:

    ```mlir
    %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] { ... 0.0 ... }
         : tensor<1x8x8x3xf32> to tensor<1x10x10x3xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x4xf32>)
         -> tensor<1x8x8x4xf32>
    %y = linalg.conv_2d_nhwc_hwcf ins(%p, %w : tensor<1x10x10x3xf32>,
         tensor<3x3x3x4xf32>) outs(%z : tensor<1x8x8x4xf32>)
         -> tensor<1x8x8x4xf32>
    ```

    becomes
    `%y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : ... -> tensor<1x8x8x4xf32>`.
  }];
  let dependentDialects = [
    "::mlir::conv::ConvDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // MLIR_CONV_CONVERSION_PASSES_TD
