// The direct strategy (convert-conv-to-vector: register-blocked vector loops)
// checked against conv-run's float64 reference under several register
// blocks: 1 pixel x 1 vector, 3 pixels x 2 vectors, 7 pixels x 1 vector,
// groups of 3 whole rows (--oh-block=3; dynamic shapes fall back to single
// rows), the block the planner chooses for this host and, for comparison,
// the linalg strategy.
//
// The shapes exercise the partial blocks: masked output-channel vectors (OC
// not a multiple of the vector width), OW not a multiple of the block (and
// smaller than it), border blocks with strides, dilations and asymmetric
// padding, padding wider than the kernel, NCHW/OIHW layouts, depthwise convs
// with multipliers 1 and 2, groups of 4 channels, groups taking the dense
// kernel, f16/bf16/f64 and dynamic N/H/W (once also on 2 threads).
//
// Each function is its own split-file part, so that every conv-run
// compiles just the function it runs.
// RUN: rm -rf %t && split-file %s %t

//--- dense_oc20.mlir
// Dense, 5 -> 20 channels (one full vector and a masked tail of 4 lanes
// on AVX-512), 3x3, padding 1, bias; OW = 9.
// RUN: conv-run %t/dense_oc20.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DENSE-OC20
// RUN: conv-run %t/dense_oc20.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DENSE-OC20
// RUN: conv-run %t/dense_oc20.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DENSE-OC20
// RUN: conv-run %t/dense_oc20.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=DENSE-OC20
// RUN: conv-run %t/dense_oc20.mlir --check-reference | FileCheck %s --check-prefix=DENSE-OC20
// RUN: conv-run %t/dense_oc20.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=DENSE-OC20
// DENSE-OC20: result[0]: tensor<1x9x9x20xf32>
// DENSE-OC20-NEXT: reference check: PASS
func.func @dense_oc20(%x: tensor<1x9x9x5xf32>, %w: tensor<3x3x5x20xf32>, %b: tensor<20xf32>) -> tensor<1x9x9x20xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x9x9x5xf32>, tensor<3x3x5x20xf32>, tensor<20xf32> -> tensor<1x9x9x20xf32>
  return %y : tensor<1x9x9x20xf32>
}

//--- dense_ow13.mlir
// Dense, batch 2, OW = 13 (prime: a partial block for every forced block
// but 1), 3 -> 16 channels, padding 1, no bias.
// RUN: conv-run %t/dense_ow13.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DENSE-OW13
// RUN: conv-run %t/dense_ow13.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DENSE-OW13
// RUN: conv-run %t/dense_ow13.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DENSE-OW13
// RUN: conv-run %t/dense_ow13.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=DENSE-OW13
// RUN: conv-run %t/dense_ow13.mlir --check-reference | FileCheck %s --check-prefix=DENSE-OW13
// RUN: conv-run %t/dense_ow13.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=DENSE-OW13
// DENSE-OW13: result[0]: tensor<2x6x13x16xf32>
// DENSE-OW13-NEXT: reference check: PASS
func.func @dense_ow13(%x: tensor<2x6x13x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<2x6x13x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<2x6x13x3xf32>, tensor<3x3x3x16xf32> -> tensor<2x6x13x16xf32>
  return %y : tensor<2x6x13x16xf32>
}

//--- stride_dilation.mlir
// Dense, 3x2 kernel, strides [2, 3], dilations [2, 2], asymmetric padding
// [2, 1, 3, 0], 6 -> 24 channels, bias, batch 2.
// RUN: conv-run %t/stride_dilation.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=STRIDE-DILATION
// RUN: conv-run %t/stride_dilation.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=STRIDE-DILATION
// RUN: conv-run %t/stride_dilation.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=STRIDE-DILATION
// RUN: conv-run %t/stride_dilation.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=STRIDE-DILATION
// RUN: conv-run %t/stride_dilation.mlir --check-reference | FileCheck %s --check-prefix=STRIDE-DILATION
// RUN: conv-run %t/stride_dilation.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=STRIDE-DILATION
// STRIDE-DILATION: result[0]: tensor<2x6x5x24xf32>
// STRIDE-DILATION-NEXT: reference check: PASS
func.func @stride_dilation(%x: tensor<2x13x14x6xf32>, %w: tensor<3x2x6x24xf32>, %b: tensor<24xf32>) -> tensor<2x6x5x24xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 3] dilations = [2, 2] padding = [2, 1, 3, 0]
      : tensor<2x13x14x6xf32>, tensor<3x2x6x24xf32>, tensor<24xf32> -> tensor<2x6x5x24xf32>
  return %y : tensor<2x6x5x24xf32>
}

