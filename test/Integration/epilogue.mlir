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
