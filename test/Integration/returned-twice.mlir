// A function that returns one conv result twice: each result gets a buffer
// of its own (conv-distinct-results; buffer-results-to-out-params crashed
// on it), both hold the conv, which matches the linalg strategy's.
// RUN: conv-run %s --strategy=linalg --output=@%t.npy
// RUN: conv-run %s --expected-output=@%t.npy --rtol=1e-5 --atol=1e-5 --print-output | FileCheck %s
// RUN: conv-run %s --expected-output=@%t.npy --rtol=1e-5 --atol=1e-5 --print-output --threads=2 | FileCheck %s
// CHECK: result[0]: tensor<1x3x3x2xf32> = [[VALUES:.+]]
// CHECK-NEXT: result[1]: tensor<1x3x3x2xf32> = [[VALUES]]
// CHECK-NEXT: expected-output check: PASS
func.func @conv(%x: tensor<1x3x3x2xf32>, %w: tensor<3x3x2x2xf32>) -> (tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>) {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x3x3x2xf32>, tensor<3x3x2x2xf32> -> tensor<1x3x3x2xf32>
  return %y, %y : tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>
}
