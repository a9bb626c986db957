// Strides, dilations, padding and extents, checked against the float64
// reference. Output extent: OH = (H + top + bottom - dh*(KH-1) - 1)/sh + 1.
//
// Each function is its own split-file part, so that every conv-run
// compiles just the function it runs.
// RUN: rm -rf %t && split-file %s %t

//--- dilation2.mlir
// Dilation 2: 3x3 kernel, 11x11 input, padding 2 (same size).
// RUN: conv-run %t/dilation2.mlir --check-reference | FileCheck %s --check-prefix=DILATION2
// DILATION2: result[0]: tensor<1x11x11x6xf32>
// DILATION2-NEXT: reference check: PASS
func.func @dilation2(%x: tensor<1x11x11x4xf32>, %w: tensor<3x3x4x6xf32>, %b: tensor<6xf32>) -> tensor<1x11x11x6xf32> {
  %y = conv.conv2d %x, %w, %b dilations = [2, 2] padding = [2, 2, 2, 2]
      : tensor<1x11x11x4xf32>, tensor<3x3x4x6xf32>, tensor<6xf32> -> tensor<1x11x11x6xf32>
  return %y : tensor<1x11x11x6xf32>
}

//--- dilation2x3.mlir
// Non-square dilation [2, 3], NCHW/OIHW: 10x13 input -> 6x7.
// RUN: conv-run %t/dilation2x3.mlir --check-reference | FileCheck %s --check-prefix=DILATION2X3
// DILATION2X3: result[0]: tensor<1x5x6x7xf32>
// DILATION2X3-NEXT: reference check: PASS
func.func @dilation2x3(%x: tensor<1x3x10x13xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<5xf32>) -> tensor<1x5x6x7xf32> {
  %y = conv.conv2d %x, %w, %b dilations = [2, 3] input_layout = NCHW filter_layout = OIHW
      : tensor<1x3x10x13xf32>, tensor<5x3x3x3xf32>, tensor<5xf32> -> tensor<1x5x6x7xf32>
  return %y : tensor<1x5x6x7xf32>
}

//--- dilation3x1_stride2.mlir
// Dilation [3, 1] with stride 2 and padding, NHWC/OHWI.
// RUN: conv-run %t/dilation3x1_stride2.mlir --check-reference | FileCheck %s --check-prefix=DILATION3X1-STRIDE2
// DILATION3X1-STRIDE2: result[0]: tensor<1x7x5x4xf32>
// DILATION3X1-STRIDE2-NEXT: reference check: PASS
func.func @dilation3x1_stride2(%x: tensor<1x14x9x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x7x5x4xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] dilations = [3, 1] padding = [3, 3, 1, 1] filter_layout = OHWI
      : tensor<1x14x9x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<1x7x5x4xf32>
  return %y : tensor<1x7x5x4xf32>
}

//--- stride2.mlir
// Stride 2, 3x3, padding 1: 15x15 -> 8x8.
// RUN: conv-run %t/stride2.mlir --check-reference | FileCheck %s --check-prefix=STRIDE2
// STRIDE2: result[0]: tensor<1x8x8x7xf32>
// STRIDE2-NEXT: reference check: PASS
func.func @stride2(%x: tensor<1x15x15x5xf32>, %w: tensor<3x3x5x7xf32>, %b: tensor<7xf32>) -> tensor<1x8x8x7xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x15x15x5xf32>, tensor<3x3x5x7xf32>, tensor<7xf32> -> tensor<1x8x8x7xf32>
  return %y : tensor<1x8x8x7xf32>
}

