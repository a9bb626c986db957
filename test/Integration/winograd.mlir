// Winograd F(2x2, 3x3), forced (--winograd=always), checked against the
// float64 reference: odd output extents (partial tiles), no padding,
// asymmetric and wide padding, batch 2, a 1x1 output, bias, NCHW/OIHW
// (transposed around it), an AVX2 target, 2 threads, a fused residual
// epilogue, f16/bf16/f64 and channel counts that are not whole vectors. The
// report proves the strategy ran.
//
// RUN: rm -rf %t && split-file %s %t

//--- odd_bias.mlir
// 7 x 9 outputs: 4 x 5 tiles whose last row and column are half real.
// RUN: conv-run %t/odd_bias.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=ODD
// RUN: conv-run %t/odd_bias.mlir --winograd=always --report --threads=2 --check-reference | FileCheck %s --check-prefix=ODD
// ODD: strategy=winograd F(2x2,3x3) tiles=4x5 gemm=16x[20x16]x[16x32]
// ODD: result[0]: tensor<1x7x9x32xf32>
// ODD-NEXT: reference check: PASS
func.func @odd_bias(%x: tensor<1x7x9x16xf32>, %w: tensor<3x3x16x32xf32>, %b: tensor<32xf32>) -> tensor<1x7x9x32xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<1x7x9x16xf32>, tensor<3x3x16x32xf32>, tensor<32xf32> -> tensor<1x7x9x32xf32>
  return %y : tensor<1x7x9x32xf32>
}

//--- no_pad_batch2.mlir
// No padding, batch 2 (the GEMM's rows are the batch).
// RUN: conv-run %t/no_pad_batch2.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=NOPAD
// RUN: conv-run %t/rows_batch2.mlir --threads=2 --report --check-reference | FileCheck %s --check-prefix=ROWS
// NOPAD: strategy=winograd F(2x2,3x3) tiles=4x3 gemm=16x[24x32]x[32x16]
// NOPAD: result[0]: tensor<2x7x6x16xf32>
// NOPAD-NEXT: reference check: PASS
func.func @no_pad_batch2(%x: tensor<2x9x8x32xf32>, %w: tensor<3x3x32x16xf32>) -> tensor<2x7x6x16xf32> {
  %y = conv.conv2d %x, %w : tensor<2x9x8x32xf32>, tensor<3x3x32x16xf32> -> tensor<2x7x6x16xf32>
  return %y : tensor<2x7x6x16xf32>
}

//--- rows_batch2.mlir
// Two images on 2 threads: the GEMMs run over both images' tile rows (N x
// tilesH output rows), rows outermost.
// ROWS: strategy=winograd F(2x2,3x3) tiles=10x10 gemm=16x[200x16]x[16x16]
// ROWS: result[0]: tensor<2x20x20x16xf32>
// ROWS-NEXT: reference check: PASS
func.func @rows_batch2(%x: tensor<2x20x20x16xf32>, %w: tensor<3x3x16x16xf32>, %b: tensor<16xf32>) -> tensor<2x20x20x16xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<2x20x20x16xf32>, tensor<3x3x16x16xf32>, tensor<16xf32> -> tensor<2x20x20x16xf32>
  return %y : tensor<2x20x20x16xf32>
}

//--- asym_wide_pad.mlir
// Padding top 0, bottom 3, left 3, right 1: a whole tile row and column of
// taps in the padding.
// RUN: conv-run %t/asym_wide_pad.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=ASYM
// ASYM: strategy=winograd
// ASYM: result[0]: tensor<1x6x10x16xf32>
// ASYM-NEXT: reference check: PASS
func.func @asym_wide_pad(%x: tensor<1x5x8x16xf32>, %w: tensor<3x3x16x16xf32>, %b: tensor<16xf32>) -> tensor<1x6x10x16xf32> {
  %y = conv.conv2d %x, %w, %b padding = [0, 3, 3, 1] : tensor<1x5x8x16xf32>, tensor<3x3x16x16xf32>, tensor<16xf32> -> tensor<1x6x10x16xf32>
  return %y : tensor<1x6x10x16xf32>
}

