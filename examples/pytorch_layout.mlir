// A convolution as PyTorch writes it:
//   torch.nn.Conv2d(32, 64, kernel_size=3, stride=2, padding=1, groups=2,
//                   bias=True)
// applied to a 1x32x28x28 tensor. Input and output are NCHW, the weight is
// OIHW with I = 32 / groups = 16; output channels 0-31 read input channels
// 0-15 and 32-63 read 16-31. Output: (28 + 2 - 3)/2 + 1 = 14, so 1x64x14x14
// (2*14*14*64*16*9 = 3.6 MFLOP).
//
//   build/bin/conv-run examples/pytorch_layout.mlir --check-reference --benchmark=20
//
// To compare with PyTorch, save x, conv.weight and conv.bias with numpy.save
// (float32) and run
//   build/bin/conv-run examples/pytorch_layout.mlir --input=@x.npy \
//     --input=@weight.npy --input=@bias.npy --expected-output=@y.npy
// where y.npy is conv(x) saved the same way.
func.func @conv(%x: tensor<1x32x28x28xf32>, %weight: tensor<64x16x3x3xf32>,
                %bias: tensor<64xf32>) -> tensor<1x64x14x14xf32> {
  %y = conv.conv2d %x, %weight, %bias strides = [2, 2] padding = [1, 1, 1, 1]
      groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x32x28x28xf32>, tensor<64x16x3x3xf32>, tensor<64xf32>
      -> tensor<1x64x14x14xf32>
  return %y : tensor<1x64x14x14xf32>
}
