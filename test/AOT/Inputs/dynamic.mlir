func.func @dyn(%x: tensor<?x8x8x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<?x6x6x8xf32> {
  %y = conv.conv2d %x, %w : tensor<?x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<?x6x6x8xf32>
  return %y : tensor<?x6x6x8xf32>
}
