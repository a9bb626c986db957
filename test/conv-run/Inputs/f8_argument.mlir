// f8E4M3FN (an 8-bit float) is not an element type conv2d computes in.
func.func @f8E4M3FN(%x: tensor<1x4x4x2xf8E4M3FN>, %w: tensor<3x3x2x3xf8E4M3FN>) -> tensor<1x2x2x3xf8E4M3FN> {
  %y = conv.conv2d %x, %w : tensor<1x4x4x2xf8E4M3FN>, tensor<3x3x2x3xf8E4M3FN> -> tensor<1x2x2x3xf8E4M3FN>
  return %y : tensor<1x2x2x3xf8E4M3FN>
}
