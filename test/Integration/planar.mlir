// The planar kernel (NCHW convs with groups of few channels, vectors along
// W), checked against the float64 reference: the report proves the kernel
// ran, the numbers that it is exact on the corners it resolves at compile
// time (border rows and column blocks, partial vectors, padding wider than
// the kernel, stride 2, dilation, asymmetric padding).
//
// RUN: rm -rf %t && split-file %s %t

//--- dw_s1_bias.mlir
// Depthwise, batch 2, rows of 37 pixels (16 + 16 + 5 in a vector of 8),
// 13 rows (border, 2 blocks of 4 rows, remainder 3, border), bias.
// RUN: conv-run %t/dw_s1_bias.mlir --report --check-reference | FileCheck %s --check-prefix=DW-S1
// RUN: conv-run %t/dw_s1_bias.mlir --threads=2 --report --check-reference | FileCheck %s --check-prefix=DW-S1
// DW-S1: kernel=planar oh={{[0-9]+}} ow={{[0-9]+}} oc=1 nchw, input/output/filter kept in their layouts
// DW-S1: result[0]: tensor<2x5x13x37xf32>
// DW-S1-NEXT: reference check: PASS
func.func @dw_s1_bias(%x: tensor<2x5x13x37xf32>, %w: tensor<5x1x3x3xf32>, %b: tensor<5xf32>) -> tensor<2x5x13x37xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 5 input_layout = NCHW filter_layout = OIHW
      : tensor<2x5x13x37xf32>, tensor<5x1x3x3xf32>, tensor<5xf32> -> tensor<2x5x13x37xf32>
  return %y : tensor<2x5x13x37xf32>
}

//--- dw_s2_asym.mlir
// Depthwise, stride 2, padding top 1, bottom 2, left 0, right 1: 9 x 17
// outputs, the odd input width read in even/odd lanes.
// RUN: conv-run %t/dw_s2_asym.mlir --report --check-reference | FileCheck %s --check-prefix=DW-S2
// DW-S2: kernel=planar
// DW-S2: result[0]: tensor<1x6x9x17xf32>
// DW-S2-NEXT: reference check: PASS
func.func @dw_s2_asym(%x: tensor<1x6x17x35xf32>, %w: tensor<6x1x3x3xf32>) -> tensor<1x6x9x17xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [1, 2, 0, 1] groups = 6 input_layout = NCHW filter_layout = OIHW
      : tensor<1x6x17x35xf32>, tensor<6x1x3x3xf32> -> tensor<1x6x9x17xf32>
  return %y : tensor<1x6x9x17xf32>
}

//--- mult2_dil2.mlir
// Channel multiplier 2 (3 -> 6 channels), dilation 2, padding 4 (wider
// than the dilated kernel's reach of 2 either side), HWIO filter.
// RUN: conv-run %t/mult2_dil2.mlir --report --check-reference | FileCheck %s --check-prefix=MULT2
// MULT2: kernel=planar oh={{[0-9]+}} ow={{[0-9]+}} oc=2 nchw
// MULT2: result[0]: tensor<1x6x14x24xf32>
// MULT2-NEXT: reference check: PASS
func.func @mult2_dil2(%x: tensor<1x3x10x20xf32>, %w: tensor<3x3x1x6xf32>) -> tensor<1x6x14x24xf32> {
  %y = conv.conv2d %x, %w dilations = [2, 2] padding = [4, 4, 4, 4] groups = 3 input_layout = NCHW filter_layout = HWIO
      : tensor<1x3x10x20xf32>, tensor<3x3x1x6xf32> -> tensor<1x6x14x24xf32>
  return %y : tensor<1x6x14x24xf32>
}

