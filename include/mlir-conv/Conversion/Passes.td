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

#endif // MLIR_CONV_CONVERSION_PASSES_TD
