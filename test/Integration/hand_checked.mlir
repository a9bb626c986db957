// Convolutions of constant operands whose results were computed by hand.
// The functions build their operands with arith.constant, so they take no
// arguments; --print-output prints the result as nested lists.
//
// The sed strips trailing zeros after a decimal point ("4.00" -> "4") so that
// the checks do not depend on how many decimals conv-run prints, and turns
// brackets into parentheses, which FileCheck patterns take literally.
//
// RUN: rm -rf %t && split-file %s %t

//--- ones.mlir
// All-ones 3x3 input and 3x3 kernel, padding 1: each output counts the taps
// that land inside the input: 4 in corners, 6 on edges, 9 in the middle.
// The same in every element type.
// RUN: conv-run %t/ones.mlir --function=ones_f32 --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=ONES -DT=f32
// RUN: conv-run %t/ones.mlir --function=ones_f16 --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=ONES -DT=f16
// RUN: conv-run %t/ones.mlir --function=ones_bf16 --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=ONES -DT=bf16
// RUN: conv-run %t/ones.mlir --function=ones_f64 --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=ONES -DT=f64
// ONES: result(0): tensor<1x3x3x1x[[T]]> = ((((4), (6), (4)), ((6), (9), (6)), ((4), (6), (4))))
func.func @ones_f32() -> tensor<1x3x3x1xf32> {
  %x = arith.constant dense<1.0> : tensor<1x3x3x1xf32>
  %w = arith.constant dense<1.0> : tensor<3x3x1x1xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x3x3x1xf32>, tensor<3x3x1x1xf32> -> tensor<1x3x3x1xf32>
  return %y : tensor<1x3x3x1xf32>
}
func.func @ones_f16() -> tensor<1x3x3x1xf16> {
  %x = arith.constant dense<1.0> : tensor<1x3x3x1xf16>
  %w = arith.constant dense<1.0> : tensor<3x3x1x1xf16>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x3x3x1xf16>, tensor<3x3x1x1xf16> -> tensor<1x3x3x1xf16>
  return %y : tensor<1x3x3x1xf16>
}
func.func @ones_bf16() -> tensor<1x3x3x1xbf16> {
  %x = arith.constant dense<1.0> : tensor<1x3x3x1xbf16>
  %w = arith.constant dense<1.0> : tensor<3x3x1x1xbf16>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x3x3x1xbf16>, tensor<3x3x1x1xbf16> -> tensor<1x3x3x1xbf16>
  return %y : tensor<1x3x3x1xbf16>
}
func.func @ones_f64() -> tensor<1x3x3x1xf64> {
  %x = arith.constant dense<1.0> : tensor<1x3x3x1xf64>
  %w = arith.constant dense<1.0> : tensor<3x3x1x1xf64>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x3x3x1xf64>, tensor<3x3x1x1xf64> -> tensor<1x3x3x1xf64>
  return %y : tensor<1x3x3x1xf64>
}

//--- bias_only.mlir
// A 2x2 input of 2s, a 1x1 kernel of 3 and bias 5, padding [3, 1, 2, 0]
// (NCHW): the 6x4 output is 2*3+5 = 11 where it sees the input (rows 3-4,
// columns 2-3) and the bias 5 everywhere else.
// RUN: conv-run %t/bias_only.mlir --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=BIAS
// BIAS: result(0): tensor<1x1x6x4xf32> = ((((5, 5, 5, 5), (5, 5, 5, 5), (5, 5, 5, 5), (5, 5, 11, 11), (5, 5, 11, 11), (5, 5, 5, 5))))
func.func @bias_only() -> tensor<1x1x6x4xf32> {
  %x = arith.constant dense<2.0> : tensor<1x1x2x2xf32>
  %w = arith.constant dense<3.0> : tensor<1x1x1x1xf32>
  %b = arith.constant dense<5.0> : tensor<1xf32>
  %y = conv.conv2d %x, %w, %b padding = [3, 1, 2, 0]
      input_layout = NCHW filter_layout = OIHW
      : tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>
      -> tensor<1x1x6x4xf32>
  return %y : tensor<1x1x6x4xf32>
}

