// Debian's own mlir-opt parses, verifies and prints the conv dialect once it
// has loaded our plugin; without it, it rejects the op.
// REQUIRES: stock-mlir-opt
// RUN: %stock_mlir_opt --load-dialect-plugin=%conv_plugin %s -split-input-file \
// RUN:   | %stock_mlir_opt --load-dialect-plugin=%conv_plugin -split-input-file \
// RUN:   | FileCheck %s
// RUN: not %stock_mlir_opt %s -split-input-file 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOPLUGIN

// CHECK-LABEL: func.func @nchw
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x9x9xf32>, %[[W:.+]]: tensor<16x4x3x3xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: conv.conv2d %[[X]], %[[W]], %[[B]] strides = [2, 2] padding = [1, 1, 1, 1] groups = 2 input_layout = NCHW filter_layout = OIHW
// CHECK-SAME: -> tensor<1x16x5x5xf32>
// NOPLUGIN: Dialect `conv' not found for custom op 'conv.conv2d'
func.func @nchw(%x: tensor<1x8x9x9xf32>, %w: tensor<16x4x3x3xf32>,
                %b: tensor<16xf32>) -> tensor<1x16x5x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
       groups = 2 input_layout = NCHW filter_layout = OIHW
     : tensor<1x8x9x9xf32>, tensor<16x4x3x3xf32>, tensor<16xf32>
    -> tensor<1x16x5x5xf32>
  return %y : tensor<1x16x5x5xf32>
}

// -----

// CHECK-LABEL: func.func @defaults
// CHECK: conv.conv2d %{{.+}}, %{{.+}} : tensor<2x5x5x3xf16>, tensor<3x3x3x4xf16> -> tensor<2x3x3x4xf16>
func.func @defaults(%x: tensor<2x5x5x3xf16>, %w: tensor<3x3x3x4xf16>)
    -> tensor<2x3x3x4xf16> {
  %y = conv.conv2d %x, %w : tensor<2x5x5x3xf16>, tensor<3x3x3x4xf16>
    -> tensor<2x3x3x4xf16>
  return %y : tensor<2x3x3x4xf16>
}