//--- padding_wider.mlir
// Padding [3, 4, 3, 2] wider than the 2x2 kernel (dilations [1, 2]): whole
// rows and columns of the output see only padding and equal the bias.
// RUN: conv-run %t/padding_wider.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=PADDING-WIDER
// RUN: conv-run %t/padding_wider.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=PADDING-WIDER
// RUN: conv-run %t/padding_wider.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=PADDING-WIDER
// RUN: conv-run %t/padding_wider.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=PADDING-WIDER
// RUN: conv-run %t/padding_wider.mlir --check-reference | FileCheck %s --check-prefix=PADDING-WIDER
// RUN: conv-run %t/padding_wider.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=PADDING-WIDER
// PADDING-WIDER: result[0]: tensor<1x11x9x8xf32>
// PADDING-WIDER-NEXT: reference check: PASS
func.func @padding_wider(%x: tensor<1x5x6x4xf32>, %w: tensor<2x2x4x8xf32>, %b: tensor<8xf32>) -> tensor<1x11x9x8xf32> {
  %y = conv.conv2d %x, %w, %b dilations = [1, 2] padding = [3, 4, 3, 2]
      : tensor<1x5x6x4xf32>, tensor<2x2x4x8xf32>, tensor<8xf32> -> tensor<1x11x9x8xf32>
  return %y : tensor<1x11x9x8xf32>
}

//--- padding_far.mlir
// Padding 40 columns wide on each side of a 4-column input (OW = 82): with
// 1- or 3-pixel blocks the border takes more blocks than are unrolled with
// static columns, so the checked loop (clamped columns, selected zeros)
// runs them; the chosen block unrolls its border blocks statically.
// RUN: conv-run %t/padding_far.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=PADDING-FAR
// RUN: conv-run %t/padding_far.mlir --check-reference --ow-block=3 --oc-vectors=1 | FileCheck %s --check-prefix=PADDING-FAR
// RUN: conv-run %t/padding_far.mlir --check-reference | FileCheck %s --check-prefix=PADDING-FAR
// PADDING-FAR: result[0]: tensor<1x3x82x16xf32>
// PADDING-FAR-NEXT: reference check: PASS
func.func @padding_far(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<16xf32>) -> tensor<1x3x82x16xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 40, 40]
      : tensor<1x3x4x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32> -> tensor<1x3x82x16xf32>
  return %y : tensor<1x3x82x16xf32>
}

//--- nchw_oihw.mlir
// NCHW/OIHW (normalised to NHWC/HWIO before the direct lowering), 6 -> 20
// channels, stride 2, padding [1, 0, 0, 1], bias.
// RUN: conv-run %t/nchw_oihw.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=NCHW-OIHW
// RUN: conv-run %t/nchw_oihw.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=NCHW-OIHW
// RUN: conv-run %t/nchw_oihw.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=NCHW-OIHW
// RUN: conv-run %t/nchw_oihw.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=NCHW-OIHW
// RUN: conv-run %t/nchw_oihw.mlir --check-reference | FileCheck %s --check-prefix=NCHW-OIHW
// RUN: conv-run %t/nchw_oihw.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=NCHW-OIHW
// NCHW-OIHW: result[0]: tensor<1x20x4x5xf32>
// NCHW-OIHW-NEXT: reference check: PASS
func.func @nchw_oihw(%x: tensor<1x6x9x10xf32>, %w: tensor<20x6x3x3xf32>, %b: tensor<20xf32>) -> tensor<1x20x4x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 0, 0, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<1x6x9x10xf32>, tensor<20x6x3x3xf32>, tensor<20xf32> -> tensor<1x20x4x5xf32>
  return %y : tensor<1x20x4x5xf32>
}

