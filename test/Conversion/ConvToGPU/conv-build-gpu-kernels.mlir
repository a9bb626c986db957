// RUN: conv-opt %s --conv-build-gpu-kernels --split-input-file --verify-diagnostics | FileCheck %s

// The body of a declaration made by convert-conv-to-gpu: device buffers,
// copies in, the output zeroed (split-k 2), one launch with the two staged
// tiles in workgroup memory, the copy out and the frees, on one stream.
// CHECK-LABEL: func.func private @conv2d_gpu(
//  CHECK-SAME:   %[[X:.*]]: memref<1x8x8x16xf32>, %[[W:.*]]: memref<3x3x16x32xf32>, %[[B:.*]]: memref<32xf32>, %[[Y:.*]]: memref<1x8x8x32xf32>
//       CHECK:   %[[T0:.*]] = gpu.wait async
//       CHECK:   %[[DX:.*]], %[[T1:.*]] = gpu.alloc async [%[[T0]]] () : memref<1x8x8x16xf32>
//       CHECK:   %[[T2:.*]] = gpu.memcpy async [%[[T1]]] %[[DX]], %[[X]]
//       CHECK:   gpu.alloc async
//       CHECK:   gpu.memcpy async {{.*}}, %[[W]]
//       CHECK:   gpu.alloc async
//       CHECK:   gpu.memcpy async {{.*}}, %[[B]]
//       CHECK:   %[[DY:.*]], %[[T7:.*]] = gpu.alloc async {{.*}} : memref<1x8x8x32xf32>
//       CHECK:   %[[T8:.*]] = gpu.memset async [%[[T7]]] %[[DY]]
//       CHECK:   %[[DY2:.*]] = memref.collapse_shape %[[DY]] {{\[\[}}0, 1, 2], [3]] : memref<1x8x8x32xf32> into memref<64x32xf32>
//       CHECK:   %[[L:.*]] = gpu.launch async [%[[T8]]] blocks(
//  CHECK-SAME:     = %c2{{(_[0-9]+)?}}, %{{.*}} = %c1{{(_[0-9]+)?}}, %{{.*}} = %c2{{(_[0-9]+)?}}) threads(
//  CHECK-SAME:     = %c256,
//  CHECK-SAME:     workgroup(%[[A:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>)
// The input patch is read 4 channels at a time and widened into A.
//       CHECK:     vector.load %[[DX]]{{.*}} {alignment = 16 : i64} : memref<1x8x8x16xf32>, vector<4xf32>
//       CHECK:     scf.for
//       CHECK:       memref.store {{.*}}, %[[A]]
//       CHECK:       vector.store {{.*}}, %[[BT]]
//       CHECK:       gpu.barrier
// The next step's loads are issued before the FMAs of this one.
//       CHECK:       vector.load %[[DX]]
//       CHECK:       vector.fma
//       CHECK:       gpu.barrier
//       CHECK:       scf.yield
// Partial sums are added atomically; the first split adds the bias.
//       CHECK:     memref.atomic_rmw addf {{.*}}, %[[DY2]]
//       CHECK:     gpu.terminator
//       CHECK:   %[[T9:.*]] = gpu.memcpy async [%[[L]]] %[[Y]], %[[DY]]
//       CHECK:   gpu.dealloc async
//       CHECK:   gpu.dealloc async
//       CHECK:   gpu.dealloc async
//       CHECK:   %[[TL:.*]] = gpu.dealloc async {{.*}} %[[DY]]
//       CHECK:   gpu.wait [%[[TL]]]
//       CHECK:   return
func.func private @conv2d_gpu(memref<1x8x8x16xf32>, memref<3x3x16x32xf32>, memref<32xf32>, memref<1x8x8x32xf32>) attributes {conv.gpu_conv2d = {dilations = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1, 1, 1>, plan = array<i64: 1, 4, 32, 8, 16, 4, 4, 2, 0>, strides = array<i64: 1, 1>, tiling = "implicit-gemm tile=32x32x16 reg=1x4 split-k=2 threads=256 grid=2x1x2 vec=4/4"}}

// -----

// The direct depthwise kernel: no workgroup memory, no barrier; per thread 4
// channels of one pixel, 16-byte loads of input and filter per tap, guarded
// by the thread's index.
// CHECK-LABEL: func.func private @dw(
//       CHECK:   gpu.launch async
//  CHECK-NOT:      workgroup
//       CHECK:     scf.if
//       CHECK:       scf.for
//       CHECK:         vector.load {{.*}} : memref<1x8x8x16xf32>, vector<4xf32>
//       CHECK:         vector.load {{.*}} : memref<3x3x1x16xf32>, vector<4xf32>
//       CHECK:         vector.fma
//   CHECK-NOT:     gpu.barrier
//       CHECK:       vector.store {{.*}} : memref<64x16xf32>, vector<4xf32>
//       CHECK:     gpu.terminator
func.func private @dw(memref<1x8x8x16xf32>, memref<3x3x1x16xf32>, memref<1x8x8x16xf32>) attributes {conv.gpu_conv2d = {dilations = array<i64: 1, 1>, groups = 16 : i64, padding = array<i64: 1, 1, 1, 1>, plan = array<i64: 1, 4, 256, 1, 0, 1, 1, 1, 1>, strides = array<i64: 1, 1>, tiling = "depthwise vec=4 threads=256 grid=1x1x1"}}

// -----

// Functions with a body, or without the attribute, are left alone.
// CHECK-LABEL: func.func private @other(memref<4xf32>)
//   CHECK-NOT: gpu.
func.func private @other(memref<4xf32>)

// -----

// A malformed attribute (7 plan entries) is an error.
// expected-error@+1 {{malformed 'conv.gpu_conv2d' attribute}}
func.func private @bad(memref<1x8x8x16xf32>, memref<3x3x16x32xf32>, memref<1x8x8x32xf32>) attributes {conv.gpu_conv2d = {dilations = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1, 1, 1>, plan = array<i64: 1, 4, 32, 8, 16, 4, 4>, strides = array<i64: 1, 1>}}