//--- stride1x3.mlir
// Non-square stride [1, 3], NCHW/OHWI: 8x20 -> 6x6.
// RUN: conv-run %t/stride1x3.mlir --check-reference | FileCheck %s --check-prefix=STRIDE1X3
// STRIDE1X3: result[0]: tensor<1x4x6x6xf32>
// STRIDE1X3-NEXT: reference check: PASS
func.func @stride1x3(%x: tensor<1x3x8x20xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %y = conv.conv2d %x, %w, %b strides = [1, 3] input_layout = NCHW filter_layout = OHWI
      : tensor<1x3x8x20xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

//--- stride_gt_kernel.mlir
// Stride [3, 4] larger than the 2x2 kernel (rows/columns skipped): 14x17 -> 5x4.
// RUN: conv-run %t/stride_gt_kernel.mlir --check-reference | FileCheck %s --check-prefix=STRIDE-GT-KERNEL
// STRIDE-GT-KERNEL: result[0]: tensor<1x5x4x5xf32>
// STRIDE-GT-KERNEL-NEXT: reference check: PASS
func.func @stride_gt_kernel(%x: tensor<1x14x17x3xf32>, %w: tensor<2x2x3x5xf32>, %b: tensor<5xf32>) -> tensor<1x5x4x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [3, 4]
      : tensor<1x14x17x3xf32>, tensor<2x2x3x5xf32>, tensor<5xf32> -> tensor<1x5x4x5xf32>
  return %y : tensor<1x5x4x5xf32>
}

//--- stride3_k1.mlir
// Stride 3 larger than a 1x1 kernel, NCHW/OIHW (subsampling): 10x11 -> 4x4.
// RUN: conv-run %t/stride3_k1.mlir --check-reference | FileCheck %s --check-prefix=STRIDE3-K1
// STRIDE3-K1: result[0]: tensor<1x3x4x4xf32>
// STRIDE3-K1-NEXT: reference check: PASS
func.func @stride3_k1(%x: tensor<1x4x10x11xf32>, %w: tensor<3x4x1x1xf32>, %b: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %y = conv.conv2d %x, %w, %b strides = [3, 3] input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x10x11xf32>, tensor<3x4x1x1xf32>, tensor<3xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

//--- asym_padding.mlir
// Asymmetric padding [0, 2, 3, 1].
// RUN: conv-run %t/asym_padding.mlir --check-reference | FileCheck %s --check-prefix=ASYM-PADDING
// ASYM-PADDING: result[0]: tensor<1x7x10x5xf32>
// ASYM-PADDING-NEXT: reference check: PASS
func.func @asym_padding(%x: tensor<1x7x8x3xf32>, %w: tensor<3x3x3x5xf32>, %b: tensor<5xf32>) -> tensor<1x7x10x5xf32> {
  %y = conv.conv2d %x, %w, %b padding = [0, 2, 3, 1]
      : tensor<1x7x8x3xf32>, tensor<3x3x3x5xf32>, tensor<5xf32> -> tensor<1x7x10x5xf32>
  return %y : tensor<1x7x10x5xf32>
}

//--- asym_padding_stride2.mlir
// Asymmetric padding [2, 0, 0, 3] with stride 2, NCHW/OIHW.
// RUN: conv-run %t/asym_padding_stride2.mlir --check-reference | FileCheck %s --check-prefix=ASYM-PADDING-STRIDE2
// ASYM-PADDING-STRIDE2: result[0]: tensor<1x4x5x5xf32>
// ASYM-PADDING-STRIDE2-NEXT: reference check: PASS
func.func @asym_padding_stride2(%x: tensor<1x4x9x8xf32>, %w: tensor<4x4x3x2xf32>, %b: tensor<4xf32>) -> tensor<1x4x5x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [2, 0, 0, 3] input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x9x8xf32>, tensor<4x4x3x2xf32>, tensor<4xf32> -> tensor<1x4x5x5xf32>
  return %y : tensor<1x4x5x5xf32>
}

