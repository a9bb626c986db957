// Non-finite inputs on every CPU strategy, checked against the float64
// reference, which skips taps in the padding: an inf or nan input must
// reach exactly the outputs whose window reads it (the reference check
// matches nan with nan and inf with inf of the same sign, element by
// element). docs/Numerics.md states the contract. Each input has one +inf
// and one nan (Inputs/nonfinite.py).
//
// RUN: rm -rf %t && split-file %s %t

//--- winograd.mlir
// The issue's layer (64 channels, 28x28, 3x3): Winograd, the default there,
// mixes each 4x4 input tile into 16 transformed values, so finite outputs
// next to the bad pixels become nan; --exact takes the direct kernel,
// which is exact. winograd=always and --exact contradict each other.
// RUN: %conv_python %S/Inputs/nonfinite.py %t/x64.npy 1 28 28 64
// RUN: conv-run %t/winograd.mlir --input=@%t/x64.npy --input=3x3x64x64xf32 --report | FileCheck %s --check-prefix=AUTO
// RUN: not conv-run %t/winograd.mlir --input=@%t/x64.npy --input=3x3x64x64xf32 --check-reference | FileCheck %s --check-prefix=INEXACT
// RUN: conv-run %t/winograd.mlir --input=@%t/x64.npy --input=3x3x64x64xf32 --exact --report --check-reference | FileCheck %s --check-prefix=EXACT
// RUN: conv-run %t/winograd.mlir --input=@%t/x64.npy --input=3x3x64x64xf32 --exact --threads=2 --check-reference | FileCheck %s --check-prefix=PASS
// RUN: not conv-run %t/winograd.mlir --exact --winograd=always 2>&1 | FileCheck %s --check-prefix=CONTRADICT
// AUTO: strategy=winograd
// INEXACT: reference check: FAIL
// EXACT-NOT: strategy=winograd
// EXACT: strategy=direct kernel=dense
// EXACT: reference check: PASS
// CONTRADICT: conv-run: error: winograd=always contradicts exact
func.func @winograd(%x: tensor<1x28x28x64xf32>, %w: tensor<3x3x64x64xf32>) -> tensor<1x28x28x64xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x28x28x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x28x28x64xf32>
  return %y : tensor<1x28x28x64xf32>
}

//--- dense.mlir
// The dense kernel: NHWC with bias, stride 2 and asymmetric padding; with
// reduction blocks; NCHW (channels-first, blocks transposed as stored);
// and the linalg strategy.
// RUN: %conv_python %S/Inputs/nonfinite.py %t/x_nhwc.npy 1 13 11 24
// RUN: conv-run %t/dense.mlir --function=nhwc --input=@%t/x_nhwc.npy --input=3x3x24x20xf32 --input=20xf32 --report --check-reference | FileCheck %s --check-prefixes=DENSE,PASS
// RUN: conv-run %t/dense.mlir --function=nhwc --input=@%t/x_nhwc.npy --input=3x3x24x20xf32 --input=20xf32 --c-block=8 --report --check-reference | FileCheck %s --check-prefixes=CBLOCK,PASS
// RUN: conv-run %t/dense.mlir --function=nhwc --input=@%t/x_nhwc.npy --input=3x3x24x20xf32 --input=20xf32 --strategy=linalg --check-reference | FileCheck %s --check-prefix=PASS
// RUN: %conv_python %S/Inputs/nonfinite.py %t/x_nchw.npy 1 24 13 11
// RUN: conv-run %t/dense.mlir --function=nchw --input=@%t/x_nchw.npy --input=20x24x3x3xf32 --report --check-reference | FileCheck %s --check-prefixes=NCHW,PASS
// DENSE: strategy=direct kernel=dense
// CBLOCK: strategy=direct kernel=dense {{.*}}c-block=8
// NCHW: strategy=direct kernel=dense {{.*}}nchw
func.func @nhwc(%x: tensor<1x13x11x24xf32>, %w: tensor<3x3x24x20xf32>, %b: tensor<20xf32>) -> tensor<1x7x6x20xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 2, 0] : tensor<1x13x11x24xf32>, tensor<3x3x24x20xf32>, tensor<20xf32> -> tensor<1x7x6x20xf32>
  return %y : tensor<1x7x6x20xf32>
}
func.func @nchw(%x: tensor<1x24x13x11xf32>, %w: tensor<20x24x3x3xf32>) -> tensor<1x20x13x11xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x24x13x11xf32>, tensor<20x24x3x3xf32> -> tensor<1x20x13x11xf32>
  return %y : tensor<1x20x13x11xf32>
}

//--- grouped.mlir
// Depthwise NHWC (the channel-vector kernel) and NCHW (the planar kernel),
// dilated with padding wider than the kernel's reach.
// RUN: %conv_python %S/Inputs/nonfinite.py %t/x_dw_nhwc.npy 1 15 17 32
// RUN: conv-run %t/grouped.mlir --function=dw_nhwc --input=@%t/x_dw_nhwc.npy --input=3x3x1x32xf32 --report --check-reference | FileCheck %s --check-prefixes=CHANNEL,PASS
// RUN: %conv_python %S/Inputs/nonfinite.py %t/x_dw_nchw.npy 1 6 15 37
// RUN: conv-run %t/grouped.mlir --function=dw_nchw --input=@%t/x_dw_nchw.npy --input=6x1x3x3xf32 --report --check-reference | FileCheck %s --check-prefixes=PLANAR,PASS
// CHANNEL: strategy=direct kernel=channel-vector
// PLANAR: strategy=direct kernel=planar
func.func @dw_nhwc(%x: tensor<1x15x17x32xf32>, %w: tensor<3x3x1x32xf32>) -> tensor<1x15x17x32xf32> {
  %y = conv.conv2d %x, %w dilations = [2, 2] padding = [4, 0, 3, 1] groups = 32 : tensor<1x15x17x32xf32>, tensor<3x3x1x32xf32> -> tensor<1x15x17x32xf32>
  return %y : tensor<1x15x17x32xf32>
}
func.func @dw_nchw(%x: tensor<1x6x15x37xf32>, %w: tensor<6x1x3x3xf32>) -> tensor<1x6x15x37xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 6 input_layout = NCHW filter_layout = OIHW : tensor<1x6x15x37xf32>, tensor<6x1x3x3xf32> -> tensor<1x6x15x37xf32>
  return %y : tensor<1x6x15x37xf32>
}

//--- pointwise.mlir
// A 1x1 NCHW conv lowered as the filter by the image (the image is the
// swapped conv's filter).
// RUN: %conv_python %S/Inputs/nonfinite.py %t/x_pw.npy 1 40 8 8
// RUN: conv-run %t/pointwise.mlir --input=@%t/x_pw.npy --input=48x40x1x1xf32 --report --check-reference | FileCheck %s --check-prefixes=POINTWISE,PASS
// POINTWISE: 1x1 NCHW as the filter
func.func @pointwise(%x: tensor<1x40x8x8xf32>, %w: tensor<48x40x1x1xf32>) -> tensor<1x48x8x8xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x40x8x8xf32>, tensor<48x40x1x1xf32> -> tensor<1x48x8x8xf32>
  return %y : tensor<1x48x8x8xf32>
}

// The last check of every run.
// PASS: reference check: PASS
