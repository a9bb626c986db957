// A filter above the L2 is prefetched a few channels ahead (see
// Conversion/ConvToVector/convert-conv-to-vector-prefetch.mlir): the
// prefetches change no number. Against the linalg strategy on seeded random
// data: 1 and 2 threads, reduction blocks (prefetches reaching into the next
// block, and past the last channel clamped), AVX2.
// RUN: conv-run %s --strategy=linalg --output=@%t.npy
// RUN: conv-run %s --expected-output=@%t.npy --rtol=1e-5 --atol=1e-4 | FileCheck %s
// RUN: conv-run %s --expected-output=@%t.npy --rtol=1e-5 --atol=1e-4 --threads=2 | FileCheck %s
// RUN: conv-run %s --expected-output=@%t.npy --rtol=1e-5 --atol=1e-4 --c-block=24 | FileCheck %s
// RUN: conv-run %s --expected-output=@%t.npy --rtol=1e-5 --atol=1e-4 --target-cpu=haswell --target-features=+avx2,+avx,+fma,+f16c | FileCheck %s
// CHECK: expected-output check: PASS
func.func @big(%x: tensor<1x5x4x384xf32>, %w: tensor<3x3x384x96xf32>, %b: tensor<96xf32>) -> tensor<1x5x4x96xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x5x4x384xf32>, tensor<3x3x384x96xf32>, tensor<96xf32> -> tensor<1x5x4x96xf32>
  return %y : tensor<1x5x4x96xf32>
}
