// Two functions, so conv-run needs --function; @dynamic has a dynamic batch.
func.func @static(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x2x2x3xf32> {
  %y = conv.conv2d %x, %w : tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}
func.func @dynamic(%x: tensor<?x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<?x2x2x3xf32> {
  %y = conv.conv2d %x, %w : tensor<?x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<?x2x2x3xf32>
  return %y : tensor<?x2x2x3xf32>
}