//--- pad_wider_than_kernel.mlir
// Padding [3, 4, 5, 2] wider than the 2x2 kernel: the outer output
// rows/columns see only padding and must equal the bias.
// RUN: conv-run %t/pad_wider_than_kernel.mlir --check-reference | FileCheck %s --check-prefix=PAD-WIDER-THAN-KERNEL
// PAD-WIDER-THAN-KERNEL: result[0]: tensor<1x11x12x4xf32>
// PAD-WIDER-THAN-KERNEL-NEXT: reference check: PASS
func.func @pad_wider_than_kernel(%x: tensor<1x5x6x3xf32>, %w: tensor<2x2x3x4xf32>, %b: tensor<4xf32>) -> tensor<1x11x12x4xf32> {
  %y = conv.conv2d %x, %w, %b padding = [3, 4, 5, 2]
      : tensor<1x5x6x3xf32>, tensor<2x2x3x4xf32>, tensor<4xf32> -> tensor<1x11x12x4xf32>
  return %y : tensor<1x11x12x4xf32>
}

//--- pad_wider_nchw.mlir
// Padding 4 around a 3x3 kernel, NCHW/OHWI, stride 2.
// RUN: conv-run %t/pad_wider_nchw.mlir --check-reference | FileCheck %s --check-prefix=PAD-WIDER-NCHW
// PAD-WIDER-NCHW: result[0]: tensor<1x3x5x6xf32>
// PAD-WIDER-NCHW-NEXT: reference check: PASS
func.func @pad_wider_nchw(%x: tensor<1x2x4x5xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x5x6xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [4, 4, 4, 4] input_layout = NCHW filter_layout = OHWI
      : tensor<1x2x4x5xf32>, tensor<3x3x3x2xf32>, tensor<3xf32> -> tensor<1x3x5x6xf32>
  return %y : tensor<1x3x5x6xf32>
}

//--- out1x1.mlir
// 1x1 output: 5x5 kernel over a 5x5 input.
// RUN: conv-run %t/out1x1.mlir --check-reference | FileCheck %s --check-prefix=OUT1X1
// OUT1X1: result[0]: tensor<1x1x1x7xf32>
// OUT1X1-NEXT: reference check: PASS
func.func @out1x1(%x: tensor<1x5x5x6xf32>, %w: tensor<5x5x6x7xf32>, %b: tensor<7xf32>) -> tensor<1x1x1x7xf32> {
  %y = conv.conv2d %x, %w, %b
      : tensor<1x5x5x6xf32>, tensor<5x5x6x7xf32>, tensor<7xf32> -> tensor<1x1x1x7xf32>
  return %y : tensor<1x1x1x7xf32>
}

//--- out1x1_strided.mlir
// 1x1 output from striding: 4x4 input, 3x3 kernel, stride 3, NCHW/OIHW.
// RUN: conv-run %t/out1x1_strided.mlir --check-reference | FileCheck %s --check-prefix=OUT1X1-STRIDED
// OUT1X1-STRIDED: result[0]: tensor<2x5x1x1xf32>
// OUT1X1-STRIDED-NEXT: reference check: PASS
func.func @out1x1_strided(%x: tensor<2x3x4x4xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<5xf32>) -> tensor<2x5x1x1xf32> {
  %y = conv.conv2d %x, %w, %b strides = [3, 3] input_layout = NCHW filter_layout = OIHW
      : tensor<2x3x4x4xf32>, tensor<5x3x3x3xf32>, tensor<5xf32> -> tensor<2x5x1x1xf32>
  return %y : tensor<2x5x1x1xf32>
}

//--- k1x1.mlir
// 1x1 kernel (pointwise), 13 -> 7 channels.
// RUN: conv-run %t/k1x1.mlir --check-reference | FileCheck %s --check-prefix=K1X1
// K1X1: result[0]: tensor<1x6x7x7xf32>
// K1X1-NEXT: reference check: PASS
func.func @k1x1(%x: tensor<1x6x7x13xf32>, %w: tensor<1x1x13x7xf32>, %b: tensor<7xf32>) -> tensor<1x6x7x7xf32> {
  %y = conv.conv2d %x, %w, %b
      : tensor<1x6x7x13xf32>, tensor<1x1x13x7xf32>, tensor<7xf32> -> tensor<1x6x7x7xf32>
  return %y : tensor<1x6x7x7xf32>
}

