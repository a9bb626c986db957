// RUN: conv-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(conv-strided-copies-to-linalg))" | FileCheck %s

// A copy into a strided view (a padded input's interior) becomes a
// linalg.copy, so it lowers to loops rather than a call of memrefCopy.
// CHECK-LABEL: func.func @into_view
// CHECK-SAME: (%[[A:.+]]: memref<3x15xf32>, %[[B:.+]]: memref<3x16xf32>)
// CHECK: %[[VIEW:.+]] = memref.subview %[[B]]
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[A]] : memref<3x15xf32>) outs(%[[VIEW]] : memref<3x15xf32, strided<[16, 1]>>)
func.func @into_view(%a: memref<3x15xf32>, %b: memref<3x16xf32>) {
  %view = memref.subview %b[0, 0] [3, 15] [1, 1] : memref<3x16xf32> to memref<3x15xf32, strided<[16, 1]>>
  memref.copy %a, %view : memref<3x15xf32> to memref<3x15xf32, strided<[16, 1]>>
  return
}

// -----

// Contiguous copies (identity layouts, or a contiguous row-major view) stay
// memref.copy: they become llvm.memcpy.
// CHECK-LABEL: func.func @contiguous
// CHECK-COUNT-2: memref.copy
// CHECK-NOT: linalg.copy
func.func @contiguous(%a: memref<4x8xf32>, %b: memref<4x8xf32>, %c: memref<8x8xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  %rows = memref.subview %c[2, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: 16>>
  memref.copy %a, %rows : memref<4x8xf32> to memref<4x8xf32, strided<[8, 1], offset: 16>>
  return
}