//--- depthwise_m1.mlir
// Depthwise, multiplier 1: 24 channels (a masked tail of channel vectors),
// 3x3, padding 1, bias.
// RUN: conv-run %t/depthwise_m1.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DEPTHWISE-M1
// RUN: conv-run %t/depthwise_m1.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DEPTHWISE-M1
// RUN: conv-run %t/depthwise_m1.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DEPTHWISE-M1
// RUN: conv-run %t/depthwise_m1.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=DEPTHWISE-M1
// RUN: conv-run %t/depthwise_m1.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M1
// RUN: conv-run %t/depthwise_m1.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=DEPTHWISE-M1
// DEPTHWISE-M1: result[0]: tensor<1x10x11x24xf32>
// DEPTHWISE-M1-NEXT: reference check: PASS
func.func @depthwise_m1(%x: tensor<1x10x11x24xf32>, %w: tensor<3x3x1x24xf32>, %b: tensor<24xf32>) -> tensor<1x10x11x24xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 24
      : tensor<1x10x11x24xf32>, tensor<3x3x1x24xf32>, tensor<24xf32> -> tensor<1x10x11x24xf32>
  return %y : tensor<1x10x11x24xf32>
}

//--- depthwise_m2.mlir
// Depthwise, multiplier 2: 12 -> 24 channels (shuffled input vectors),
// 3x3, stride 2, padding 1, bias.
// RUN: conv-run %t/depthwise_m2.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DEPTHWISE-M2
// RUN: conv-run %t/depthwise_m2.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DEPTHWISE-M2
// RUN: conv-run %t/depthwise_m2.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DEPTHWISE-M2
// RUN: conv-run %t/depthwise_m2.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=DEPTHWISE-M2
// RUN: conv-run %t/depthwise_m2.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M2
// RUN: conv-run %t/depthwise_m2.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=DEPTHWISE-M2
// DEPTHWISE-M2: result[0]: tensor<1x5x4x24xf32>
// DEPTHWISE-M2-NEXT: reference check: PASS
func.func @depthwise_m2(%x: tensor<1x9x8x12xf32>, %w: tensor<3x3x1x24xf32>, %b: tensor<24xf32>) -> tensor<1x5x4x24xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1] groups = 12
      : tensor<1x9x8x12xf32>, tensor<3x3x1x24xf32>, tensor<24xf32> -> tensor<1x5x4x24xf32>
  return %y : tensor<1x5x4x24xf32>
}

//--- groups3_c4.mlir
// 3 groups of 4 channels (12 -> 12: 4 input and 4 output channels per
// group), 3x3, padding [0, 2, 1, 1], bias.
// RUN: conv-run %t/groups3_c4.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=GROUPS3-C4
// RUN: conv-run %t/groups3_c4.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=GROUPS3-C4
// RUN: conv-run %t/groups3_c4.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=GROUPS3-C4
// RUN: conv-run %t/groups3_c4.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=GROUPS3-C4
// RUN: conv-run %t/groups3_c4.mlir --check-reference | FileCheck %s --check-prefix=GROUPS3-C4
// RUN: conv-run %t/groups3_c4.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=GROUPS3-C4
// GROUPS3-C4: result[0]: tensor<1x8x9x12xf32>
// GROUPS3-C4-NEXT: reference check: PASS
func.func @groups3_c4(%x: tensor<1x8x9x12xf32>, %w: tensor<3x3x4x12xf32>, %b: tensor<12xf32>) -> tensor<1x8x9x12xf32> {
  %y = conv.conv2d %x, %w, %b padding = [0, 2, 1, 1] groups = 3
      : tensor<1x8x9x12xf32>, tensor<3x3x4x12xf32>, tensor<12xf32> -> tensor<1x8x9x12xf32>
  return %y : tensor<1x8x9x12xf32>
}

//--- groups4_c4_m2.mlir
// 4 groups, 4 input and 8 output channels per group (16 -> 32), 3x3,
// padding 1, no bias.
// RUN: conv-run %t/groups4_c4_m2.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=GROUPS4-C4-M2
// RUN: conv-run %t/groups4_c4_m2.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=GROUPS4-C4-M2
// RUN: conv-run %t/groups4_c4_m2.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=GROUPS4-C4-M2
// RUN: conv-run %t/groups4_c4_m2.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=GROUPS4-C4-M2
// RUN: conv-run %t/groups4_c4_m2.mlir --check-reference | FileCheck %s --check-prefix=GROUPS4-C4-M2
// RUN: conv-run %t/groups4_c4_m2.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=GROUPS4-C4-M2
// GROUPS4-C4-M2: result[0]: tensor<1x7x7x32xf32>
// GROUPS4-C4-M2-NEXT: reference check: PASS
func.func @groups4_c4_m2(%x: tensor<1x7x7x16xf32>, %w: tensor<3x3x4x32xf32>) -> tensor<1x7x7x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 4
      : tensor<1x7x7x16xf32>, tensor<3x3x4x32xf32> -> tensor<1x7x7x32xf32>
  return %y : tensor<1x7x7x32xf32>
}