//--- out_1x1.mlir
// A 1x1 output: one tile with one real output.
// RUN: conv-run %t/out_1x1.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=ONE
// ONE: strategy=winograd F(2x2,3x3) tiles=1x1
// ONE: result[0]: tensor<1x1x1x16xf32>
// ONE-NEXT: reference check: PASS
func.func @out_1x1(%x: tensor<1x3x3x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x1x1x16xf32> {
  %y = conv.conv2d %x, %w : tensor<1x3x3x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x1x1x16xf32>
  return %y : tensor<1x1x1x16xf32>
}

//--- nchw_oihw.mlir
// PyTorch layouts: input and result transposed to and from NHWC around the
// Winograd conv, the OIHW filter read as it is by the filter transform.
// RUN: conv-run %t/nchw_oihw.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=NCHW
// NCHW: strategy=winograd {{.*}}, input/output normalised to NHWC by transposes, filter read from OIHW, threads=1
// NCHW: result[0]: tensor<1x32x11x12xf32>
// NCHW-NEXT: reference check: PASS
func.func @nchw_oihw(%x: tensor<1x16x11x12xf32>, %w: tensor<32x16x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x11x12xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<1x16x11x12xf32>, tensor<32x16x3x3xf32>, tensor<32xf32> -> tensor<1x32x11x12xf32>
  return %y : tensor<1x32x11x12xf32>
}

//--- avx2.mlir
// An AVX2 target: transforms and GEMMs in vectors of 8 channels.
// RUN: conv-run %t/avx2.mlir --target-cpu=haswell --winograd=always --report --check-reference | FileCheck %s --check-prefix=AVX2
// AVX2: strategy=winograd {{.*}} kernel=dense {{.*}}x8
// AVX2: result[0]: tensor<1x9x9x8xf32>
// AVX2-NEXT: reference check: PASS
func.func @avx2(%x: tensor<1x9x9x24xf32>, %w: tensor<3x3x24x8xf32>) -> tensor<1x9x9x8xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x9x9x24xf32>, tensor<3x3x24x8xf32> -> tensor<1x9x9x8xf32>
  return %y : tensor<1x9x9x8xf32>
}

//--- residual.mlir
// A residual add and ReLU after the conv are applied in the output
// transform; compared with the linalg strategy's result.
// RUN: conv-run %t/residual.mlir --strategy=linalg --output=@%t/residual.npy
// RUN: conv-run %t/residual.mlir --winograd=always --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s --check-prefix=RESIDUAL
// RUN: conv-run %t/residual.mlir --winograd=always --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s --check-prefix=RESIDUAL
// RESIDUAL: expected-output check: PASS
#id = affine_map<(n, h, w, c) -> (n, h, w, c)>
func.func @residual(%x: tensor<1x9x11x16xf32>, %w: tensor<3x3x16x16xf32>, %r: tensor<1x9x11x16xf32>) -> tensor<1x9x11x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x9x11x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x9x11x16xf32>
  %e = tensor.empty() : tensor<1x9x11x16xf32>
  %z = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x9x11x16xf32>, tensor<1x9x11x16xf32>) outs(%e : tensor<1x9x11x16xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x9x11x16xf32>
  return %z : tensor<1x9x11x16xf32>
}

//--- f16_odd_channels.mlir
// f16 (transforms and GEMMs in f32), 5 -> 7 channels: padded to one vector
// each (zero lanes), the output's lanes past 7 masked.
// RUN: conv-run %t/f16_odd_channels.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=F16
// F16: strategy=winograd F(2x2,3x3) tiles=3x3 gemm=16x[9x{{[0-9]+}}]x[{{[0-9]+}}x{{[0-9]+}}]
// F16: result[0]: tensor<1x6x6x7xf16>
// F16-NEXT: reference check: PASS
func.func @f16_odd_channels(%x: tensor<1x6x6x5xf16>, %w: tensor<3x3x5x7xf16>, %b: tensor<7xf16>) -> tensor<1x6x6x7xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<1x6x6x5xf16>, tensor<3x3x5x7xf16>, tensor<7xf16> -> tensor<1x6x6x7xf16>
  return %y : tensor<1x6x6x7xf16>
}

//--- bf16.mlir
// RUN: conv-run %t/bf16.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=BF16
// BF16: strategy=winograd
// BF16: result[0]: tensor<1x8x8x16xbf16>
// BF16-NEXT: reference check: PASS
func.func @bf16(%x: tensor<1x8x8x16xbf16>, %w: tensor<3x3x16x16xbf16>) -> tensor<1x8x8x16xbf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x8x8x16xbf16>, tensor<3x3x16x16xbf16> -> tensor<1x8x8x16xbf16>
  return %y : tensor<1x8x8x16xbf16>
}

