// RUN: conv-opt %s --pass-pipeline="builtin.module(func.func(conv-distinct-results))" -split-input-file | FileCheck %s

// A tensor returned twice: the second result is a copy of its own.
// CHECK-LABEL: func.func @twice
// CHECK: %[[Y:.+]] = conv.conv2d
// CHECK-NEXT: %[[COPY:.+]] = bufferization.alloc_tensor() copy(%[[Y]]) : tensor<1x4x4x2xf32>
// CHECK-NEXT: return %[[Y]], %[[COPY]], %{{.+}} : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x3xf32>
func.func @twice(%x: tensor<1x4x4x3xf32>, %w: tensor<1x1x3x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x3xf32>) {
  %y = conv.conv2d %x, %w : tensor<1x4x4x3xf32>, tensor<1x1x3x2xf32> -> tensor<1x4x4x2xf32>
  return %y, %y, %x : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x3xf32>
}

// -----

// Distinct results (and a dynamically shaped one) are left alone.
// CHECK-LABEL: func.func @distinct
// CHECK-NOT: bufferization.alloc_tensor
// CHECK: return %{{.+}}, %{{.+}} : tensor<?x4x4x2xf32>, tensor<?x4x4x3xf32>
func.func @distinct(%x: tensor<?x4x4x3xf32>, %w: tensor<1x1x3x2xf32>) -> (tensor<?x4x4x2xf32>, tensor<?x4x4x3xf32>) {
  %y = conv.conv2d %x, %w : tensor<?x4x4x3xf32>, tensor<1x1x3x2xf32> -> tensor<?x4x4x2xf32>
  return %y, %x : tensor<?x4x4x2xf32>, tensor<?x4x4x3xf32>
}