//--- iota_dilated.mlir
// NCHW input x[h][w] = 5h + w (5x5), OIHW kernel [[1, 10], [100, 1000]],
// strides 2, dilations 2, no padding: OH = OW = (5 - 2 - 1)/2 + 1 = 2 and
//   y[i][j] = x[2i][2j] + 10 x[2i][2j+2] + 100 x[2i+2][2j] + 1000 x[2i+2][2j+2]
//           = 1111 x[2i][2j] + 13020,  x[2i][2j] = 10i + 2j:
//   y = [[13020, 15242], [24130, 26352]].
// RUN: conv-run %t/iota_dilated.mlir --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=IOTA-DILATED
// IOTA-DILATED: result(0): tensor<1x1x2x2xf32> = ((((13020, 15242), (24130, 26352))))
func.func @iota_dilated() -> tensor<1x1x2x2xf32> {
  %x = arith.constant dense<[[[[0.0, 1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0, 9.0],
      [10.0, 11.0, 12.0, 13.0, 14.0], [15.0, 16.0, 17.0, 18.0, 19.0],
      [20.0, 21.0, 22.0, 23.0, 24.0]]]]> : tensor<1x1x5x5xf32>
  %w = arith.constant dense<[[[[1.0, 10.0], [100.0, 1000.0]]]]> : tensor<1x1x2x2xf32>
  %y = conv.conv2d %x, %w strides = [2, 2] dilations = [2, 2]
      input_layout = NCHW filter_layout = OIHW
      : tensor<1x1x5x5xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

//--- iota_strided.mlir
// NHWC input x[h][w] = 4h + w (4x4), HWIO kernel k = [[1, 10], [100, 1000]],
// strides [1, 2], dilations [2, 1], padding [1, 0, 0, 1]:
//   OH = (4 + 1 - 2 - 1)/1 + 1 = 3, OW = (4 + 1 - 1 - 1)/2 + 1 = 2,
//   y[i][j] = x[i-1][2j] + 10 x[i-1][2j+1] + 100 x[i+1][2j] + 1000 x[i+1][2j+1]
// with row -1 in the padding (zero):
//   i=0: 100*4 + 1000*5 = 5400,    100*6 + 1000*7 = 7600
//   i=1: 0 + 10*1 + 100*8 + 1000*9 = 9810,   2 + 30 + 1000 + 11000 = 12032
//   i=2: 4 + 50 + 1200 + 13000 = 14254,      6 + 70 + 1400 + 15000 = 16476
// RUN: conv-run %t/iota_strided.mlir --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=IOTA-STRIDED
// IOTA-STRIDED: result(0): tensor<1x3x2x1xf32> = ((((5400), (7600)), ((9810), (12032)), ((14254), (16476))))
func.func @iota_strided() -> tensor<1x3x2x1xf32> {
  %x = arith.constant dense<[[[[0.0], [1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0], [7.0]],
      [[8.0], [9.0], [10.0], [11.0]], [[12.0], [13.0], [14.0], [15.0]]]]> : tensor<1x4x4x1xf32>
  %w = arith.constant dense<[[[[1.0]], [[10.0]]], [[[100.0]], [[1000.0]]]]> : tensor<2x2x1x1xf32>
  %y = conv.conv2d %x, %w strides = [1, 2] dilations = [2, 1] padding = [1, 0, 0, 1]
      : tensor<1x4x4x1xf32>, tensor<2x2x1x1xf32> -> tensor<1x3x2x1xf32>
  return %y : tensor<1x3x2x1xf32>
}

//--- groups.mlir
// 2 groups, 2 -> 4 channels (depthwise, multiplier 2), NCHW/OIHW 1x1 kernel
// [10, 20, 30, 40], bias [1, 2, 3, 4], input channels [1, 2]. Output channels
// are group-major: 0 and 1 read channel 0, 2 and 3 read channel 1:
//   [1*10+1, 1*20+2, 2*30+3, 2*40+4] = [11, 22, 63, 84].
// RUN: conv-run %t/groups.mlir --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=GROUPS
// GROUPS: result(0): tensor<1x4x1x1xf32> = ((((11)), ((22)), ((63)), ((84))))
func.func @groups() -> tensor<1x4x1x1xf32> {
  %x = arith.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %w = arith.constant dense<[[[[10.0]]], [[[20.0]]], [[[30.0]]], [[[40.0]]]]> : tensor<4x1x1x1xf32>
  %b = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %y = conv.conv2d %x, %w, %b groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x2x1x1xf32>, tensor<4x1x1x1xf32>, tensor<4xf32> -> tensor<1x4x1x1xf32>
  return %y : tensor<1x4x1x1xf32>
}

//--- layouts.mlir
// The same 1x2 input (2 channels) and 1x2 kernel (2 -> 2 channels) in every
// layout pair. Input x[w][c] = [[1, 2], [3, 4]]; filter
// W[oc][ic][kw] = (oc + 1) * 10^(2 kw + ic), i.e. output channel 0 has taps
// (kw0,ic0)=1, (kw0,ic1)=10, (kw1,ic0)=100, (kw1,ic1)=1000 and channel 1
// twice those. So y[0] = 1*1 + 2*10 + 3*100 + 4*1000 = 4321, y[1] = 8642.
// RUN: conv-run %t/layouts.mlir --function=nhwc_hwio --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=NHWC
// RUN: conv-run %t/layouts.mlir --function=nhwc_oihw --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=NHWC
// RUN: conv-run %t/layouts.mlir --function=nhwc_ohwi --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=NHWC
// RUN: conv-run %t/layouts.mlir --function=nchw_hwio --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=NCHW
// RUN: conv-run %t/layouts.mlir --function=nchw_oihw --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=NCHW
// RUN: conv-run %t/layouts.mlir --function=nchw_ohwi --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=NCHW
// NHWC: result(0): tensor<1x1x1x2xf32> = ((((4321, 8642))))
// NCHW: result(0): tensor<1x2x1x1xf32> = ((((4321)), ((8642))))
func.func @nhwc_hwio() -> tensor<1x1x1x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %w = arith.constant dense<[[[[1.0, 2.0], [10.0, 20.0]], [[100.0, 200.0], [1000.0, 2000.0]]]]> : tensor<1x2x2x2xf32>
  %y = conv.conv2d %x, %w : tensor<1x1x2x2xf32>, tensor<1x2x2x2xf32> -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}
