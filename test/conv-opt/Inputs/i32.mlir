// i32 is not an element type conv2d computes in.
func.func @i32(%x: tensor<1x4x4x2xi32>, %w: tensor<3x3x2x3xi32>) -> tensor<1x2x2x3xi32> {
  %y = conv.conv2d %x, %w : tensor<1x4x4x2xi32>, tensor<3x3x2x3xi32> -> tensor<1x2x2x3xi32>
  return %y : tensor<1x2x2x3xi32>
}
