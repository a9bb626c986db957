// Every input layout x filter layout pair (NHWC/NCHW x HWIO/OIHW/OHWI),
// checked against conv-run's float64 reference on seeded random inputs.
//
// Geometry A (with bias): batch 2, 9x7 input, 6 -> 10 channels, a 3x2 kernel
// (non-square, so swapping KH/KW is caught), strides [2, 1],
// dilations [1, 2], padding [1, 0, 1, 1]; output 4x7.
// Geometry B (no bias): 2 groups, 4 -> 6 channels, 8x10 input, a 2x3 kernel,
// strides [1, 2], padding [0, 1, 2, 0]; output 8x6.
//
// Each function is its own split-file part, so that every conv-run
// compiles just the function it runs.
// RUN: rm -rf %t && split-file %s %t

//--- nhwc_hwio.mlir
// NHWC input, HWIO filter, geometry A.
// RUN: conv-run %t/nhwc_hwio.mlir --check-reference | FileCheck %s --check-prefix=NHWC-HWIO
// NHWC-HWIO: result[0]: tensor<2x4x7x10xf32>
// NHWC-HWIO-NEXT: reference check: PASS
func.func @nhwc_hwio(%x: tensor<2x9x7x6xf32>, %w: tensor<3x2x6x10xf32>, %b: tensor<10xf32>) -> tensor<2x4x7x10xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 1, 1]
      : tensor<2x9x7x6xf32>, tensor<3x2x6x10xf32>, tensor<10xf32> -> tensor<2x4x7x10xf32>
  return %y : tensor<2x4x7x10xf32>
}

//--- nhwc_oihw.mlir
// NHWC input, OIHW filter, geometry A.
// RUN: conv-run %t/nhwc_oihw.mlir --check-reference | FileCheck %s --check-prefix=NHWC-OIHW
// NHWC-OIHW: result[0]: tensor<2x4x7x10xf32>
// NHWC-OIHW-NEXT: reference check: PASS
func.func @nhwc_oihw(%x: tensor<2x9x7x6xf32>, %w: tensor<10x6x3x2xf32>, %b: tensor<10xf32>) -> tensor<2x4x7x10xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 1, 1] filter_layout = OIHW
      : tensor<2x9x7x6xf32>, tensor<10x6x3x2xf32>, tensor<10xf32> -> tensor<2x4x7x10xf32>
  return %y : tensor<2x4x7x10xf32>
}

//--- nhwc_ohwi.mlir
// NHWC input, OHWI filter, geometry A.
// RUN: conv-run %t/nhwc_ohwi.mlir --check-reference | FileCheck %s --check-prefix=NHWC-OHWI
// NHWC-OHWI: result[0]: tensor<2x4x7x10xf32>
// NHWC-OHWI-NEXT: reference check: PASS
func.func @nhwc_ohwi(%x: tensor<2x9x7x6xf32>, %w: tensor<10x3x2x6xf32>, %b: tensor<10xf32>) -> tensor<2x4x7x10xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 1, 1] filter_layout = OHWI
      : tensor<2x9x7x6xf32>, tensor<10x3x2x6xf32>, tensor<10xf32> -> tensor<2x4x7x10xf32>
  return %y : tensor<2x4x7x10xf32>
}

//--- nchw_hwio.mlir
// NCHW input, HWIO filter, geometry A.
// RUN: conv-run %t/nchw_hwio.mlir --check-reference | FileCheck %s --check-prefix=NCHW-HWIO
// NCHW-HWIO: result[0]: tensor<2x10x4x7xf32>
// NCHW-HWIO-NEXT: reference check: PASS
func.func @nchw_hwio(%x: tensor<2x6x9x7xf32>, %w: tensor<3x2x6x10xf32>, %b: tensor<10xf32>) -> tensor<2x10x4x7xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 1, 1] input_layout = NCHW
      : tensor<2x6x9x7xf32>, tensor<3x2x6x10xf32>, tensor<10xf32> -> tensor<2x10x4x7xf32>
  return %y : tensor<2x10x4x7xf32>
}

//--- nchw_oihw.mlir
// NCHW input, OIHW filter, geometry A.
// RUN: conv-run %t/nchw_oihw.mlir --check-reference | FileCheck %s --check-prefix=NCHW-OIHW
// NCHW-OIHW: result[0]: tensor<2x10x4x7xf32>
// NCHW-OIHW-NEXT: reference check: PASS
func.func @nchw_oihw(%x: tensor<2x6x9x7xf32>, %w: tensor<10x6x3x2xf32>, %b: tensor<10xf32>) -> tensor<2x10x4x7xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<2x6x9x7xf32>, tensor<10x6x3x2xf32>, tensor<10xf32> -> tensor<2x10x4x7xf32>
  return %y : tensor<2x10x4x7xf32>
}