//--- grouped_dense.mlir
// 2 groups of 3 -> 32 channels (6 -> 64): OC/groups is a multiple of the
// vector width, so each block of output channels lies in one group and
// takes the dense kernel; 3x3, padding 1, bias.
// RUN: conv-run %t/grouped_dense.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=GROUPED-DENSE
// RUN: conv-run %t/grouped_dense.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=GROUPED-DENSE
// RUN: conv-run %t/grouped_dense.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=GROUPED-DENSE
// RUN: conv-run %t/grouped_dense.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=GROUPED-DENSE
// RUN: conv-run %t/grouped_dense.mlir --check-reference | FileCheck %s --check-prefix=GROUPED-DENSE
// RUN: conv-run %t/grouped_dense.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=GROUPED-DENSE
// A forced block of 3 vectors would straddle the two groups of 32 channels:
// the plan takes 2 instead.
// RUN: conv-run %t/grouped_dense.mlir --check-reference --oc-vectors=3 --report | FileCheck %s --check-prefixes=GROUPED-DENSE-CLAMPED,GROUPED-DENSE
// GROUPED-DENSE-CLAMPED: kernel=dense ow={{[0-9]+}} oc=2x{{[0-9]+}}
// GROUPED-DENSE: result[0]: tensor<1x7x9x64xf32>
// GROUPED-DENSE-NEXT: reference check: PASS
func.func @grouped_dense(%x: tensor<1x7x9x6xf32>, %w: tensor<3x3x3x64xf32>, %b: tensor<64xf32>) -> tensor<1x7x9x64xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 2
      : tensor<1x7x9x6xf32>, tensor<3x3x3x64xf32>, tensor<64xf32> -> tensor<1x7x9x64xf32>
  return %y : tensor<1x7x9x64xf32>
}

//--- f16.mlir
// f16, 6 -> 20 channels, 3x3, padding 1, bias (f32 accumulation).
// RUN: conv-run %t/f16.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=F16
// RUN: conv-run %t/f16.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=F16
// RUN: conv-run %t/f16.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=F16
// RUN: conv-run %t/f16.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=F16
// RUN: conv-run %t/f16.mlir --check-reference | FileCheck %s --check-prefix=F16
// RUN: conv-run %t/f16.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=F16
// F16: result[0]: tensor<1x7x9x20xf16>
// F16-NEXT: reference check: PASS
func.func @f16(%x: tensor<1x7x9x6xf16>, %w: tensor<3x3x6x20xf16>, %b: tensor<20xf16>) -> tensor<1x7x9x20xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x7x9x6xf16>, tensor<3x3x6x20xf16>, tensor<20xf16> -> tensor<1x7x9x20xf16>
  return %y : tensor<1x7x9x20xf16>
}

//--- bf16.mlir
// bf16, 6 -> 20 channels, 3x3, padding 1, bias (f32 accumulation).
// RUN: conv-run %t/bf16.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=BF16
// RUN: conv-run %t/bf16.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=BF16
// RUN: conv-run %t/bf16.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=BF16
// RUN: conv-run %t/bf16.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=BF16
// RUN: conv-run %t/bf16.mlir --check-reference | FileCheck %s --check-prefix=BF16
// RUN: conv-run %t/bf16.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=BF16
// BF16: result[0]: tensor<1x7x9x20xbf16>
// BF16-NEXT: reference check: PASS
func.func @bf16(%x: tensor<1x7x9x6xbf16>, %w: tensor<3x3x6x20xbf16>, %b: tensor<20xbf16>) -> tensor<1x7x9x20xbf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x7x9x6xbf16>, tensor<3x3x6x20xbf16>, tensor<20xbf16> -> tensor<1x7x9x20xbf16>
  return %y : tensor<1x7x9x20xbf16>
}

