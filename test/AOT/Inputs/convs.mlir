// Convs compiled ahead of time by test/AOT/conv-compile.test.
func.func @nhwc(%x: tensor<1x6x7x3xf32>, %w: tensor<3x3x3x8xf32>, %b: tensor<8xf32>) -> tensor<1x6x7x8xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x6x7x3xf32>, tensor<3x3x3x8xf32>, tensor<8xf32> -> tensor<1x6x7x8xf32>
  return %y : tensor<1x6x7x8xf32>
}

func.func @nchw_grouped(%x: tensor<2x4x9x9xf64>, %w: tensor<6x2x3x3xf64>) -> tensor<2x6x4x4xf64> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [0, 1, 1, 0] groups = 2
      input_layout = NCHW filter_layout = OIHW
      : tensor<2x4x9x9xf64>, tensor<6x2x3x3xf64> -> tensor<2x6x4x4xf64>
  return %y : tensor<2x6x4x4xf64>
}

func.func @winograd(%x: tensor<1x20x20x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x20x20x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x20x20x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x20x20x16xf32>
  return %y : tensor<1x20x20x16xf32>
}
