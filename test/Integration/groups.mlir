// Grouped and depthwise convolutions, checked against the float64 reference.
// Channel counts are deliberately not multiples of 8 or 16. Output channels
// are group-major: channel oc reads the input channels of group
// oc / (OC / groups).
//
// Each function is its own split-file part, so that every conv-run
// compiles just the function it runs.
// RUN: rm -rf %t && split-file %s %t

//--- groups2_nhwc_hwio.mlir
// 2 groups, 6 -> 10 channels, NHWC/HWIO, 3x3, padding 1, bias.
// RUN: conv-run %t/groups2_nhwc_hwio.mlir --check-reference | FileCheck %s --check-prefix=GROUPS2-NHWC-HWIO
// GROUPS2-NHWC-HWIO: result[0]: tensor<1x7x7x10xf32>
// GROUPS2-NHWC-HWIO-NEXT: reference check: PASS
func.func @groups2_nhwc_hwio(%x: tensor<1x7x7x6xf32>, %w: tensor<3x3x3x10xf32>, %b: tensor<10xf32>) -> tensor<1x7x7x10xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 2
      : tensor<1x7x7x6xf32>, tensor<3x3x3x10xf32>, tensor<10xf32> -> tensor<1x7x7x10xf32>
  return %y : tensor<1x7x7x10xf32>
}

//--- groups2_nchw_ohwi.mlir
// 2 groups, 14 -> 6 channels (OC < IC), NCHW/OHWI, stride 2, bias.
// RUN: conv-run %t/groups2_nchw_ohwi.mlir --check-reference | FileCheck %s --check-prefix=GROUPS2-NCHW-OHWI
// GROUPS2-NCHW-OHWI: result[0]: tensor<2x6x5x4xf32>
// GROUPS2-NCHW-OHWI-NEXT: reference check: PASS
func.func @groups2_nchw_ohwi(%x: tensor<2x14x9x8xf32>, %w: tensor<6x3x3x7xf32>, %b: tensor<6xf32>) -> tensor<2x6x5x4xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1] groups = 2 input_layout = NCHW filter_layout = OHWI
      : tensor<2x14x9x8xf32>, tensor<6x3x3x7xf32>, tensor<6xf32> -> tensor<2x6x5x4xf32>
  return %y : tensor<2x6x5x4xf32>
}

//--- groups4_nchw_oihw.mlir
// 4 groups, 12 -> 20 channels, NCHW/OIHW, stride 2, bias.
// RUN: conv-run %t/groups4_nchw_oihw.mlir --check-reference | FileCheck %s --check-prefix=GROUPS4-NCHW-OIHW
// GROUPS4-NCHW-OIHW: result[0]: tensor<1x20x5x5xf32>
// GROUPS4-NCHW-OIHW-NEXT: reference check: PASS
func.func @groups4_nchw_oihw(%x: tensor<1x12x10x11xf32>, %w: tensor<20x3x3x3xf32>, %b: tensor<20xf32>) -> tensor<1x20x5x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 0, 0, 1] groups = 4 input_layout = NCHW filter_layout = OIHW
      : tensor<1x12x10x11xf32>, tensor<20x3x3x3xf32>, tensor<20xf32> -> tensor<1x20x5x5xf32>
  return %y : tensor<1x20x5x5xf32>
}

//--- groups4_nhwc_ohwi.mlir
// 4 groups, 20 -> 12 channels, NHWC/OHWI, 2x2 kernel, dilation 2, no bias.
// RUN: conv-run %t/groups4_nhwc_ohwi.mlir --check-reference | FileCheck %s --check-prefix=GROUPS4-NHWC-OHWI
// GROUPS4-NHWC-OHWI: result[0]: tensor<1x7x8x12xf32>
// GROUPS4-NHWC-OHWI-NEXT: reference check: PASS
func.func @groups4_nhwc_ohwi(%x: tensor<1x9x10x20xf32>, %w: tensor<12x2x2x5xf32>) -> tensor<1x7x8x12xf32> {
  %y = conv.conv2d %x, %w dilations = [2, 2] groups = 4 filter_layout = OHWI
      : tensor<1x9x10x20xf32>, tensor<12x2x2x5xf32> -> tensor<1x7x8x12xf32>
  return %y : tensor<1x7x8x12xf32>
}