//--- f64.mlir
// f64, 6 -> 12 channels (vectors of 8 lanes on AVX-512: a masked tail of
// 4), 3x3, padding 1, bias.
// RUN: conv-run %t/f64.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=F64
// RUN: conv-run %t/f64.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=F64
// RUN: conv-run %t/f64.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=F64
// RUN: conv-run %t/f64.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=F64
// RUN: conv-run %t/f64.mlir --check-reference | FileCheck %s --check-prefix=F64
// RUN: conv-run %t/f64.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=F64
// F64: result[0]: tensor<1x7x9x12xf64>
// F64-NEXT: reference check: PASS
func.func @f64(%x: tensor<1x7x9x6xf64>, %w: tensor<3x3x6x12xf64>, %b: tensor<12xf64>) -> tensor<1x7x9x12xf64> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x7x9x6xf64>, tensor<3x3x6x12xf64>, tensor<12xf64> -> tensor<1x7x9x12xf64>
  return %y : tensor<1x7x9x12xf64>
}

//--- f16_depthwise_m2.mlir
// f16 depthwise, multiplier 2: 10 -> 20 channels, 3x3, padding 1, bias.
// RUN: conv-run %t/f16_depthwise_m2.mlir --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=F16-DEPTHWISE-M2
// RUN: conv-run %t/f16_depthwise_m2.mlir --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=F16-DEPTHWISE-M2
// RUN: conv-run %t/f16_depthwise_m2.mlir --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=F16-DEPTHWISE-M2
// RUN: conv-run %t/f16_depthwise_m2.mlir --check-reference --oh-block=3 | FileCheck %s --check-prefix=F16-DEPTHWISE-M2
// RUN: conv-run %t/f16_depthwise_m2.mlir --check-reference | FileCheck %s --check-prefix=F16-DEPTHWISE-M2
// RUN: conv-run %t/f16_depthwise_m2.mlir --check-reference --strategy=linalg | FileCheck %s --check-prefix=F16-DEPTHWISE-M2
// F16-DEPTHWISE-M2: result[0]: tensor<1x6x7x20xf16>
// F16-DEPTHWISE-M2-NEXT: reference check: PASS
func.func @f16_depthwise_m2(%x: tensor<1x6x7x10xf16>, %w: tensor<3x3x1x20xf16>, %b: tensor<20xf16>) -> tensor<1x6x7x20xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 10
      : tensor<1x6x7x10xf16>, tensor<3x3x1x20xf16>, tensor<20xf16> -> tensor<1x6x7x20xf16>
  return %y : tensor<1x6x7x20xf16>
}

//--- dynamic_nhw.mlir
// Dynamic N, H and W: 5 -> 18 channels, 3x3, strides [1, 2], padding
// [1, 1, 2, 0], bias; a W large enough for interior blocks and one smaller
// than any block.
// RUN: conv-run %t/dynamic_nhw.mlir --input=2x7x23x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DYNAMIC-NHW-0
// RUN: conv-run %t/dynamic_nhw.mlir --input=2x7x23x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DYNAMIC-NHW-0
// RUN: conv-run %t/dynamic_nhw.mlir --input=2x7x23x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DYNAMIC-NHW-0
// RUN: conv-run %t/dynamic_nhw.mlir --input=2x7x23x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --oh-block=3 | FileCheck %s --check-prefix=DYNAMIC-NHW-0
// RUN: conv-run %t/dynamic_nhw.mlir --input=2x7x23x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference | FileCheck %s --check-prefix=DYNAMIC-NHW-0
// RUN: conv-run %t/dynamic_nhw.mlir --input=2x7x23x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --strategy=linalg | FileCheck %s --check-prefix=DYNAMIC-NHW-0
// RUN: conv-run %t/dynamic_nhw.mlir --input=1x2x3x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DYNAMIC-NHW-1
// RUN: conv-run %t/dynamic_nhw.mlir --input=1x2x3x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DYNAMIC-NHW-1
// RUN: conv-run %t/dynamic_nhw.mlir --input=1x2x3x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DYNAMIC-NHW-1
// RUN: conv-run %t/dynamic_nhw.mlir --input=1x2x3x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --oh-block=3 | FileCheck %s --check-prefix=DYNAMIC-NHW-1
// RUN: conv-run %t/dynamic_nhw.mlir --input=1x2x3x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference | FileCheck %s --check-prefix=DYNAMIC-NHW-1
// RUN: conv-run %t/dynamic_nhw.mlir --input=1x2x3x5xf32 --input=3x3x5x18xf32 --input=18xf32 --check-reference --strategy=linalg | FileCheck %s --check-prefix=DYNAMIC-NHW-1
// DYNAMIC-NHW-0: result[0]: tensor<2x7x12x18xf32>
// DYNAMIC-NHW-0-NEXT: reference check: PASS
// DYNAMIC-NHW-1: result[0]: tensor<1x2x2x18xf32>
// DYNAMIC-NHW-1-NEXT: reference check: PASS
func.func @dynamic_nhw(%x: tensor<?x?x?x5xf32>, %w: tensor<3x3x5x18xf32>, %b: tensor<18xf32>) -> tensor<?x?x?x18xf32> {
  %y = conv.conv2d %x, %w, %b strides = [1, 2] padding = [1, 1, 2, 0]
      : tensor<?x?x?x5xf32>, tensor<3x3x5x18xf32>, tensor<18xf32> -> tensor<?x?x?x18xf32>
  return %y : tensor<?x?x?x18xf32>
}

