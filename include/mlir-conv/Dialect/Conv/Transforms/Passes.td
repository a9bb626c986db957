//===- Passes.td - Transforms of the conv dialect ----------*- tablegen -*-===//
//
// Part of mlir-conv. Passes that rewrite conv dialect ops in place.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_TRANSFORMS_PASSES_TD
#define MLIR_CONV_DIALECT_CONV_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvNormalizeLayoutPass : Pass<"conv-normalize-layout"> {
  let summary = "Rewrite every conv.conv2d to NHWC input and HWIO filter";
  let description = [{
    The one place layouts are dealt with: a `conv.conv2d` whose input is NCHW
    or whose filter is OIHW/OHWI becomes an NHWC/HWIO `conv.conv2d` between
    `linalg.transpose`s of the input, the filter and (for NCHW) the result.
    Lowerings after it handle only NHWC/HWIO. Convs already in NHWC/HWIO are
    left alone.

    Example:

    ```mlir
    %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW
         : tensor<1x4x8x8xf32>, tensor<16x4x3x3xf32> -> tensor<1x16x6x6xf32>
    ```

    becomes a transpose of `%x` with permutation [0, 2, 3, 1], of `%w` with
    [2, 3, 1, 0], an NHWC/HWIO `conv.conv2d` producing 1x6x6x16, and a
    transpose of its result with [0, 3, 1, 2].
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // MLIR_CONV_DIALECT_CONV_TRANSFORMS_PASSES_TD