//--- nchw_ohwi.mlir
// NCHW input, OHWI filter, geometry A.
// RUN: conv-run %t/nchw_ohwi.mlir --check-reference | FileCheck %s --check-prefix=NCHW-OHWI
// NCHW-OHWI: result[0]: tensor<2x10x4x7xf32>
// NCHW-OHWI-NEXT: reference check: PASS
func.func @nchw_ohwi(%x: tensor<2x6x9x7xf32>, %w: tensor<10x3x2x6xf32>, %b: tensor<10xf32>) -> tensor<2x10x4x7xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 1, 1] input_layout = NCHW filter_layout = OHWI
      : tensor<2x6x9x7xf32>, tensor<10x3x2x6xf32>, tensor<10xf32> -> tensor<2x10x4x7xf32>
  return %y : tensor<2x10x4x7xf32>
}

//--- nhwc_hwio_groups.mlir
// NHWC input, HWIO filter, geometry B (2 groups).
// RUN: conv-run %t/nhwc_hwio_groups.mlir --check-reference | FileCheck %s --check-prefix=NHWC-HWIO-GROUPS
// NHWC-HWIO-GROUPS: result[0]: tensor<1x8x5x6xf32>
// NHWC-HWIO-GROUPS-NEXT: reference check: PASS
func.func @nhwc_hwio_groups(%x: tensor<1x8x10x4xf32>, %w: tensor<2x3x2x6xf32>) -> tensor<1x8x5x6xf32> {
  %y = conv.conv2d %x, %w strides = [1, 2] padding = [0, 1, 2, 0] groups = 2
      : tensor<1x8x10x4xf32>, tensor<2x3x2x6xf32> -> tensor<1x8x5x6xf32>
  return %y : tensor<1x8x5x6xf32>
}

//--- nhwc_oihw_groups.mlir
// NHWC input, OIHW filter, geometry B (2 groups).
// RUN: conv-run %t/nhwc_oihw_groups.mlir --check-reference | FileCheck %s --check-prefix=NHWC-OIHW-GROUPS
// NHWC-OIHW-GROUPS: result[0]: tensor<1x8x5x6xf32>
// NHWC-OIHW-GROUPS-NEXT: reference check: PASS
func.func @nhwc_oihw_groups(%x: tensor<1x8x10x4xf32>, %w: tensor<6x2x2x3xf32>) -> tensor<1x8x5x6xf32> {
  %y = conv.conv2d %x, %w strides = [1, 2] padding = [0, 1, 2, 0] groups = 2 filter_layout = OIHW
      : tensor<1x8x10x4xf32>, tensor<6x2x2x3xf32> -> tensor<1x8x5x6xf32>
  return %y : tensor<1x8x5x6xf32>
}

//--- nhwc_ohwi_groups.mlir
// NHWC input, OHWI filter, geometry B (2 groups).
// RUN: conv-run %t/nhwc_ohwi_groups.mlir --check-reference | FileCheck %s --check-prefix=NHWC-OHWI-GROUPS
// NHWC-OHWI-GROUPS: result[0]: tensor<1x8x5x6xf32>
// NHWC-OHWI-GROUPS-NEXT: reference check: PASS
func.func @nhwc_ohwi_groups(%x: tensor<1x8x10x4xf32>, %w: tensor<6x2x3x2xf32>) -> tensor<1x8x5x6xf32> {
  %y = conv.conv2d %x, %w strides = [1, 2] padding = [0, 1, 2, 0] groups = 2 filter_layout = OHWI
      : tensor<1x8x10x4xf32>, tensor<6x2x3x2xf32> -> tensor<1x8x5x6xf32>
  return %y : tensor<1x8x5x6xf32>
}

//--- nchw_hwio_groups.mlir
// NCHW input, HWIO filter, geometry B (2 groups).
// RUN: conv-run %t/nchw_hwio_groups.mlir --check-reference | FileCheck %s --check-prefix=NCHW-HWIO-GROUPS
// NCHW-HWIO-GROUPS: result[0]: tensor<1x6x8x5xf32>
// NCHW-HWIO-GROUPS-NEXT: reference check: PASS
func.func @nchw_hwio_groups(%x: tensor<1x4x8x10xf32>, %w: tensor<2x3x2x6xf32>) -> tensor<1x6x8x5xf32> {
  %y = conv.conv2d %x, %w strides = [1, 2] padding = [0, 1, 2, 0] groups = 2 input_layout = NCHW
      : tensor<1x4x8x10xf32>, tensor<2x3x2x6xf32> -> tensor<1x6x8x5xf32>
  return %y : tensor<1x6x8x5xf32>
}

