// ResNet-50's 3x3 64 -> 64 layer on a 56x56 image: the dense kernel
// (without Winograd) whose inner loop test/AOT/mca.test measures.
func.func @conv(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64xf32>) -> tensor<1x56x56x64xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x56x56x64xf32>
  return %y : tensor<1x56x56x64xf32>
}
