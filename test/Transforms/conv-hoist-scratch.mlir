// RUN: conv-opt %s -split-input-file --conv-hoist-scratch | FileCheck %s

// Two static scratch buffers allocated and freed in the entry block become
// trailing arguments, in order; their deallocs are gone, and the module
// lists their types under the function's name.
// CHECK: module attributes {conv.scratch = {f = [memref<4x8xf32>, memref<16xf16>]}}
// CHECK-LABEL: func.func @f
// CHECK-SAME: (%[[A:.+]]: memref<4x8xf32>, %[[OUT:.+]]: memref<4x8xf32>, %[[S0:.+]]: memref<4x8xf32>, %[[S1:.+]]: memref<16xf16>)
// CHECK-NOT: memref.alloc
// CHECK: memref.copy %[[A]], %[[S0]]
// CHECK-NEXT: memref.copy %[[S0]], %[[OUT]]
// CHECK: memref.store %{{.+}}, %[[S1]][%{{.+}}] : memref<16xf16>
// CHECK-NOT: memref.dealloc
// CHECK: return
func.func @f(%a: memref<4x8xf32>, %out: memref<4x8xf32>) {
  %t = memref.alloc() {alignment = 64 : i64} : memref<4x8xf32>
  %u = memref.alloc() : memref<16xf16>
  memref.copy %a, %t : memref<4x8xf32> to memref<4x8xf32>
  memref.copy %t, %out : memref<4x8xf32> to memref<4x8xf32>
  %z = arith.constant 0.0 : f16
  %c0 = arith.constant 0 : index
  memref.store %z, %u[%c0] : memref<16xf16>
  memref.dealloc %u : memref<16xf16>
  memref.dealloc %t : memref<4x8xf32>
  return
}

// -----

// Nothing to hoist (the pass must not fire): a dynamic alloc, a returned
// one, one freed in a nested region, one in a loop, one over 64-byte
// alignment, and any alloc of a private function. No conv.scratch.
// CHECK-NOT: conv.scratch
// CHECK-LABEL: func.func @kept
// CHECK-SAME: (%{{.+}}: index, %{{.+}}: i1) -> memref<4xf32>
// CHECK-COUNT-5: memref.alloc
// CHECK-LABEL: func.func private @private
// CHECK: memref.alloc
func.func @kept(%n: index, %c: i1) -> memref<4xf32> {
  %d = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %d : memref<?xf32>
  %r = memref.alloc() : memref<4xf32>
  %i = memref.alloc() : memref<8xf32>
  scf.if %c {
    memref.dealloc %i : memref<8xf32>
  }
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  scf.for %k = %c0 to %c2 step %c1 {
    %l = memref.alloc() : memref<8xf32>
    memref.dealloc %l : memref<8xf32>
  }
  %big = memref.alloc() {alignment = 128 : i64} : memref<8xf32>
  memref.dealloc %big : memref<8xf32>
  return %r : memref<4xf32>
}
func.func private @private() {
  %t = memref.alloc() : memref<4xf32>
  memref.dealloc %t : memref<4xf32>
  return
}
