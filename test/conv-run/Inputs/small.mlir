// One small conv (2x2 input, 1x1 kernel): the target of most error tests.
func.func @small(%x: tensor<1x2x2x1xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x2x2x1xf32> {
  %y = conv.conv2d %x, %w : tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32> -> tensor<1x2x2x1xf32>
  return %y : tensor<1x2x2x1xf32>
}