//--- groups4_nhwc_oihw.mlir
// 4 groups, 4 -> 8 channels (one input channel per group), NHWC/OIHW.
// RUN: conv-run %t/groups4_nhwc_oihw.mlir --check-reference | FileCheck %s --check-prefix=GROUPS4-NHWC-OIHW
// GROUPS4-NHWC-OIHW: result[0]: tensor<1x4x6x8xf32>
// GROUPS4-NHWC-OIHW-NEXT: reference check: PASS
func.func @groups4_nhwc_oihw(%x: tensor<1x6x7x4xf32>, %w: tensor<8x1x3x2xf32>, %b: tensor<8xf32>) -> tensor<1x4x6x8xf32> {
  %y = conv.conv2d %x, %w, %b groups = 4 filter_layout = OIHW
      : tensor<1x6x7x4xf32>, tensor<8x1x3x2xf32>, tensor<8xf32> -> tensor<1x4x6x8xf32>
  return %y : tensor<1x4x6x8xf32>
}

//--- groups3_nchw_hwio.mlir
// 3 groups, 9 -> 6 channels, NCHW/HWIO, 1x3 kernel, bias.
// RUN: conv-run %t/groups3_nchw_hwio.mlir --check-reference | FileCheck %s --check-prefix=GROUPS3-NCHW-HWIO
// GROUPS3-NCHW-HWIO: result[0]: tensor<1x6x5x9xf32>
// GROUPS3-NCHW-HWIO-NEXT: reference check: PASS
func.func @groups3_nchw_hwio(%x: tensor<1x9x5x9xf32>, %w: tensor<1x3x3x6xf32>, %b: tensor<6xf32>) -> tensor<1x6x5x9xf32> {
  %y = conv.conv2d %x, %w, %b padding = [0, 0, 1, 1] groups = 3 input_layout = NCHW
      : tensor<1x9x5x9xf32>, tensor<1x3x3x6xf32>, tensor<6xf32> -> tensor<1x6x5x9xf32>
  return %y : tensor<1x6x5x9xf32>
}

//--- depthwise_m1_nhwc_hwio.mlir
// Depthwise, multiplier 1: 7 channels, groups 7, NHWC/HWIO, 3x3, padding 1, bias.
// RUN: conv-run %t/depthwise_m1_nhwc_hwio.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M1-NHWC-HWIO
// DEPTHWISE-M1-NHWC-HWIO: result[0]: tensor<1x9x9x7xf32>
// DEPTHWISE-M1-NHWC-HWIO-NEXT: reference check: PASS
func.func @depthwise_m1_nhwc_hwio(%x: tensor<1x9x9x7xf32>, %w: tensor<3x3x1x7xf32>, %b: tensor<7xf32>) -> tensor<1x9x9x7xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 7
      : tensor<1x9x9x7xf32>, tensor<3x3x1x7xf32>, tensor<7xf32> -> tensor<1x9x9x7xf32>
  return %y : tensor<1x9x9x7xf32>
}

//--- depthwise_m1_nchw_oihw.mlir
// Depthwise, multiplier 1, NCHW/OIHW, stride 2 (MobileNet-like), bias.
// RUN: conv-run %t/depthwise_m1_nchw_oihw.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M1-NCHW-OIHW
// DEPTHWISE-M1-NCHW-OIHW: result[0]: tensor<2x12x6x6xf32>
// DEPTHWISE-M1-NCHW-OIHW-NEXT: reference check: PASS
func.func @depthwise_m1_nchw_oihw(%x: tensor<2x12x11x11xf32>, %w: tensor<12x1x3x3xf32>, %b: tensor<12xf32>) -> tensor<2x12x6x6xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1] groups = 12 input_layout = NCHW filter_layout = OIHW
      : tensor<2x12x11x11xf32>, tensor<12x1x3x3xf32>, tensor<12xf32> -> tensor<2x12x6x6xf32>
  return %y : tensor<2x12x6x6xf32>
}

//--- depthwise_m2_nchw_oihw.mlir
// Depthwise, multiplier 2: 5 -> 10 channels, NCHW/OIHW, bias.
// RUN: conv-run %t/depthwise_m2_nchw_oihw.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M2-NCHW-OIHW
// DEPTHWISE-M2-NCHW-OIHW: result[0]: tensor<1x10x8x5xf32>
// DEPTHWISE-M2-NCHW-OIHW-NEXT: reference check: PASS
func.func @depthwise_m2_nchw_oihw(%x: tensor<1x5x8x7xf32>, %w: tensor<10x1x3x3xf32>, %b: tensor<10xf32>) -> tensor<1x10x8x5xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 0, 0] groups = 5 input_layout = NCHW filter_layout = OIHW
      : tensor<1x5x8x7xf32>, tensor<10x1x3x3xf32>, tensor<10xf32> -> tensor<1x10x8x5xf32>
  return %y : tensor<1x10x8x5xf32>
}