//--- f64.mlir
// f64: vectors of 8 on AVX-512, 12 output channels padded to 16 (on AVX2,
// vectors of 4: three whole vectors).
// RUN: conv-run %t/f64.mlir --winograd=always --report --check-reference | FileCheck %s --check-prefix=F64
// F64: strategy=winograd F(2x2,3x3) tiles=4x4 gemm=16x[16x8]x[8x{{12|16}}] kernel=dense {{.*}}x{{[48]}}
// F64: result[0]: tensor<1x7x7x12xf64>
// F64-NEXT: reference check: PASS
func.func @f64(%x: tensor<1x7x7x8xf64>, %w: tensor<3x3x8x12xf64>) -> tensor<1x7x7x12xf64> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x7x7x8xf64>, tensor<3x3x8x12xf64> -> tensor<1x7x7x12xf64>
  return %y : tensor<1x7x7x12xf64>
}

//--- oihw_filters.mlir
// OIHW argument filters read by the filter transform (16 x 16 tile
// transposes, 8 x 8 twice per channel with 8 lanes) give the numbers of the
// linalg strategy: 5 input channels (padded to a vector: zero channels) and
// 20 output channels (a last tile of 4 rows), on AVX-512, AVX2 and 2
// threads; f16 (16-bit tiles) and f64 (8 lanes).
// RUN: conv-run %t/oihw_filters.mlir --function=f32 --strategy=linalg --output=@%t/oihw_f32.npy
// RUN: conv-run %t/oihw_filters.mlir --function=f32 --winograd=always --report --expected-output=@%t/oihw_f32.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s --check-prefixes=OIHW,OIHW-REPORT
// RUN: conv-run %t/oihw_filters.mlir --function=f32 --winograd=always --target-cpu=haswell --expected-output=@%t/oihw_f32.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s --check-prefix=OIHW
// RUN: conv-run %t/oihw_filters.mlir --function=f32 --winograd=always --threads=2 --expected-output=@%t/oihw_f32.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s --check-prefix=OIHW
// RUN: conv-run %t/oihw_filters.mlir --function=f16 --strategy=linalg --output=@%t/oihw_f16.npy
// RUN: conv-run %t/oihw_filters.mlir --function=f16 --winograd=always --expected-output=@%t/oihw_f16.npy --rtol=2e-3 --atol=2e-3 | FileCheck %s --check-prefix=OIHW
// RUN: conv-run %t/oihw_filters.mlir --function=f64 --strategy=linalg --output=@%t/oihw_f64.npy
// RUN: conv-run %t/oihw_filters.mlir --function=f64 --winograd=always --expected-output=@%t/oihw_f64.npy --rtol=1e-12 --atol=1e-12 | FileCheck %s --check-prefix=OIHW
// OIHW-REPORT: strategy=winograd {{.*}}, filter read from OIHW, threads=1
// OIHW: expected-output check: PASS
func.func @f32(%x: tensor<1x9x7x5xf32>, %w: tensor<20x5x3x3xf32>, %b: tensor<20xf32>) -> tensor<1x9x7x20xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] filter_layout = OIHW
      : tensor<1x9x7x5xf32>, tensor<20x5x3x3xf32>, tensor<20xf32> -> tensor<1x9x7x20xf32>
  return %y : tensor<1x9x7x20xf32>
}
func.func @f16(%x: tensor<1x8x6x7xf16>, %w: tensor<5x7x3x3xf16>) -> tensor<1x8x6x5xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW
      : tensor<1x8x6x7xf16>, tensor<5x7x3x3xf16> -> tensor<1x8x6x5xf16>
  return %y : tensor<1x8x6x5xf16>
}
func.func @f64(%x: tensor<1x6x6x8xf64>, %w: tensor<12x8x3x3xf64>) -> tensor<1x6x6x12xf64> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW
      : tensor<1x6x6x8xf64>, tensor<12x8x3x3xf64> -> tensor<1x6x6x12xf64>
  return %y : tensor<1x6x6x12xf64>
}
