// 2^32 x 2^32 input elements: the size in bytes overflows int64.
func.func @overflow(%x: tensor<4294967296x4294967296x1x1xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<4294967296x4294967296x1x1xf32> {
  %y = conv.conv2d %x, %w : tensor<4294967296x4294967296x1x1xf32>, tensor<1x1x1x1xf32> -> tensor<4294967296x4294967296x1x1xf32>
  return %y : tensor<4294967296x4294967296x1x1xf32>
}
