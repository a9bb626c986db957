// A valid conv for the pass-option cases of errors.test.
func.func @small(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x2x2x3xf32> {
  %y = conv.conv2d %x, %w : tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}
