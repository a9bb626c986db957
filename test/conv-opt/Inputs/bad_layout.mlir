// NWHC is not a layout.
func.func @bad_layout(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x2x2x3xf32> {
  %y = conv.conv2d %x, %w input_layout = NWHC : tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}
