// A function that returns its dynamically shaped argument: the returned
// buffer is the caller's, so the pipeline clones it (the deallocation
// pipeline's bufferization.clone, lowered to memref) and the runtime hands
// back an equal tensor.
// RUN: conv-run %s --function=make --output=@%t.npy
// RUN: conv-run %s --function=id --input=@%t.npy --expected-output=@%t.npy --rtol=0 --atol=0 | FileCheck %s
// CHECK: result[0]: tensor<3x4xf32>
// CHECK-NEXT: expected-output check: PASS
func.func @make() -> tensor<3x4xf32> {
  %c = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.5]]> : tensor<3x4xf32>
  return %c : tensor<3x4xf32>
}
func.func @id(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