//--- nchw_oihw_groups.mlir
// NCHW input, OIHW filter, geometry B (2 groups).
// RUN: conv-run %t/nchw_oihw_groups.mlir --check-reference | FileCheck %s --check-prefix=NCHW-OIHW-GROUPS
// NCHW-OIHW-GROUPS: result[0]: tensor<1x6x8x5xf32>
// NCHW-OIHW-GROUPS-NEXT: reference check: PASS
func.func @nchw_oihw_groups(%x: tensor<1x4x8x10xf32>, %w: tensor<6x2x2x3xf32>) -> tensor<1x6x8x5xf32> {
  %y = conv.conv2d %x, %w strides = [1, 2] padding = [0, 1, 2, 0] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x8x10xf32>, tensor<6x2x2x3xf32> -> tensor<1x6x8x5xf32>
  return %y : tensor<1x6x8x5xf32>
}

//--- nchw_ohwi_groups.mlir
// NCHW input, OHWI filter, geometry B (2 groups).
// RUN: conv-run %t/nchw_ohwi_groups.mlir --check-reference | FileCheck %s --check-prefix=NCHW-OHWI-GROUPS
// NCHW-OHWI-GROUPS: result[0]: tensor<1x6x8x5xf32>
// NCHW-OHWI-GROUPS-NEXT: reference check: PASS
func.func @nchw_ohwi_groups(%x: tensor<1x4x8x10xf32>, %w: tensor<6x2x3x2xf32>) -> tensor<1x6x8x5xf32> {
  %y = conv.conv2d %x, %w strides = [1, 2] padding = [0, 1, 2, 0] groups = 2 input_layout = NCHW filter_layout = OHWI
      : tensor<1x4x8x10xf32>, tensor<6x2x3x2xf32> -> tensor<1x6x8x5xf32>
  return %y : tensor<1x6x8x5xf32>
}

//--- nchw_oihw_tiles.mlir
// NCHW input with the dense kernel (kept NCHW: blocks transposed at the
// store) and an OIHW filter of 32 x (16 * 3 * 3) = 32 x 144, a whole number
// of 16 x 16 tiles, transposed to HWIO by the shuffle network; f32 and f16
// (f16 tiles take vector.transpose), and the same on 2 threads. (Winograd
// off: the f32 conv is 3x3 stride 1 with enough tiles to take it.)
// RUN: conv-run %t/nchw_oihw_tiles.mlir --function=f32 --winograd=never --check-reference --report | FileCheck %s --check-prefixes=TILES,TILES-REPORT
// RUN: conv-run %t/nchw_oihw_tiles.mlir --function=f32 --winograd=never --check-reference --threads=2 | FileCheck %s --check-prefix=TILES
// RUN: conv-run %t/nchw_oihw_tiles.mlir --function=f16 --check-reference | FileCheck %s --check-prefix=TILES16
// TILES-REPORT: kernel=dense {{.*}} nchw, input/output kept NCHW, filter transposed to HWIO
// TILES: result[0]: tensor<1x32x9x13xf32>
// TILES-NEXT: reference check: PASS
// TILES16: result[0]: tensor<1x32x9x13xf16>
// TILES16-NEXT: reference check: PASS
func.func @f32(%x: tensor<1x16x11x15xf32>, %w: tensor<32x16x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x9x13xf32> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW
      : tensor<1x16x11x15xf32>, tensor<32x16x3x3xf32>, tensor<32xf32> -> tensor<1x32x9x13xf32>
  return %y : tensor<1x32x9x13xf32>
}
func.func @f16(%x: tensor<1x16x11x15xf16>, %w: tensor<32x16x3x3xf16>, %b: tensor<32xf16>) -> tensor<1x32x9x13xf16> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW
      : tensor<1x16x11x15xf16>, tensor<32x16x3x3xf16>, tensor<32xf16> -> tensor<1x32x9x13xf16>
  return %y : tensor<1x32x9x13xf16>
}

//--- nhwc_ohwi_tiles.mlir
// NHWC input and an OHWI filter of 32 x (3 * 3 * 16), whole 16 x 16 tiles.
// RUN: conv-run %t/nhwc_ohwi_tiles.mlir --check-reference | FileCheck %s --check-prefix=OHWI-TILES
// OHWI-TILES: result[0]: tensor<2x9x13x32xf32>
// OHWI-TILES-NEXT: reference check: PASS
func.func @nhwc_ohwi_tiles(%x: tensor<2x11x15x16xf32>, %w: tensor<32x3x3x16xf32>, %b: tensor<32xf32>) -> tensor<2x9x13x32xf32> {
  %y = conv.conv2d %x, %w, %b filter_layout = OHWI
      : tensor<2x11x15x16xf32>, tensor<32x3x3x16xf32>, tensor<32xf32> -> tensor<2x9x13x32xf32>
  return %y : tensor<2x9x13x32xf32>
}
