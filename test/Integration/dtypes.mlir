// Every element type (f32, f16, bf16, f64), with bias, checked against the
// float64 reference with the conformance tolerance of the type.
//
// `_deep` uses a 3x3x24 reduction (216 products per output): f16/bf16 pass
// only if products are accumulated in f32 and rounded once, as the op
// promises. `_pt` uses PyTorch layouts, 2 groups and stride 2.
//
// Each function is its own split-file part, so that every conv-run
// compiles just the function it runs.
// RUN: rm -rf %t && split-file %s %t

//--- f32_deep.mlir
// f32: NHWC/HWIO, 3x3 kernel, 24 -> 12 channels, padding 1.
// RUN: conv-run %t/f32_deep.mlir --check-reference | FileCheck %s --check-prefix=F32-DEEP
// F32-DEEP: result[0]: tensor<1x10x9x12xf32>
// F32-DEEP-NEXT: reference check: PASS
func.func @f32_deep(%x: tensor<1x10x9x24xf32>, %w: tensor<3x3x24x12xf32>, %b: tensor<12xf32>) -> tensor<1x10x9x12xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x10x9x24xf32>, tensor<3x3x24x12xf32>, tensor<12xf32> -> tensor<1x10x9x12xf32>
  return %y : tensor<1x10x9x12xf32>
}

//--- f32_pt.mlir
// f32: NCHW/OIHW, 2 groups (6 -> 10 channels), stride 2, 2x3 kernel, asymmetric padding.
// RUN: conv-run %t/f32_pt.mlir --check-reference | FileCheck %s --check-prefix=F32-PT
// F32-PT: result[0]: tensor<2x10x6x5xf32>
// F32-PT-NEXT: reference check: PASS
func.func @f32_pt(%x: tensor<2x6x11x9xf32>, %w: tensor<10x3x2x3xf32>, %b: tensor<10xf32>) -> tensor<2x10x6x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [0, 1, 1, 2] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<2x6x11x9xf32>, tensor<10x3x2x3xf32>, tensor<10xf32> -> tensor<2x10x6x5xf32>
  return %y : tensor<2x10x6x5xf32>
}

//--- f32_nobias.mlir
// f32: NHWC/OHWI, no bias, dilation 2.
// RUN: conv-run %t/f32_nobias.mlir --check-reference | FileCheck %s --check-prefix=F32-NOBIAS
// F32-NOBIAS: result[0]: tensor<1x5x5x3xf32>
// F32-NOBIAS-NEXT: reference check: PASS
func.func @f32_nobias(%x: tensor<1x9x9x5xf32>, %w: tensor<3x3x3x5xf32>) -> tensor<1x5x5x3xf32> {
  %y = conv.conv2d %x, %w dilations = [2, 2] filter_layout = OHWI
      : tensor<1x9x9x5xf32>, tensor<3x3x3x5xf32> -> tensor<1x5x5x3xf32>
  return %y : tensor<1x5x5x3xf32>
}

//--- f16_deep.mlir
// f16: NHWC/HWIO, 3x3 kernel, 24 -> 12 channels, padding 1.
// RUN: conv-run %t/f16_deep.mlir --check-reference | FileCheck %s --check-prefix=F16-DEEP
// F16-DEEP: result[0]: tensor<1x10x9x12xf16>
// F16-DEEP-NEXT: reference check: PASS
func.func @f16_deep(%x: tensor<1x10x9x24xf16>, %w: tensor<3x3x24x12xf16>, %b: tensor<12xf16>) -> tensor<1x10x9x12xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x10x9x24xf16>, tensor<3x3x24x12xf16>, tensor<12xf16> -> tensor<1x10x9x12xf16>
  return %y : tensor<1x10x9x12xf16>
}

//--- f16_pt.mlir
// f16: NCHW/OIHW, 2 groups (6 -> 10 channels), stride 2, 2x3 kernel, asymmetric padding.
// RUN: conv-run %t/f16_pt.mlir --check-reference | FileCheck %s --check-prefix=F16-PT
// F16-PT: result[0]: tensor<2x10x6x5xf16>
// F16-PT-NEXT: reference check: PASS
func.func @f16_pt(%x: tensor<2x6x11x9xf16>, %w: tensor<10x3x2x3xf16>, %b: tensor<10xf16>) -> tensor<2x10x6x5xf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [0, 1, 1, 2] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<2x6x11x9xf16>, tensor<10x3x2x3xf16>, tensor<10xf16> -> tensor<2x10x6x5xf16>
  return %y : tensor<2x10x6x5xf16>
}

//--- f16_nobias.mlir
// f16: NHWC/OHWI, no bias, dilation 2.
// RUN: conv-run %t/f16_nobias.mlir --check-reference | FileCheck %s --check-prefix=F16-NOBIAS
// F16-NOBIAS: result[0]: tensor<1x5x5x3xf16>
// F16-NOBIAS-NEXT: reference check: PASS
func.func @f16_nobias(%x: tensor<1x9x9x5xf16>, %w: tensor<3x3x3x5xf16>) -> tensor<1x5x5x3xf16> {
  %y = conv.conv2d %x, %w dilations = [2, 2] filter_layout = OHWI
      : tensor<1x9x9x5xf16>, tensor<3x3x3x5xf16> -> tensor<1x5x5x3xf16>
  return %y : tensor<1x5x5x3xf16>
}