func.func @nhwc_oihw() -> tensor<1x1x1x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %w = arith.constant dense<[[[[1.0, 100.0]], [[10.0, 1000.0]]], [[[2.0, 200.0]], [[20.0, 2000.0]]]]> : tensor<2x2x1x2xf32>
  %y = conv.conv2d %x, %w filter_layout = OIHW : tensor<1x1x2x2xf32>, tensor<2x2x1x2xf32> -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}
func.func @nhwc_ohwi() -> tensor<1x1x1x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %w = arith.constant dense<[[[[1.0, 10.0], [100.0, 1000.0]]], [[[2.0, 20.0], [200.0, 2000.0]]]]> : tensor<2x1x2x2xf32>
  %y = conv.conv2d %x, %w filter_layout = OHWI : tensor<1x1x2x2xf32>, tensor<2x1x2x2xf32> -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}
func.func @nchw_hwio() -> tensor<1x2x1x1xf32> {
  %x = arith.constant dense<[[[[1.0, 3.0]], [[2.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %w = arith.constant dense<[[[[1.0, 2.0], [10.0, 20.0]], [[100.0, 200.0], [1000.0, 2000.0]]]]> : tensor<1x2x2x2xf32>
  %y = conv.conv2d %x, %w input_layout = NCHW : tensor<1x2x1x2xf32>, tensor<1x2x2x2xf32> -> tensor<1x2x1x1xf32>
  return %y : tensor<1x2x1x1xf32>
}
func.func @nchw_oihw() -> tensor<1x2x1x1xf32> {
  %x = arith.constant dense<[[[[1.0, 3.0]], [[2.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %w = arith.constant dense<[[[[1.0, 100.0]], [[10.0, 1000.0]]], [[[2.0, 200.0]], [[20.0, 2000.0]]]]> : tensor<2x2x1x2xf32>
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x2x1x2xf32>, tensor<2x2x1x2xf32> -> tensor<1x2x1x1xf32>
  return %y : tensor<1x2x1x1xf32>
}
func.func @nchw_ohwi() -> tensor<1x2x1x1xf32> {
  %x = arith.constant dense<[[[[1.0, 3.0]], [[2.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %w = arith.constant dense<[[[[1.0, 10.0], [100.0, 1000.0]]], [[[2.0, 20.0], [200.0, 2000.0]]]]> : tensor<2x1x2x2xf32>
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OHWI : tensor<1x2x1x2xf32>, tensor<2x1x2x2xf32> -> tensor<1x2x1x1xf32>
  return %y : tensor<1x2x1x1xf32>
}

//--- accumulate.mlir
// f16 and bf16 accumulate in f32 and round once: 2048 + 1 + 1 = 2050 is an
// f16 value (f16 steps by 2 between 2048 and 4096), and 256 + 1 + 1 = 258 a
// bf16 value (steps of 2 between 256 and 512). Accumulating in f16/bf16
// would give 2048 and 256 instead (2048 + 1 rounds back to 2048).
// RUN: conv-run %t/accumulate.mlir --function=accumulate_f16 --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=ACC-F16
// RUN: conv-run %t/accumulate.mlir --function=accumulate_bf16 --print-output | sed -e 's/\.0*\([],]\)/\1/g' -e 'y/[]/()/' | FileCheck %s --check-prefix=ACC-BF16
// ACC-F16: result(0): tensor<1x1x1x1xf16> = ((((2050))))
// ACC-BF16: result(0): tensor<1x1x1x1xbf16> = ((((258))))
func.func @accumulate_f16() -> tensor<1x1x1x1xf16> {
  %x = arith.constant dense<[[[[2048.0, 1.0, 1.0]]]]> : tensor<1x1x1x3xf16>
  %w = arith.constant dense<1.0> : tensor<1x1x3x1xf16>
  %y = conv.conv2d %x, %w : tensor<1x1x1x3xf16>, tensor<1x1x3x1xf16> -> tensor<1x1x1x1xf16>
  return %y : tensor<1x1x1x1xf16>
}
func.func @accumulate_bf16() -> tensor<1x1x1x1xbf16> {
  %x = arith.constant dense<[[[[256.0, 1.0, 1.0]]]]> : tensor<1x1x1x3xbf16>
  %w = arith.constant dense<1.0> : tensor<1x1x3x1xbf16>
  %y = conv.conv2d %x, %w : tensor<1x1x1x3xbf16>, tensor<1x1x3x1xbf16> -> tensor<1x1x1x1xbf16>
  return %y : tensor<1x1x1x1xbf16>
}