//--- depthwise_m2_nhwc_ohwi.mlir
// Depthwise, multiplier 2: 3 -> 6 channels, NHWC/OHWI, 5x5, padding 2, no bias.
// RUN: conv-run %t/depthwise_m2_nhwc_ohwi.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M2-NHWC-OHWI
// DEPTHWISE-M2-NHWC-OHWI: result[0]: tensor<1x7x9x6xf32>
// DEPTHWISE-M2-NHWC-OHWI-NEXT: reference check: PASS
func.func @depthwise_m2_nhwc_ohwi(%x: tensor<1x7x9x3xf32>, %w: tensor<6x5x5x1xf32>) -> tensor<1x7x9x6xf32> {
  %y = conv.conv2d %x, %w padding = [2, 2, 2, 2] groups = 3 filter_layout = OHWI
      : tensor<1x7x9x3xf32>, tensor<6x5x5x1xf32> -> tensor<1x7x9x6xf32>
  return %y : tensor<1x7x9x6xf32>
}

//--- depthwise_m3_nhwc_hwio.mlir
// Depthwise, multiplier 3: 6 -> 18 channels, NHWC/HWIO, stride 2, dilation 2, bias.
// RUN: conv-run %t/depthwise_m3_nhwc_hwio.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M3-NHWC-HWIO
// DEPTHWISE-M3-NHWC-HWIO: result[0]: tensor<1x7x6x18xf32>
// DEPTHWISE-M3-NHWC-HWIO-NEXT: reference check: PASS
func.func @depthwise_m3_nhwc_hwio(%x: tensor<1x13x12x6xf32>, %w: tensor<3x3x1x18xf32>, %b: tensor<18xf32>) -> tensor<1x7x6x18xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] dilations = [2, 2] padding = [2, 2, 2, 2] groups = 6
      : tensor<1x13x12x6xf32>, tensor<3x3x1x18xf32>, tensor<18xf32> -> tensor<1x7x6x18xf32>
  return %y : tensor<1x7x6x18xf32>
}

//--- depthwise_m3_nchw_ohwi.mlir
// Depthwise, multiplier 3: 5 -> 15 channels, NCHW/OHWI, 3x2 kernel, bias.
// RUN: conv-run %t/depthwise_m3_nchw_ohwi.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M3-NCHW-OHWI
// DEPTHWISE-M3-NCHW-OHWI: result[0]: tensor<1x15x5x8xf32>
// DEPTHWISE-M3-NCHW-OHWI-NEXT: reference check: PASS
func.func @depthwise_m3_nchw_ohwi(%x: tensor<1x5x6x8xf32>, %w: tensor<15x3x2x1xf32>, %b: tensor<15xf32>) -> tensor<1x15x5x8xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 0, 0, 1] groups = 5 input_layout = NCHW filter_layout = OHWI
      : tensor<1x5x6x8xf32>, tensor<15x3x2x1xf32>, tensor<15xf32> -> tensor<1x15x5x8xf32>
  return %y : tensor<1x15x5x8xf32>
}

//--- depthwise_m2_f16.mlir
// Depthwise f16, multiplier 2, NHWC/HWIO, bias.
// RUN: conv-run %t/depthwise_m2_f16.mlir --check-reference | FileCheck %s --check-prefix=DEPTHWISE-M2-F16
// DEPTHWISE-M2-F16: result[0]: tensor<1x8x8x12xf16>
// DEPTHWISE-M2-F16-NEXT: reference check: PASS
func.func @depthwise_m2_f16(%x: tensor<1x8x8x6xf16>, %w: tensor<3x3x1x12xf16>, %b: tensor<12xf16>) -> tensor<1x8x8x12xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 6
      : tensor<1x8x8x6xf16>, tensor<3x3x1x12xf16>, tensor<12xf16> -> tensor<1x8x8x12xf16>
  return %y : tensor<1x8x8x12xf16>
}