//--- dynamic_depthwise.mlir
// Dynamic N, H and W, depthwise: 8 channels, 3x3, padding 1, no bias.
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference --ow-block=3 --oc-vectors=2 | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference --ow-block=7 --oc-vectors=1 | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference --oh-block=3 | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference --strategy=linalg | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// RUN: conv-run %t/dynamic_depthwise.mlir --input=2x5x17x8xf32 --input=3x3x1x8xf32 --check-reference --threads=2 | FileCheck %s --check-prefix=DYNAMIC-DEPTHWISE-0
// DYNAMIC-DEPTHWISE-0: result[0]: tensor<2x5x17x8xf32>
// DYNAMIC-DEPTHWISE-0-NEXT: reference check: PASS
func.func @dynamic_depthwise(%x: tensor<?x?x?x8xf32>, %w: tensor<3x3x1x8xf32>) -> tensor<?x?x?x8xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 8
      : tensor<?x?x?x8xf32>, tensor<3x3x1x8xf32> -> tensor<?x?x?x8xf32>
  return %y : tensor<?x?x?x8xf32>
}

//--- reduction_blocks.mlir
// Input channels in reduction blocks: partial sums kept in the output
// between blocks (f32 and f64 only), the bias added once; blocks of 8 and 3
// of 24 channels, with padding and stride 2. Also chosen by itself for big
// filters (3x3x1024 -> 48 channels per block would be 1.7 MiB).
// RUN: conv-run %t/reduction_blocks.mlir --function=f32 --check-reference --c-block=8 --report | FileCheck %s --check-prefixes=CBLOCK8,CBLOCK
// RUN: conv-run %t/reduction_blocks.mlir --function=f32 --check-reference --c-block=3 --ow-block=3 | FileCheck %s --check-prefix=CBLOCK
// RUN: conv-run %t/reduction_blocks.mlir --function=f32 --check-reference --c-block=8 --threads=2 | FileCheck %s --check-prefix=CBLOCK
// RUN: conv-run %t/reduction_blocks.mlir --function=f64 --check-reference --c-block=6 | FileCheck %s --check-prefix=CBLOCK
// RUN: conv-run %t/reduction_blocks.mlir --function=big --check-reference --report | FileCheck %s --check-prefixes=CBLOCK-AUTO,CBLOCK
// CBLOCK8: c-block=8
// CBLOCK-AUTO: c-block={{[0-9]+}}
// CBLOCK: reference check: PASS
func.func @f32(%x: tensor<1x9x11x24xf32>, %w: tensor<3x3x24x20xf32>, %b: tensor<20xf32>) -> tensor<1x5x6x20xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x9x11x24xf32>, tensor<3x3x24x20xf32>, tensor<20xf32> -> tensor<1x5x6x20xf32>
  return %y : tensor<1x5x6x20xf32>
}
func.func @f64(%x: tensor<2x6x7x24xf64>, %w: tensor<3x3x24x8xf64>, %b: tensor<8xf64>) -> tensor<2x6x7x8xf64> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<2x6x7x24xf64>, tensor<3x3x24x8xf64>, tensor<8xf64> -> tensor<2x6x7x8xf64>
  return %y : tensor<2x6x7x8xf64>
}
func.func @big(%x: tensor<1x4x4x1024xf32>, %w: tensor<3x3x1024x48xf32>, %b: tensor<48xf32>) -> tensor<1x4x4x48xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x4x4x1024xf32>, tensor<3x3x1024x48xf32>, tensor<48xf32> -> tensor<1x4x4x48xf32>
  return %y : tensor<1x4x4x48xf32>
}
