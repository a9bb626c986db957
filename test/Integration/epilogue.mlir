// Epilogue fusion gives the same numbers as the unfused lowering: a conv
// with bias followed by residual add + ReLU (f32; OC = 20, so the residual
// is read through a masked tail vector) and a clamp (f16), computed by the
// direct strategy (fused into the conv's loop nest) and by the linalg
// strategy (conv, then the generic), on the same seeded inputs.
// RUN: rm -rf %t && split-file %s %t
// RUN: conv-run %t/residual.mlir --strategy=linalg --output=@%t/residual.npy
// RUN: conv-run %t/residual.mlir --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s
// RUN: conv-run %t/residual.mlir --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s
// With reduction blocks of 8 channels (3 blocks), only the last stores the
// epilogue's result; the residual and ReLU must not be applied to the
// partial sums of the first two.
// RUN: conv-run %t/residual.mlir --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 --c-block=8 --report | FileCheck %s --check-prefixes=CHECK,CBLOCK
// RUN: conv-run %t/residual.mlir --expected-output=@%t/residual.npy --rtol=1e-5 --atol=1e-5 --c-block=8 --threads=2 | FileCheck %s
// CBLOCK: c-block=8
// RUN: conv-run %t/clamp_f16.mlir --strategy=linalg --output=@%t/clamp.npy
// RUN: conv-run %t/clamp_f16.mlir --expected-output=@%t/clamp.npy --rtol=2e-3 --atol=1e-3 | FileCheck %s
// A bias written as a broadcast generic, (d3) of an NHWC result (OC = 20:
// a masked tail vector), in the dense kernel and in Winograd's output
// transform; a per-channel scale (d1) of an NCHW result in the planar
// kernel, one scalar per vector.
// RUN: conv-run %t/broadcast_bias.mlir --strategy=linalg --output=@%t/broadcast_bias.npy
// RUN: conv-run %t/broadcast_bias.mlir --expected-output=@%t/broadcast_bias.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s
// RUN: conv-run %t/broadcast_bias.mlir --expected-output=@%t/broadcast_bias.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s
// RUN: conv-run %t/winograd_bias.mlir --strategy=linalg --output=@%t/winograd_bias.npy
// RUN: conv-run %t/winograd_bias.mlir --expected-output=@%t/winograd_bias.npy --rtol=1e-4 --atol=1e-4 --winograd=always --report | FileCheck %s --check-prefixes=CHECK,WINOGRAD
// WINOGRAD: strategy=winograd
// RUN: conv-run %t/planar_scale.mlir --strategy=linalg --output=@%t/planar_scale.npy
// RUN: conv-run %t/planar_scale.mlir --expected-output=@%t/planar_scale.npy --rtol=1e-5 --atol=1e-5 --report | FileCheck %s --check-prefixes=CHECK,PLANAR
// PLANAR: kernel=planar
// The dense kernel with NCHW input and output (blocks stored transposed;
// 20 channels: the second vector has 4 real rows): a per-channel scale,
// a residual and a ReLU, on 1 and 2 threads and on AVX2.
// RUN: conv-run %t/nchw_dense.mlir --strategy=linalg --output=@%t/nchw_dense.npy
// RUN: conv-run %t/nchw_dense.mlir --expected-output=@%t/nchw_dense.npy --rtol=1e-5 --atol=1e-5 --report | FileCheck %s --check-prefixes=CHECK,NCHW-DENSE
// RUN: conv-run %t/nchw_dense.mlir --expected-output=@%t/nchw_dense.npy --rtol=1e-5 --atol=1e-5 --threads=2 | FileCheck %s
// RUN: conv-run %t/nchw_dense.mlir --expected-output=@%t/nchw_dense.npy --rtol=1e-5 --atol=1e-5 --target-cpu=haswell | FileCheck %s
// NCHW-DENSE: kernel=dense {{.*}} nchw, input/output kept NCHW
// Convs lowered in NHWC between layout transposes, NCHW input: the result
// transpose applies the epilogue (per-channel bias, residual, ReLU).
// Winograd (32 channels, 9x7) on 1 and 2 threads and AVX2; reduction
// blocks of 8 channels (3 blocks); and an epilogue broadcast along W,
// which stays after the transpose, unfused.
// RUN: conv-run %t/nchw_winograd.mlir --strategy=linalg --output=@%t/nchw_winograd.npy
// RUN: conv-run %t/nchw_winograd.mlir --expected-output=@%t/nchw_winograd.npy --rtol=1e-4 --atol=1e-4 --winograd=always --report | FileCheck %s --check-prefixes=CHECK,NCHW-WINOGRAD
// RUN: conv-run %t/nchw_winograd.mlir --expected-output=@%t/nchw_winograd.npy --rtol=1e-4 --atol=1e-4 --winograd=always --threads=2 | FileCheck %s
// RUN: conv-run %t/nchw_winograd.mlir --expected-output=@%t/nchw_winograd.npy --rtol=1e-4 --atol=1e-4 --winograd=always --target-cpu=haswell | FileCheck %s
// RUN: conv-run %t/nchw_winograd.mlir --expected-output=@%t/nchw_winograd.npy --rtol=1e-4 --atol=1e-4 --winograd=never --c-block=8 --report | FileCheck %s --check-prefixes=CHECK,NCHW-CBLOCK
// NCHW-WINOGRAD: strategy=winograd {{.*}} input/output normalised to NHWC by transposes
// NCHW-CBLOCK: c-block=8 {{.*}}input/output normalised to NHWC by transposes
// RUN: conv-run %t/nchw_column.mlir --strategy=linalg --output=@%t/nchw_column.npy
// RUN: conv-run %t/nchw_column.mlir --expected-output=@%t/nchw_column.npy --rtol=1e-4 --atol=1e-4 | FileCheck %s
// CHECK: expected-output check: PASS