//--- k1x1_stride2.mlir
// 1x1 kernel, stride 2, NCHW/OHWI (ResNet downsampling shortcut).
// RUN: conv-run %t/k1x1_stride2.mlir --check-reference | FileCheck %s --check-prefix=K1X1-STRIDE2
// K1X1-STRIDE2: result[0]: tensor<1x6x5x5xf32>
// K1X1-STRIDE2-NEXT: reference check: PASS
func.func @k1x1_stride2(%x: tensor<1x10x9x9xf32>, %w: tensor<6x1x1x10xf32>, %b: tensor<6xf32>) -> tensor<1x6x5x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] input_layout = NCHW filter_layout = OHWI
      : tensor<1x10x9x9xf32>, tensor<6x1x1x10xf32>, tensor<6xf32> -> tensor<1x6x5x5xf32>
  return %y : tensor<1x6x5x5xf32>
}

//--- out7x13.mlir
// Output 7x13 (not a multiple of anything): 9x15 input, 3x3, no padding.
// RUN: conv-run %t/out7x13.mlir --check-reference | FileCheck %s --check-prefix=OUT7X13
// OUT7X13: result[0]: tensor<1x7x13x3xf32>
// OUT7X13-NEXT: reference check: PASS
func.func @out7x13(%x: tensor<1x9x15x5xf32>, %w: tensor<3x3x5x3xf32>, %b: tensor<3xf32>) -> tensor<1x7x13x3xf32> {
  %y = conv.conv2d %x, %w, %b
      : tensor<1x9x15x5xf32>, tensor<3x3x5x3xf32>, tensor<3xf32> -> tensor<1x7x13x3xf32>
  return %y : tensor<1x7x13x3xf32>
}

//--- out13x7_nchw.mlir
// Output 13x7, NCHW/OIHW, 17 output channels.
// RUN: conv-run %t/out13x7_nchw.mlir --check-reference | FileCheck %s --check-prefix=OUT13X7-NCHW
// OUT13X7-NCHW: result[0]: tensor<1x17x13x7xf32>
// OUT13X7-NCHW-NEXT: reference check: PASS
func.func @out13x7_nchw(%x: tensor<1x3x13x9xf32>, %w: tensor<17x3x3x3xf32>, %b: tensor<17xf32>) -> tensor<1x17x13x7xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 0, 0] input_layout = NCHW filter_layout = OIHW
      : tensor<1x3x13x9xf32>, tensor<17x3x3x3xf32>, tensor<17xf32> -> tensor<1x17x13x7xf32>
  return %y : tensor<1x17x13x7xf32>
}

