// Runs convs on an NVIDIA GPU through conv-run --device=cuda and checks them
// against the float64 reference (FORMAT.md's tolerance for the dtype). Every
// layout, groups (dense, grouped, depthwise with a multiplier), stride,
// dilation, asymmetric and over-wide padding, bias, a 1x1 output, odd channel
// counts and f32/f16/bf16/f64. Skipped without a GPU (feature cuda-gpu);
// bench/gpu/checks/execute.sh runs the same commands on a lent machine.
// REQUIRES: cuda-gpu
// RUN: conv-run %s --device=cuda --function=dense_bias --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=nchw_oihw_strided_dilated --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=grouped_ohwi --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=depthwise_multiplier --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=f16_bias --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=bf16_nchw --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=f64_wide_padding --check-reference | FileCheck %s
// RUN: conv-run %s --device=cuda --function=output_1x1 --check-reference | FileCheck %s
// CHECK: reference check: PASS

func.func @dense_bias(%x: tensor<1x9x9x16xf32>, %w: tensor<3x3x16x32xf32>, %b: tensor<32xf32>) -> tensor<1x9x9x32xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x9x9x16xf32>, tensor<3x3x16x32xf32>, tensor<32xf32> -> tensor<1x9x9x32xf32>
  return %y : tensor<1x9x9x32xf32>
}

func.func @nchw_oihw_strided_dilated(%x: tensor<2x6x11x13xf32>, %w: tensor<10x6x3x3xf32>) -> tensor<2x10x5x6xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] dilations = [2, 2] padding = [2, 1, 0, 3]
       input_layout = NCHW filter_layout = OIHW
      : tensor<2x6x11x13xf32>, tensor<10x6x3x3xf32> -> tensor<2x10x5x6xf32>
  return %y : tensor<2x10x5x6xf32>
}

func.func @grouped_ohwi(%x: tensor<1x8x8x12xf32>, %w: tensor<20x3x2x3xf32>, %b: tensor<20xf32>) -> tensor<1x8x9x20xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 4 filter_layout = OHWI
      : tensor<1x8x8x12xf32>, tensor<20x3x2x3xf32>, tensor<20xf32> -> tensor<1x8x9x20xf32>
  return %y : tensor<1x8x9x20xf32>
}

func.func @depthwise_multiplier(%x: tensor<1x10x10x6xf32>, %w: tensor<5x5x1x12xf32>) -> tensor<1x5x5x12xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [2, 2, 2, 2] groups = 6
      : tensor<1x10x10x6xf32>, tensor<5x5x1x12xf32> -> tensor<1x5x5x12xf32>
  return %y : tensor<1x5x5x12xf32>
}

func.func @f16_bias(%x: tensor<1x7x7x8xf16>, %w: tensor<3x3x8x8xf16>, %b: tensor<8xf16>) -> tensor<1x7x7x8xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x7x7x8xf16>, tensor<3x3x8x8xf16>, tensor<8xf16> -> tensor<1x7x7x8xf16>
  return %y : tensor<1x7x7x8xf16>
}

func.func @bf16_nchw(%x: tensor<1x5x10x10xbf16>, %w: tensor<7x5x3x3xbf16>, %b: tensor<7xbf16>) -> tensor<1x7x8x8xbf16> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW
      : tensor<1x5x10x10xbf16>, tensor<7x5x3x3xbf16>, tensor<7xbf16> -> tensor<1x7x8x8xbf16>
  return %y : tensor<1x7x8x8xbf16>
}

func.func @f64_wide_padding(%x: tensor<1x6x6x3xf64>, %w: tensor<3x3x3x5xf64>) -> tensor<1x12x12x5xf64> {
  %y = conv.conv2d %x, %w padding = [4, 4, 4, 4]
      : tensor<1x6x6x3xf64>, tensor<3x3x3x5xf64> -> tensor<1x12x12x5xf64>
  return %y : tensor<1x12x12x5xf64>
}

func.func @output_1x1(%x: tensor<1x3x3x64xf32>, %w: tensor<3x3x64x128xf32>) -> tensor<1x1x1x128xf32> {
  %y = conv.conv2d %x, %w : tensor<1x3x3x64xf32>, tensor<3x3x64x128xf32> -> tensor<1x1x1x128xf32>
  return %y : tensor<1x1x1x128xf32>
}
