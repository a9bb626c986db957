// Dynamic batch, height and width: inputs of several runtime shapes, given
// as --input=SHAPExDTYPE (seeded random data), checked against the float64
// reference computed for the actual shapes. Also static batch > 1.
//
// Each function is its own split-file part, so that every conv-run
// compiles just the function it runs.
// RUN: rm -rf %t && split-file %s %t

//--- dyn_batch.mlir
// Dynamic batch: tensor<?x8x8x4xf32>, 3x3 kernel, padding 1, bias.
// Batch 0 gives an empty result.
// RUN: conv-run %t/dyn_batch.mlir --input=3x8x8x4xf32 --input=3x3x4x6xf32 --input=6xf32 --check-reference | FileCheck %s --check-prefix=DYN-BATCH-0
// DYN-BATCH-0: result[0]: tensor<3x8x8x6xf32>
// DYN-BATCH-0-NEXT: reference check: PASS
// RUN: conv-run %t/dyn_batch.mlir --input=1x8x8x4xf32 --input=3x3x4x6xf32 --input=6xf32 --seed=5 --check-reference | FileCheck %s --check-prefix=DYN-BATCH-1
// DYN-BATCH-1: result[0]: tensor<1x8x8x6xf32>
// DYN-BATCH-1-NEXT: reference check: PASS
// RUN: conv-run %t/dyn_batch.mlir --input=0x8x8x4xf32 --input=3x3x4x6xf32 --input=6xf32 --check-reference | FileCheck %s --check-prefix=DYN-BATCH-2
// DYN-BATCH-2: result[0]: tensor<0x8x8x6xf32>
// DYN-BATCH-2-NEXT: reference check: PASS
func.func @dyn_batch(%x: tensor<?x8x8x4xf32>, %w: tensor<3x3x4x6xf32>, %b: tensor<6xf32>) -> tensor<?x8x8x6xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<?x8x8x4xf32>, tensor<3x3x4x6xf32>, tensor<6xf32> -> tensor<?x8x8x6xf32>
  return %y : tensor<?x8x8x6xf32>
}

//--- dyn_hw.mlir
// Dynamic H and W: tensor<1x?x?x3xf32>, stride 2, padding 1.
// RUN: conv-run %t/dyn_hw.mlir --input=1x7x13x3xf32 --input=3x3x3x5xf32 --input=5xf32 --check-reference | FileCheck %s --check-prefix=DYN-HW-0
// DYN-HW-0: result[0]: tensor<1x4x7x5xf32>
// DYN-HW-0-NEXT: reference check: PASS
// RUN: conv-run %t/dyn_hw.mlir --input=1x16x5x3xf32 --input=3x3x3x5xf32 --input=5xf32 --check-reference | FileCheck %s --check-prefix=DYN-HW-1
// DYN-HW-1: result[0]: tensor<1x8x3x5xf32>
// DYN-HW-1-NEXT: reference check: PASS
// RUN: conv-run %t/dyn_hw.mlir --input=1x1x1x3xf32 --input=3x3x3x5xf32 --input=5xf32 --check-reference | FileCheck %s --check-prefix=DYN-HW-2
// DYN-HW-2: result[0]: tensor<1x1x1x5xf32>
// DYN-HW-2-NEXT: reference check: PASS
func.func @dyn_hw(%x: tensor<1x?x?x3xf32>, %w: tensor<3x3x3x5xf32>, %b: tensor<5xf32>) -> tensor<1x?x?x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x?x?x3xf32>, tensor<3x3x3x5xf32>, tensor<5xf32> -> tensor<1x?x?x5xf32>
  return %y : tensor<1x?x?x5xf32>
}

//--- dyn_nhw_nchw.mlir
// All of N, H, W dynamic, NCHW/OIHW, dilation 2, 2 groups, bias.
// RUN: conv-run %t/dyn_nhw_nchw.mlir --input=2x4x9x10xf32 --input=6x2x3x3xf32 --input=6xf32 --check-reference | FileCheck %s --check-prefix=DYN-NHW-NCHW-0
// DYN-NHW-NCHW-0: result[0]: tensor<2x6x5x6xf32>
// DYN-NHW-NCHW-0-NEXT: reference check: PASS
// RUN: conv-run %t/dyn_nhw_nchw.mlir --input=3x4x5x5xf32 --input=6x2x3x3xf32 --input=6xf32 --check-reference | FileCheck %s --check-prefix=DYN-NHW-NCHW-1
// DYN-NHW-NCHW-1: result[0]: tensor<3x6x1x1xf32>
// DYN-NHW-NCHW-1-NEXT: reference check: PASS
func.func @dyn_nhw_nchw(%x: tensor<?x4x?x?xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<?x6x?x?xf32> {
  %y = conv.conv2d %x, %w, %b dilations = [2, 2] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<?x4x?x?xf32>, tensor<6x2x3x3xf32>, tensor<6xf32> -> tensor<?x6x?x?xf32>
  return %y : tensor<?x6x?x?xf32>
}

//--- dyn_f16_depthwise.mlir
// Dynamic N, H, W in f16, depthwise (8 channels), NHWC/OHWI, no bias.
// RUN: conv-run %t/dyn_f16_depthwise.mlir --input=2x6x7x8xf16 --input=8x3x3x1xf16 --check-reference | FileCheck %s --check-prefix=DYN-F16-DEPTHWISE
// DYN-F16-DEPTHWISE: result[0]: tensor<2x6x7x8xf16>
// DYN-F16-DEPTHWISE-NEXT: reference check: PASS
func.func @dyn_f16_depthwise(%x: tensor<?x?x?x8xf16>, %w: tensor<8x3x3x1xf16>) -> tensor<?x?x?x8xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 8 filter_layout = OHWI
      : tensor<?x?x?x8xf16>, tensor<8x3x3x1xf16> -> tensor<?x?x?x8xf16>
  return %y : tensor<?x?x?x8xf16>
}

//--- batch4.mlir
// Static batch 4, NCHW/OIHW, bias.
// RUN: conv-run %t/batch4.mlir --check-reference | FileCheck %s --check-prefix=BATCH4
// BATCH4: result[0]: tensor<4x4x6x5xf32>
// BATCH4-NEXT: reference check: PASS
func.func @batch4(%x: tensor<4x3x6x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<4x4x6x5xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<4x3x6x5xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<4x4x6x5xf32>
  return %y : tensor<4x4x6x5xf32>
}
