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
  let options = [
    Option<"recordLowering", "record-lowering", "bool", /*default=*/"false",
           "Record each conv's decision in its function's conv.lowering "
           "attribute (what conv-run --report prints)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertConvToVectorPass : Pass<"convert-conv-to-vector"> {
  let summary = "Lower conv.conv2d to register-blocked vector loops";
  let description = [{
    The fast CPU path: lowers every `conv.conv2d` it has a plan for to
    vector FMA loops on tensors, by the first strategy that applies
    (docs/Lowering.md):

    - Winograd F(2x2, 3x3) for dense 3x3 stride-1 convs with static shapes
      where it pays (`winograd=auto`: not bf16, channel counts of whole
      vectors, enough output tiles), never with `exact`; its 16 GEMMs are
      one grouped 1x1 conv for the dense kernel.
    - A 1x1 stride-1 unpadded NCHW conv of one image: the NHWC conv of the
      filter by the image, all three reshaped, none transposed.
    - The planar kernel for NCHW convs with groups of at most 8 channels,
      vectors along the output row.
    - The direct kernel: an `ow-block` x `oc-vectors` block of accumulators
      in vector registers, updated per tap by broadcasting an input value
      against a vector of output channels (dense) or by shuffling a vector
      of input channels onto the groups (channel-vector: depthwise, channel
      multipliers, small groups). Dense NCHW convs keep their layout unless
      they need reduction blocks.

    Padding is never materialised. Blocks follow the target (`target-cpu`,
    `target-features`: vector width, registers, L2) and the shape; the block
    options force them (`c-block`: reduction blocks for filters above the
    L2). Layout transposes run in vector tiles, constant filters are
    prepared at compile time, others may be copied into blocks per call
    (`pack-filter-blocks`), and an elementwise `linalg.generic` that is the
    conv's only user is applied in registers. Convs without a plan are left
    for `convert-conv-to-linalg`.

    Example: with `target-cpu=znver4 winograd=never`,

    ```mlir
    %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
         : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x56x56x64xf32>
    ```

    becomes an `scf.forall` over (channel block, output row) of blocks of 6
    pixels x 4 vectors of 16 channels (`dense ow=6 oc=4x16`): 24 registers
    of accumulators, 24 `vector.fma` per 4 filter loads and 6 broadcasts.
  }];
  let options = [
    Option<"targetTriple", "target-triple", "std::string", /*default=*/"\"\"",
           "LLVM target triple planned for ('': this process's)">,
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
    Option<"recordLowering", "record-lowering", "bool", /*default=*/"false",
           "Record each conv's decision in its function's conv.lowering "
           "attribute (what conv-run --report prints)">,
    Option<"threads", "threads", "unsigned", /*default=*/"1",
           "Threads the parallel loops will run on (above 1, Winograd's "
           "GEMMs split the tile rows as its transforms do)">,
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
    Option<"recordLowering", "record-lowering", "bool", /*default=*/"false",
           "Record each conv's decision in its function's conv.lowering "
           "attribute (what conv-run --report prints)">,
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

def ConvSinkTransposesPass
    : Pass<"conv-sink-transposes", "::mlir::func::FuncOp"> {
  let summary = "Move tosa.transpose below elementwise ops, so that the "
                "transposes around convs cancel";
  let description = [{
    Layout propagation for networks imported with a transpose pair around
    each NHWC op (an NCHW model in TOSA). An elementwise op (`add`, `sub`,
    `mul`, `maximum`, `minimum`, `clamp`, `sigmoid`, `tanh`, `exp`,
    `reciprocal`, `abs`, `erf`) whose operands are transposes by the same
    permutation, vectors (at most one extent above 1: their transposition
    is a reshape) or constants is rewritten to work on the untransposed
    values, and its result is transposed instead. Repeated, the transposes
    reach the next conv's NCHW -> NHWC transpose, and the pair folds away.
    This is what upstream `tosa-reduce-transposes` leaves: a
    squeeze-excitation block multiplies the activations by a per-channel
    vector that is not a constant.

    Example (the squeeze-excitation scale):

    ```mlir
    %t = tosa.transpose %x {perms = array<i32: 0, 3, 1, 2>}
           : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
    %y = tosa.mul %t, %s, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32>,
           tensor<1xi8>) -> tensor<1x4x8x8xf32>
    ```

    becomes

    ```mlir
    %r = tosa.reshape %s, %shape : (tensor<1x4x1x1xf32>, !tosa.shape<4>)
           -> tensor<1x1x1x4xf32>
    %m = tosa.mul %x, %r, %shift : (tensor<1x8x8x4xf32>, tensor<1x1x1x4xf32>,
           tensor<1xi8>) -> tensor<1x8x8x4xf32>
    %y = tosa.transpose %m {perms = array<i32: 0, 3, 1, 2>}
           : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect"];
}

#endif // MLIR_CONV_CONVERSION_PASSES_TD