//--- kernel_gt_input.mlir
// Kernel larger than the input (5x5 kernel, 3x4 input, padding 2).
// RUN: conv-run %t/kernel_gt_input.mlir --check-reference | FileCheck %s --check-prefix=KERNEL-GT-INPUT
// KERNEL-GT-INPUT: result[0]: tensor<1x3x4x3xf32>
// KERNEL-GT-INPUT-NEXT: reference check: PASS
func.func @kernel_gt_input(%x: tensor<1x3x4x2xf32>, %w: tensor<5x5x2x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x4x3xf32> {
  %y = conv.conv2d %x, %w, %b padding = [2, 2, 2, 2]
      : tensor<1x3x4x2xf32>, tensor<5x5x2x3xf32>, tensor<3xf32> -> tensor<1x3x4x3xf32>
  return %y : tensor<1x3x4x3xf32>
}

//--- stem7x7.mlir
// 7x7 kernel, stride 2, padding 3 (ResNet stem, small).
// RUN: conv-run %t/stem7x7.mlir --check-reference | FileCheck %s --check-prefix=STEM7X7
// STEM7X7: result[0]: tensor<1x8x8x8xf32>
// STEM7X7-NEXT: reference check: PASS
func.func @stem7x7(%x: tensor<1x16x16x3xf32>, %w: tensor<7x7x3x8xf32>, %b: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [3, 3, 3, 3]
      : tensor<1x16x16x3xf32>, tensor<7x7x3x8xf32>, tensor<8xf32> -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}

//--- k1x7.mlir
// 1x7 then 7x1 kernels (Inception-style), NCHW/OIHW.
// RUN: conv-run %t/k1x7.mlir --check-reference | FileCheck %s --check-prefix=K1X7
// K1X7: result[0]: tensor<1x4x8x8xf32>
// K1X7-NEXT: reference check: PASS
func.func @k1x7(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x1x7xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %y = conv.conv2d %x, %w, %b padding = [0, 0, 3, 3] input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x8x8xf32>, tensor<4x4x1x7xf32>, tensor<4xf32> -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

//--- k7x1.mlir
// 7x1 kernel, NHWC/OHWI.
// RUN: conv-run %t/k7x1.mlir --check-reference | FileCheck %s --check-prefix=K7X1
// K7X1: result[0]: tensor<1x8x8x4xf32>
// K7X1-NEXT: reference check: PASS
func.func @k7x1(%x: tensor<1x8x8x4xf32>, %w: tensor<4x7x1x4xf32>, %b: tensor<4xf32>) -> tensor<1x8x8x4xf32> {
  %y = conv.conv2d %x, %w, %b padding = [3, 3, 0, 0] filter_layout = OHWI
      : tensor<1x8x8x4xf32>, tensor<4x7x1x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  return %y : tensor<1x8x8x4xf32>
}

//--- kitchen_sink.mlir
// Everything at once: batch 2, strides [2, 3], dilations [3, 2],
// padding [2, 0, 1, 4], 3 groups (9 -> 6 channels), NCHW/OHWI, bias.
// RUN: conv-run %t/kitchen_sink.mlir --check-reference | FileCheck %s --check-prefix=KITCHEN-SINK
// KITCHEN-SINK: result[0]: tensor<2x6x6x7xf32>
// KITCHEN-SINK-NEXT: reference check: PASS
func.func @kitchen_sink(%x: tensor<2x9x15x16xf32>, %w: tensor<6x3x2x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x6x7xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 3] dilations = [3, 2] padding = [2, 0, 1, 4] groups = 3 input_layout = NCHW filter_layout = OHWI
      : tensor<2x9x15x16xf32>, tensor<6x3x2x3xf32>, tensor<6xf32> -> tensor<2x6x6x7xf32>
  return %y : tensor<2x6x6x7xf32>
}

//--- medium.mlir
// A larger layer (~20 MFLOP): 28x28, 32 -> 48 channels, 3x3, padding 1.
// RUN: conv-run %t/medium.mlir --check-reference | FileCheck %s --check-prefix=MEDIUM
// MEDIUM: result[0]: tensor<1x28x28x48xf32>
// MEDIUM-NEXT: reference check: PASS
func.func @medium(%x: tensor<1x28x28x32xf32>, %w: tensor<3x3x32x48xf32>, %b: tensor<48xf32>) -> tensor<1x28x28x48xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x28x28x32xf32>, tensor<3x3x32x48xf32>, tensor<48xf32> -> tensor<1x28x28x48xf32>
  return %y : tensor<1x28x28x48xf32>
}

//--- empty_batch.mlir
// A batch of 0 with padding compiles with both strategies and gives an empty
// result (the linalg path used to fail on the padded copy of the empty input).
// RUN: conv-run %t/empty_batch.mlir --strategy=linalg --check-reference | FileCheck %s --check-prefix=EMPTY-BATCH
// RUN: conv-run %t/empty_batch.mlir --strategy=direct --check-reference | FileCheck %s --check-prefix=EMPTY-BATCH
// EMPTY-BATCH: result[0]: tensor<0x4x4x3xf32>
// EMPTY-BATCH-NEXT: reference check: PASS
func.func @empty_batch(%x: tensor<0x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<0x4x4x3xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<0x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<0x4x4x3xf32>
  return %y : tensor<0x4x4x3xf32>
}
