// RUN: conv-opt %s --convert-conv-to-vector="target-cpu=skylake-avx512 pack-filter-blocks=false vector-bits=512 num-registers=32" -split-input-file | FileCheck %s

// A filter argument above the L2 (3 x 3 x 384 x 96 f32: 1.3 MB): the dense
// kernel reads it through a read-only buffer as well, and with each filter
// vector of channel c prefetches (into L2, locality 2) the same vector of
// channel min(c + 16, 383).
// CHECK-LABEL: func.func @big_filter
// CHECK-SAME: (%{{[^:]+}}: tensor<1x4x4x384xf32>, %[[W:[^:]+]]: tensor<3x3x384x96xf32>)
// CHECK: %[[BUF:.+]] = bufferization.to_buffer %[[W]] read_only : tensor<3x3x384x96xf32> to memref<3x3x384x96xf32>
// CHECK: scf.for %[[C:[^ ]+]] = %{{[^ ]+}} to %c384{{[_0-9]*}} step %{{[^ ]+}} iter_args
// CHECK-NEXT: %[[C16:.+]] = arith.constant 16 : index
// CHECK-NEXT: %[[NEXT:.+]] = arith.addi %[[C]], %[[C16]] : index
// CHECK-NEXT: %[[LAST:.+]] = arith.constant 383 : index
// CHECK-NEXT: %[[AHEAD:.+]] = arith.minui %[[NEXT]], %[[LAST]] : index
// CHECK: %[[OC:.+]] = arith.addi
// CHECK-NEXT: %{{.+}} = arith.constant
// CHECK-NEXT: vector.transfer_read %[[W]][%[[KH:.+]], %[[KW:.+]], %[[C]], %[[OC]]]
// CHECK: memref.prefetch %[[BUF]][%[[KH]], %[[KW]], %[[AHEAD]], %{{.+}}], read, locality<2>, data : memref<3x3x384x96xf32>
// CHECK: vector.fma
func.func @big_filter(%x: tensor<1x4x4x384xf32>, %w: tensor<3x3x384x96xf32>) -> tensor<1x4x4x96xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x4x4x384xf32>, tensor<3x3x384x96xf32> -> tensor<1x4x4x96xf32>
  return %y : tensor<1x4x4x96xf32>
}

// -----

// Must not fire: a filter that fits the L2 (3 x 3 x 64 x 64 f32: 147 KB).
// CHECK-LABEL: func.func @small_filter
// CHECK-NOT: bufferization.to_buffer
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @small_filter(%x: tensor<1x8x8x64xf32>, %w: tensor<3x3x64x64xf32>) -> tensor<1x8x8x64xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x8x8x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x8x8x64xf32>
  return %y : tensor<1x8x8x64xf32>
}

// -----

// Must not fire: a filter that is a slice of another tensor (its buffer
// would need a copy to get an identity layout).
// CHECK-LABEL: func.func @sliced_filter
// CHECK-NOT: bufferization.to_buffer
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @sliced_filter(%x: tensor<1x4x4x384xf32>, %all: tensor<3x3x384x192xf32>) -> tensor<1x4x4x96xf32> {
  %w = tensor.extract_slice %all[0, 0, 0, 0] [3, 3, 384, 96] [1, 1, 1, 1] : tensor<3x3x384x192xf32> to tensor<3x3x384x96xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x4x4x384xf32>, tensor<3x3x384x96xf32> -> tensor<1x4x4x96xf32>
  return %y : tensor<1x4x4x96xf32>
}