//--- wide_pad.mlir
// Padding 5 around a 3x3 depthwise kernel: the first and last rows and
// columns of the output see only padding (the bias).
// RUN: conv-run %t/wide_pad.mlir --report --check-reference | FileCheck %s --check-prefix=WIDE
// WIDE: kernel=planar
// WIDE: result[0]: tensor<1x3x14x28xf32>
// WIDE-NEXT: reference check: PASS
func.func @wide_pad(%x: tensor<1x3x6x20xf32>, %w: tensor<3x1x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x14x28xf32> {
  %y = conv.conv2d %x, %w, %b padding = [5, 5, 5, 5] groups = 3 input_layout = NCHW filter_layout = OIHW
      : tensor<1x3x6x20xf32>, tensor<3x1x3x3xf32>, tensor<3xf32> -> tensor<1x3x14x28xf32>
  return %y : tensor<1x3x14x28xf32>
}

//--- g2_f16_ohwi.mlir
// f16 (f32 accumulation), 2 groups of 4 -> 4 channels, 5x5, OHWI filter.
// RUN: conv-run %t/g2_f16_ohwi.mlir --report --check-reference | FileCheck %s --check-prefix=G2-F16
// G2-F16: kernel=planar oh={{[0-9]+}} ow={{[0-9]+}} oc=4 nchw
// G2-F16: result[0]: tensor<1x8x11x24xf16>
// G2-F16-NEXT: reference check: PASS
func.func @g2_f16_ohwi(%x: tensor<1x8x11x24xf16>, %w: tensor<8x5x5x4xf16>) -> tensor<1x8x11x24xf16> {
  %y = conv.conv2d %x, %w padding = [2, 2, 2, 2] groups = 2 input_layout = NCHW filter_layout = OHWI
      : tensor<1x8x11x24xf16>, tensor<8x5x5x4xf16> -> tensor<1x8x11x24xf16>
  return %y : tensor<1x8x11x24xf16>
}

//--- in_gt_out_bf16.mlir
// bf16, 2 groups of 4 -> 2 channels (more input than output channels per
// group), strides (2, 1), bias.
// RUN: conv-run %t/in_gt_out_bf16.mlir --report --check-reference | FileCheck %s --check-prefix=BF16
// BF16: kernel=planar
// BF16: result[0]: tensor<1x4x6x18xbf16>
// BF16-NEXT: reference check: PASS
func.func @in_gt_out_bf16(%x: tensor<1x8x12x18xbf16>, %w: tensor<4x4x3x3xbf16>, %b: tensor<4xbf16>) -> tensor<1x4x6x18xbf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] padding = [1, 1, 1, 1] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x8x12x18xbf16>, tensor<4x4x3x3xbf16>, tensor<4xbf16> -> tensor<1x4x6x18xbf16>
  return %y : tensor<1x4x6x18xbf16>
}

//--- dw_f64.mlir
// f64 (vectors of 8), rows of 12 pixels (8 + 4).
// RUN: conv-run %t/dw_f64.mlir --report --check-reference | FileCheck %s --check-prefix=F64
// F64: kernel=planar oh={{[0-9]+}} ow={{[0-9]+}} oc=1 nchw
// F64: result[0]: tensor<1x4x9x12xf64>
// F64-NEXT: reference check: PASS
func.func @dw_f64(%x: tensor<1x4x9x12xf64>, %w: tensor<4x1x3x3xf64>) -> tensor<1x4x9x12xf64> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 4 input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x9x12xf64>, tensor<4x1x3x3xf64> -> tensor<1x4x9x12xf64>
  return %y : tensor<1x4x9x12xf64>
}

//--- dw_avx2.mlir
// An AVX2 target (vectors of 8): rows of 5 pixels in one vector of 8.
// RUN: conv-run %t/dw_avx2.mlir --target-cpu=haswell --report --check-reference | FileCheck %s --check-prefix=AVX2
// AVX2: kernel=planar oh=4 ow=8 oc=1 nchw
// AVX2: result[0]: tensor<1x4x6x5xf32>
// AVX2-NEXT: reference check: PASS
func.func @dw_avx2(%x: tensor<1x4x6x5xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x4x6x5xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 4 input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x6x5xf32>, tensor<4x1x3x3xf32> -> tensor<1x4x6x5xf32>
  return %y : tensor<1x4x6x5xf32>
}

//--- residual.mlir
// A residual add and ReLU after the conv are fused into the planar kernel's
// stores (including the last 5 pixels' vector of 8); compared with the
// linalg strategy's result.
// RUN: conv-run %t/residual.mlir --strategy=linalg --output=@%t/residual.npy
// RUN: conv-run %t/residual.mlir --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s --check-prefix=RESIDUAL
// RUN: conv-run %t/residual.mlir --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s --check-prefix=RESIDUAL
// RESIDUAL: expected-output check: PASS
#id = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @residual(%x: tensor<1x8x10x37xf32>, %w: tensor<8x1x3x3xf32>, %r: tensor<1x8x10x37xf32>) -> tensor<1x8x10x37xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 8 input_layout = NCHW filter_layout = OIHW
      : tensor<1x8x10x37xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x10x37xf32>
  %e = tensor.empty() : tensor<1x8x10x37xf32>
  %z = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x8x10x37xf32>, tensor<1x8x10x37xf32>) outs(%e : tensor<1x8x10x37xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x10x37xf32>
  return %z : tensor<1x8x10x37xf32>
}
