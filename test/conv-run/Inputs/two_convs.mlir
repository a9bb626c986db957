// Two chained convs: runs, but the float64 reference cannot check it.
func.func @two_convs(%x: tensor<1x4x4x2xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<1x4x4x2xf32> {
  %y = conv.conv2d %x, %w : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x4x4x2xf32>
  %z = conv.conv2d %y, %w : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x4x4x2xf32>
  return %z : tensor<1x4x4x2xf32>
}
