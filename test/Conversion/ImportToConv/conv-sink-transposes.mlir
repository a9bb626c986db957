// RUN: conv-opt %s --split-input-file --conv-sink-transposes | FileCheck %s

// Squeeze-excitation: NCHW activations (a transpose of the conv's NHWC
// result) times a per-channel vector that is not a constant. The mul runs on
// NHWC with the vector reshaped, the transpose moves below it and cancels
// with the next conv's NCHW -> NHWC transpose.
// CHECK-LABEL: func.func @squeeze_excitation
// CHECK-SAME:    (%[[X:.*]]: tensor<1x8x8x4xf32>, %[[S:.*]]: tensor<1x4x1x1xf32>)
// CHECK-DAG:     %[[SHAPE:.*]] = tosa.const_shape {{.*}}dense<[1, 1, 1, 4]>
// CHECK-DAG:     %[[SIG:.*]] = tosa.sigmoid %[[X]] : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
// CHECK-DAG:     %[[R:.*]] = tosa.reshape %[[S]], %[[SHAPE]] : (tensor<1x4x1x1xf32>, !tosa.shape<4>) -> tensor<1x1x1x4xf32>
// CHECK:         %[[M:.*]] = tosa.mul %[[SIG]], %[[R]], %{{.*}} : (tensor<1x8x8x4xf32>, tensor<1x1x1x4xf32>, tensor<1xi8>) -> tensor<1x8x8x4xf32>
// CHECK-NOT:     tosa.transpose
// CHECK:         return %[[M]] : tensor<1x8x8x4xf32>
func.func @squeeze_excitation(%x: tensor<1x8x8x4xf32>, %s: tensor<1x4x1x1xf32>) -> tensor<1x8x8x4xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %t = tosa.transpose %x {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  %g = tosa.sigmoid %t : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %m = tosa.mul %g, %s, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %back = tosa.transpose %m {perms = array<i32: 0, 2, 3, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x8x8x4xf32>
  return %back : tensor<1x8x8x4xf32>
}

// -----

// Two transposes by the same permutation (a residual add) and a constant.
// CHECK-LABEL: func.func @residual
// CHECK-SAME:    (%[[A:.*]]: tensor<1x8x8x4xf32>, %[[B:.*]]: tensor<1x8x8x4xf32>)
// CHECK:         %[[SUM:.*]] = tosa.add %[[A]], %[[B]] : (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
// CHECK:         %[[T:.*]] = tosa.transpose %[[SUM]] {perms = array<i32: 0, 3, 1, 2>}
// CHECK:         return %[[T]] : tensor<1x4x8x8xf32>
func.func @residual(%a: tensor<1x8x8x4xf32>, %b: tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32> {
  %ta = tosa.transpose %a {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  %tb = tosa.transpose %b {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.add %ta, %tb : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %sum : tensor<1x4x8x8xf32>
}

// -----

// Must not fire: the other operand is a full NCHW tensor that is not a
// transpose (moving the transpose would need a new one on it).
// CHECK-LABEL: func.func @full_operand
// CHECK:         %[[T:.*]] = tosa.transpose %arg0
// CHECK:         %[[S:.*]] = tosa.add %[[T]], %arg1
// CHECK:         return %[[S]]
func.func @full_operand(%x: tensor<1x8x8x4xf32>, %y: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %t = tosa.transpose %x {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  %s = tosa.add %t, %y : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %s : tensor<1x4x8x8xf32>
}
