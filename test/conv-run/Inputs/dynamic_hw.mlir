// Dynamic height and width, 3x3 kernel, no padding: an input smaller than
// 3x3 has no valid output position.
func.func @dynamic_hw(%x: tensor<1x?x?x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x?x?x3xf32> {
  %y = conv.conv2d %x, %w : tensor<1x?x?x2xf32>, tensor<3x3x2x3xf32> -> tensor<1x?x?x3xf32>
  return %y : tensor<1x?x?x3xf32>
}