//--- bf16_deep.mlir
// bf16: NHWC/HWIO, 3x3 kernel, 24 -> 12 channels, padding 1.
// RUN: conv-run %t/bf16_deep.mlir --check-reference | FileCheck %s --check-prefix=BF16-DEEP
// BF16-DEEP: result[0]: tensor<1x10x9x12xbf16>
// BF16-DEEP-NEXT: reference check: PASS
func.func @bf16_deep(%x: tensor<1x10x9x24xbf16>, %w: tensor<3x3x24x12xbf16>, %b: tensor<12xbf16>) -> tensor<1x10x9x12xbf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x10x9x24xbf16>, tensor<3x3x24x12xbf16>, tensor<12xbf16> -> tensor<1x10x9x12xbf16>
  return %y : tensor<1x10x9x12xbf16>
}

//--- bf16_pt.mlir
// bf16: NCHW/OIHW, 2 groups (6 -> 10 channels), stride 2, 2x3 kernel, asymmetric padding.
// RUN: conv-run %t/bf16_pt.mlir --check-reference | FileCheck %s --check-prefix=BF16-PT
// BF16-PT: result[0]: tensor<2x10x6x5xbf16>
// BF16-PT-NEXT: reference check: PASS
func.func @bf16_pt(%x: tensor<2x6x11x9xbf16>, %w: tensor<10x3x2x3xbf16>, %b: tensor<10xbf16>) -> tensor<2x10x6x5xbf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [0, 1, 1, 2] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<2x6x11x9xbf16>, tensor<10x3x2x3xbf16>, tensor<10xbf16> -> tensor<2x10x6x5xbf16>
  return %y : tensor<2x10x6x5xbf16>
}

//--- bf16_nobias.mlir
// bf16: NHWC/OHWI, no bias, dilation 2.
// RUN: conv-run %t/bf16_nobias.mlir --check-reference | FileCheck %s --check-prefix=BF16-NOBIAS
// BF16-NOBIAS: result[0]: tensor<1x5x5x3xbf16>
// BF16-NOBIAS-NEXT: reference check: PASS
func.func @bf16_nobias(%x: tensor<1x9x9x5xbf16>, %w: tensor<3x3x3x5xbf16>) -> tensor<1x5x5x3xbf16> {
  %y = conv.conv2d %x, %w dilations = [2, 2] filter_layout = OHWI
      : tensor<1x9x9x5xbf16>, tensor<3x3x3x5xbf16> -> tensor<1x5x5x3xbf16>
  return %y : tensor<1x5x5x3xbf16>
}

//--- f64_deep.mlir
// f64: NHWC/HWIO, 3x3 kernel, 24 -> 12 channels, padding 1.
// RUN: conv-run %t/f64_deep.mlir --check-reference | FileCheck %s --check-prefix=F64-DEEP
// F64-DEEP: result[0]: tensor<1x10x9x12xf64>
// F64-DEEP-NEXT: reference check: PASS
func.func @f64_deep(%x: tensor<1x10x9x24xf64>, %w: tensor<3x3x24x12xf64>, %b: tensor<12xf64>) -> tensor<1x10x9x12xf64> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x10x9x24xf64>, tensor<3x3x24x12xf64>, tensor<12xf64> -> tensor<1x10x9x12xf64>
  return %y : tensor<1x10x9x12xf64>
}

//--- f64_pt.mlir
// f64: NCHW/OIHW, 2 groups (6 -> 10 channels), stride 2, 2x3 kernel, asymmetric padding.
// RUN: conv-run %t/f64_pt.mlir --check-reference | FileCheck %s --check-prefix=F64-PT
// F64-PT: result[0]: tensor<2x10x6x5xf64>
// F64-PT-NEXT: reference check: PASS
func.func @f64_pt(%x: tensor<2x6x11x9xf64>, %w: tensor<10x3x2x3xf64>, %b: tensor<10xf64>) -> tensor<2x10x6x5xf64> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [0, 1, 1, 2] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<2x6x11x9xf64>, tensor<10x3x2x3xf64>, tensor<10xf64> -> tensor<2x10x6x5xf64>
  return %y : tensor<2x10x6x5xf64>
}

//--- f64_nobias.mlir
// f64: NHWC/OHWI, no bias, dilation 2.
// RUN: conv-run %t/f64_nobias.mlir --check-reference | FileCheck %s --check-prefix=F64-NOBIAS
// F64-NOBIAS: result[0]: tensor<1x5x5x3xf64>
// F64-NOBIAS-NEXT: reference check: PASS
func.func @f64_nobias(%x: tensor<1x9x9x5xf64>, %w: tensor<3x3x3x5xf64>) -> tensor<1x5x5x3xf64> {
  %y = conv.conv2d %x, %w dilations = [2, 2] filter_layout = OHWI
      : tensor<1x9x9x5xf64>, tensor<3x3x3x5xf64> -> tensor<1x5x5x3xf64>
  return %y : tensor<1x5x5x3xf64>
}
