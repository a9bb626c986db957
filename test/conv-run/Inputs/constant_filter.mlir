// The filter is a constant, not an argument: the reference cannot check it.
func.func @constant_filter(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x2x2xf32>
  %y = conv.conv2d %x, %w : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}
