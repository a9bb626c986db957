// A ResNet-50 layer: the 3x3 convolution of the conv2_x stage (56x56 feature
// map, 64 -> 64 channels, padding 1) with bias, in MAX/TensorFlow layouts
// (NHWC input, HWIO filter). One call is 2*56*56*64*64*9 = 231 MFLOP.
//
// Run it with random inputs, check the result against the float64 reference
// conv and time 20 calls:
//
//   build/bin/conv-run examples/resnet50_3x3.mlir --check-reference --benchmark=20
//
// which prints the result type, "reference check: PASS (...)" and
// "benchmark: median_ms=... best_ms=... gflops=...". Use --input=@x.npy (one
// per argument, in order: input, filter, bias) to feed your own data and
// --output=@y.npy to save the result.
func.func @conv(%input: tensor<1x56x56x64xf32>, %filter: tensor<3x3x64x64xf32>,
                %bias: tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  %0 = conv.conv2d %input, %filter, %bias padding = [1, 1, 1, 1]
      input_layout = NHWC filter_layout = HWIO
      : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32>, tensor<64xf32>
      -> tensor<1x56x56x64xf32>
  return %0 : tensor<1x56x56x64xf32>
}