//--- residual.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @conv_residual_relu(%x: tensor<2x13x11x24xf32>, %w: tensor<3x3x24x20xf32>, %b: tensor<20xf32>, %r: tensor<2x13x11x20xf32>) -> tensor<2x13x11x20xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<2x13x11x24xf32>, tensor<3x3x24x20xf32>, tensor<20xf32> -> tensor<2x13x11x20xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x13x11x20xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<2x13x11x20xf32>, tensor<2x13x11x20xf32>) outs(%e : tensor<2x13x11x20xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x13x11x20xf32>
  return %out : tensor<2x13x11x20xf32>
}

//--- clamp_f16.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @conv_clamp(%x: tensor<1x9x9x16xf16>, %w: tensor<3x3x16x32xf16>) -> tensor<1x7x7x32xf16> {
  %y = conv.conv2d %x, %w : tensor<1x9x9x16xf16>, tensor<3x3x16x32xf16> -> tensor<1x7x7x32xf16>
  %e = tensor.empty() : tensor<1x7x7x32xf16>
  %out = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x7x7x32xf16>) outs(%e : tensor<1x7x7x32xf16>) {
  ^bb0(%a: f16, %o: f16):
    %lo = arith.constant -0.5 : f16
    %hi = arith.constant 0.5 : f16
    %m = arith.maximumf %a, %lo : f16
    %n = arith.minimumf %m, %hi : f16
    linalg.yield %n : f16
  } -> tensor<1x7x7x32xf16>
  return %out : tensor<1x7x7x32xf16>
}

//--- broadcast_bias.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @conv_bias_relu(%x: tensor<2x13x11x24xf32>, %w: tensor<3x3x24x20xf32>, %b: tensor<20xf32>) -> tensor<2x13x11x20xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<2x13x11x24xf32>, tensor<3x3x24x20xf32> -> tensor<2x13x11x20xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x13x11x20xf32>
  %out = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %b : tensor<2x13x11x20xf32>, tensor<20xf32>) outs(%e : tensor<2x13x11x20xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x13x11x20xf32>
  return %out : tensor<2x13x11x20xf32>
}

