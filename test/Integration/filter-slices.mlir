// OIHW argument filters with reduction blocks: the kernel packs each block's
// filter slice from OIHW in vector-tile transposes (no whole-filter transpose
// to HWIO per call; see
// Conversion/ConvToVector/convert-conv-to-vector-filter-slices.mlir), and
// gives the numbers of the linalg strategy on seeded random data.
// RUN: rm -rf %t && split-file %s %t

// NCHW/OIHW, 40 output channels (two whole vectors and 8 rows of zeros in
// the last tile; with 3 vectors per block, one block and a rest), blocks of
// 8 channels (72 columns: 4 whole tiles and one of 8), stride 2 with
// asymmetric padding, bias; 1 and 2 threads.
// RUN: conv-run %t/nchw.mlir --strategy=linalg --output=@%t/nchw.npy
// RUN: conv-run %t/nchw.mlir --expected-output=@%t/nchw.npy --rtol=1e-5 --atol=1e-5 --c-block=8 --report | FileCheck %s --check-prefixes=CHECK,NCHW
// RUN: conv-run %t/nchw.mlir --expected-output=@%t/nchw.npy --rtol=1e-5 --atol=1e-5 --c-block=8 --oc-vectors=3 --threads=2 | FileCheck %s
// RUN: conv-run %t/nchw.mlir --expected-output=@%t/nchw.npy --rtol=1e-5 --atol=1e-5 --c-block=16 --oc-vectors=1 --target-cpu=haswell --target-features=+avx2,+avx,+fma,+f16c | FileCheck %s
// NCHW: strategy=direct kernel=dense {{.*}} c-block=8 filter-slices-from-oihw, input/output normalised to NHWC by transposes, filter read from OIHW, threads=1

// NHWC input with an OIHW filter, a 5x5 kernel, f64 (8 x 8 tiles).
// RUN: conv-run %t/nhwc.mlir --strategy=linalg --output=@%t/nhwc.npy
// RUN: conv-run %t/nhwc.mlir --expected-output=@%t/nhwc.npy --rtol=1e-12 --atol=1e-12 --c-block=4 --report | FileCheck %s --check-prefixes=CHECK,NHWC
// RUN: conv-run %t/nhwc.mlir --expected-output=@%t/nhwc.npy --rtol=1e-12 --atol=1e-12 --c-block=4 --threads=2 | FileCheck %s
// NHWC: c-block=4 filter-slices-from-oihw, filter read from OIHW, threads=1

// Chosen by itself for a big OIHW filter (3x3, 1024 -> 48: 1.7 MiB), with a
// residual + ReLU epilogue.
// RUN: conv-run %t/big.mlir --strategy=linalg --output=@%t/big.npy
// RUN: conv-run %t/big.mlir --expected-output=@%t/big.npy --rtol=1e-4 --atol=1e-3 --report | FileCheck %s --check-prefixes=CHECK,BIG
// BIG: c-block={{[0-9]+}} filter-slices-from-oihw

// CHECK: expected-output check: PASS

//--- nchw.mlir
func.func @f(%x: tensor<1x24x9x11xf32>, %w: tensor<40x24x3x3xf32>, %b: tensor<40xf32>) -> tensor<1x40x4x6xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 0, 2, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<1x24x9x11xf32>, tensor<40x24x3x3xf32>, tensor<40xf32> -> tensor<1x40x4x6xf32>
  return %y : tensor<1x40x4x6xf32>
}

//--- nhwc.mlir
func.func @f(%x: tensor<1x7x6x12xf64>, %w: tensor<20x12x5x5xf64>) -> tensor<1x7x6x20xf64> {
  %y = conv.conv2d %x, %w padding = [2, 2, 2, 2] filter_layout = OIHW
      : tensor<1x7x6x12xf64>, tensor<20x12x5x5xf64> -> tensor<1x7x6x20xf64>
  return %y : tensor<1x7x6x20xf64>
}

//--- big.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @f(%x: tensor<1x1024x5x5xf32>, %w: tensor<48x1024x3x3xf32>, %r: tensor<1x48x5x5xf32>) -> tensor<1x48x5x5xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<1x1024x5x5xf32>, tensor<48x1024x3x3xf32> -> tensor<1x48x5x5xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x48x5x5xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x48x5x5xf32>, tensor<1x48x5x5xf32>) outs(%e : tensor<1x48x5x5xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %t = arith.addf %a, %s : f32
    %m = arith.maximumf %t, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x48x5x5xf32>
  return %out : tensor<1x48x5x5xf32>
}
