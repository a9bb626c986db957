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

    Padding is never materialised: rows of padding are skipped, border blocks
    read clamped addresses and select zero, interior blocks run unchecked.
    The block is chosen from the vector width and register count (options,
    defaulting to the host's) and the shape, maximising FMAs per load; both
    can be forced. Convs without a plan are left for
    `convert-conv-to-linalg`.

    Epilogue fusion: when the conv's only user is an elementwise
    `linalg.generic` (identity maps, all parallel, float `arith` ops, other
    inputs of the conv's type such as a residual), its body is applied to
    each output vector in registers before the store, so the generic and
    the intermediate tensor disappear (bias is already the accumulators'
    initial value). Not with reduction blocks (`c-block`).

    Example: a 3x3 conv of 1x56x56x64 to 64 channels on AVX-512 gets the block
    ow=6 x oc=4x16: 24 zmm accumulators, 4 filter loads and 6 broadcasts per
    24 FMAs.
  }];
  let options = [
    Option<"targetFeatures", "target-features", "std::string",
           /*default=*/"\"host\"",
           "LLVM target features the defaults below derive from ('host': "
           "this machine's)">,
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"0",
           "Vector register width in bits (0: from target-features)">,
    Option<"numRegisters", "num-registers", "unsigned", /*default=*/"0",
           "Vector registers available (0: from target-features)">,
    Option<"owBlock", "ow-block", "int64_t", /*default=*/"0",
           "Output pixels per register block (0: choose)">,
    Option<"ocVectors", "oc-vectors", "int64_t", /*default=*/"0",
           "Output-channel vectors per register block (0: choose)">,
    Option<"ohBlock", "oh-block", "int64_t", /*default=*/"0",
           "Whole output rows per register block (0: choose)">,
    Option<"cBlock", "c-block", "int64_t", /*default=*/"0",
           "Input channels per reduction block (0: choose, -1: never)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

#endif // MLIR_CONV_CONVERSION_PASSES_TD
