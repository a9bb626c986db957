// The op's verifier runs inside Debian's mlir-opt too.
// REQUIRES: stock-mlir-opt
// RUN: %stock_mlir_opt --load-dialect-plugin=%conv_plugin %s \
// RUN:   -split-input-file -verify-diagnostics

func.func @group_channels(%x: tensor<1x6x9x9xf32>, %w: tensor<16x4x3x3xf32>)
    -> tensor<1x16x7x7xf32> {
  // expected-error @+1 {{'conv.conv2d' op filter input channels (4) must equal input channels / groups (6 / 2 = 3)}}
  %y = conv.conv2d %x, %w groups = 2 input_layout = NCHW filter_layout = OIHW
     : tensor<1x6x9x9xf32>, tensor<16x4x3x3xf32> -> tensor<1x16x7x7xf32>
  return %y : tensor<1x16x7x7xf32>
}
