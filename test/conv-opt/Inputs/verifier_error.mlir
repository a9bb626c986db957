// Parses, but the padding has three values.
func.func @verifier_error(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x2x2x3xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1] : tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}