//--- winograd_bias.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @winograd_bias(%x: tensor<1x9x7x16xf32>, %w: tensor<3x3x16x32xf32>, %b: tensor<32xf32>) -> tensor<1x9x7x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x9x7x16xf32>, tensor<3x3x16x32xf32> -> tensor<1x9x7x32xf32>
  %e = tensor.empty() : tensor<1x9x7x32xf32>
  %out = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %b : tensor<1x9x7x32xf32>, tensor<32xf32>) outs(%e : tensor<1x9x7x32xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x9x7x32xf32>
  return %out : tensor<1x9x7x32xf32>
}

//--- planar_scale.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @planar_scale(%x: tensor<1x8x10x50xf32>, %w: tensor<8x1x3x3xf32>, %s: tensor<8xf32>) -> tensor<1x8x10x50xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 8 input_layout = NCHW filter_layout = OIHW
      : tensor<1x8x10x50xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x10x50xf32>
  %e = tensor.empty() : tensor<1x8x10x50xf32>
  %out = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x8x10x50xf32>, tensor<8xf32>) outs(%e : tensor<1x8x10x50xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %p = arith.mulf %a, %c : f32
    linalg.yield %p : f32
  } -> tensor<1x8x10x50xf32>
  return %out : tensor<1x8x10x50xf32>
}

//--- nchw_dense.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @nchw_dense(%x: tensor<2x24x13x11xf32>, %w: tensor<20x24x3x3xf32>, %s: tensor<20xf32>, %r: tensor<2x20x7x6xf32>) -> tensor<2x20x7x6xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<2x24x13x11xf32>, tensor<20x24x3x3xf32> -> tensor<2x20x7x6xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x20x7x6xf32>
  %out = linalg.generic {indexing_maps = [#id, #channel, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %r : tensor<2x20x7x6xf32>, tensor<20xf32>, tensor<2x20x7x6xf32>) outs(%e : tensor<2x20x7x6xf32>) {
  ^bb0(%a: f32, %k: f32, %c: f32, %o: f32):
    %p = arith.mulf %a, %k : f32
    %q = arith.addf %p, %c : f32
    %m = arith.maximumf %q, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x20x7x6xf32>
  return %out : tensor<2x20x7x6xf32>
}

//--- nchw_winograd.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @nchw_winograd(%x: tensor<1x24x9x7xf32>, %w: tensor<32x24x3x3xf32>, %s: tensor<32xf32>, %r: tensor<1x32x9x7xf32>) -> tensor<1x32x9x7xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x24x9x7xf32>, tensor<32x24x3x3xf32> -> tensor<1x32x9x7xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x32x9x7xf32>
  %out = linalg.generic {indexing_maps = [#id, #channel, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %r : tensor<1x32x9x7xf32>, tensor<32xf32>, tensor<1x32x9x7xf32>) outs(%e : tensor<1x32x9x7xf32>) {
  ^bb0(%a: f32, %k: f32, %c: f32, %o: f32):
    %p = arith.addf %a, %k : f32
    %q = arith.addf %p, %c : f32
    %m = arith.maximumf %q, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x32x9x7xf32>
  return %out : tensor<1x32x9x7xf32>
}

//--- nchw_column.mlir
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#column = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @nchw_column(%x: tensor<1x16x10x10xf32>, %w: tensor<16x16x3x3xf32>, %s: tensor<10xf32>) -> tensor<1x16x10x10xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x16x10x10xf32>, tensor<16x16x3x3xf32> -> tensor<1x16x10x10xf32>
  %e = tensor.empty() : tensor<1x16x10x10xf32>
  %out = linalg.generic {indexing_maps = [#id, #column, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x16x10x10xf32>, tensor<10xf32>) outs(%e : tensor<1x16x10x10xf32>) {
  ^bb0(%a: f32, %k: f32, %o: f32):
    %p = arith.mulf %a, %k : f32
    linalg.yield %p : f32
  } -> tensor<1x16x10x10xf32>
  return %out : tensor<1x16x10x10xf32>
}
