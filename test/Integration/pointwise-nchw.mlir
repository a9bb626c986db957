// 1x1 stride-1 NCHW convs computed as the NHWC conv of the filter (O pixels)
// by the image (H * W channels), with nothing transposed (see
// Conversion/ConvToVector/convert-conv-to-vector-pointwise-nchw.mlir), give
// the numbers of the linalg strategy on seeded random data.
// RUN: rm -rf %t && split-file %s %t

// OIHW with a bias, 40 output channels (2 rows of 20 pixels), 12x12 = 144
// pixels (9 whole vectors of 16; 18 of 8 on AVX2); 1 and 2 threads, AVX2,
// forced register blocks.
// RUN: conv-run %t/bias.mlir --strategy=linalg --output=@%t/bias.npy
// RUN: conv-run %t/bias.mlir --expected-output=@%t/bias.npy --rtol=1e-5 --atol=1e-5 --report | FileCheck %s --check-prefixes=CHECK,BIAS
// RUN: conv-run %t/bias.mlir --expected-output=@%t/bias.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s
// RUN: conv-run %t/bias.mlir --expected-output=@%t/bias.npy --rtol=1e-5 --atol=1e-5 --target-cpu=haswell --target-features=+avx2,+avx,+fma,+f16c --report | FileCheck %s --check-prefixes=CHECK,AVX2
// AVX2: kernel=dense ow={{[0-9]+}} oc={{[0-9]+}}x8, 1x1 NCHW as the filter
// RUN: conv-run %t/bias.mlir --expected-output=@%t/bias.npy --rtol=1e-5 --atol=1e-5 --ow-block=3 --oc-vectors=2 | FileCheck %s
// BIAS: kernel=dense {{.*}} 1x1 NCHW as the filter (O pixels) by the image (H*W channels): nothing transposed

// OHWI, f64, 64 output channels (2 rows of 32), 14x14 = 196 pixels (a
// masked last vector), 2 threads.
// RUN: conv-run %t/ohwi_f64.mlir --strategy=linalg --output=@%t/ohwi_f64.npy
// RUN: conv-run %t/ohwi_f64.mlir --expected-output=@%t/ohwi_f64.npy --rtol=1e-12 --atol=1e-12 --report | FileCheck %s --check-prefixes=CHECK,BIAS
// RUN: conv-run %t/ohwi_f64.mlir --expected-output=@%t/ohwi_f64.npy --rtol=1e-12 --atol=1e-12 --threads=2 | FileCheck %s

// A bias, then a residual add, a per-channel scale (d1) and a ReLU: all
// fused into the swapped conv's kernel. 96 output channels (3 rows of 32).
// RUN: conv-run %t/epilogue.mlir --strategy=linalg --output=@%t/epilogue.npy
// RUN: conv-run %t/epilogue.mlir --expected-output=@%t/epilogue.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s
// RUN: conv-run %t/epilogue.mlir --expected-output=@%t/epilogue.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s

// An epilogue broadcast along W, (d3): not a run of the swapped result's
// pixels, so it stays after the conv, unfused, and the numbers still hold.
// RUN: conv-run %t/column_scale.mlir --strategy=linalg --output=@%t/column_scale.npy
// RUN: conv-run %t/column_scale.mlir --expected-output=@%t/column_scale.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s

// CHECK: expected-output check: PASS

// ResNet-50's res4a_branch2c (256 -> 1024 on 14x14) with a bias, against
// the reference, on 1 and 2 threads.
// RUN: conv-run %t/resnet.mlir --check-reference --report | FileCheck %s --check-prefixes=REF,BIAS
// RUN: conv-run %t/resnet.mlir --check-reference --threads=2 | FileCheck %s --check-prefix=REF
// REF: reference check: PASS

//--- bias.mlir
func.func @bias(%x: tensor<1x24x12x12xf32>, %w: tensor<40x24x1x1xf32>, %b: tensor<40xf32>) -> tensor<1x40x12x12xf32> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW : tensor<1x24x12x12xf32>, tensor<40x24x1x1xf32>, tensor<40xf32> -> tensor<1x40x12x12xf32>
  return %y : tensor<1x40x12x12xf32>
}

//--- ohwi_f64.mlir
func.func @ohwi_f64(%x: tensor<1x20x14x14xf64>, %w: tensor<64x1x1x20xf64>) -> tensor<1x64x14x14xf64> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OHWI : tensor<1x20x14x14xf64>, tensor<64x1x1x20xf64> -> tensor<1x64x14x14xf64>
  return %y : tensor<1x64x14x14xf64>
}

//--- epilogue.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @epilogue(%x: tensor<1x32x8x8xf32>, %w: tensor<96x32x1x1xf32>, %b: tensor<96xf32>, %r: tensor<1x96x8x8xf32>, %s: tensor<96xf32>) -> tensor<1x96x8x8xf32> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW : tensor<1x32x8x8xf32>, tensor<96x32x1x1xf32>, tensor<96xf32> -> tensor<1x96x8x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x96x8x8xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r, %s : tensor<1x96x8x8xf32>, tensor<1x96x8x8xf32>, tensor<96xf32>) outs(%e : tensor<1x96x8x8xf32>) {
  ^bb0(%a: f32, %c: f32, %k: f32, %o: f32):
    %sum = arith.addf %a, %c : f32
    %scaled = arith.mulf %sum, %k : f32
    %m = arith.maximumf %scaled, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x96x8x8xf32>
  return %out : tensor<1x96x8x8xf32>
}

//--- column_scale.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#column = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @column_scale(%x: tensor<1x32x8x8xf32>, %w: tensor<64x32x1x1xf32>, %s: tensor<8xf32>) -> tensor<1x64x8x8xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x32x8x8xf32>, tensor<64x32x1x1xf32> -> tensor<1x64x8x8xf32>
  %e = tensor.empty() : tensor<1x64x8x8xf32>
  %out = linalg.generic {indexing_maps = [#id, #column, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x64x8x8xf32>, tensor<8xf32>) outs(%e : tensor<1x64x8x8xf32>) {
  ^bb0(%a: f32, %k: f32, %o: f32):
    %p = arith.mulf %a, %k : f32
    linalg.yield %p : f32
  } -> tensor<1x64x8x8xf32>
  return %out : tensor<1x64x8x8xf32>
}

//--- resnet.mlir
func.func @resnet(%x: tensor<1x256x14x14xf32>, %w: tensor<1024x256x1x1xf32>, %b: tensor<1024xf32>) -> tensor<1x1024x14x14xf32> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW : tensor<1x256x14x14xf32>, tensor<1024x256x1x1xf32>, tensor<1024xf32> -> tensor<1x1024x14x14xf32>
  return %y : tensor<1x1024x14x14xf32>
}
