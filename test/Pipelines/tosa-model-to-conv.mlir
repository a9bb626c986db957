// RUN: conv-opt %s --tosa-model-to-conv | FileCheck %s
// RUN: conv-opt %s --conv-model-to-llvm="target-cpu=haswell" | FileCheck %s --check-prefix=LLVM
// RUN: conv-opt %s --tosa-model-to-conv="raise-convs=false" | FileCheck %s --check-prefix=UPSTREAM

// raise-convs=false leaves the convs to upstream (what the plugin is worth).
// UPSTREAM-LABEL: func.func @two_convs
// UPSTREAM-NOT:     conv.conv2d
// UPSTREAM:         linalg.conv_2d_nhwc_fhwc
// UPSTREAM:         linalg.conv_2d_nhwc_fhwc

// conv-model-to-llvm replays the whole model pipeline: LLVM dialect only.
// LLVM-LABEL: llvm.func @two_convs
// LLVM-NOT:     tosa.
// LLVM-NOT:     conv.conv2d
// LLVM-NOT:     linalg.
// LLVM:         llvm.intr.fma

// An NCHW network in TOSA (as conv-import-onnx writes it): a transpose pair
// around each conv. Layout propagation cancels the pairs between the convs
// (the clamp runs on NHWC), both convs become conv.conv2d, the sigmoid
// moves before the output's transpose (conv-sink-transposes), and only the
// model's input and output are transposed; the sigmoid's exp is arithmetic.
// CHECK-LABEL: func.func @two_convs
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4x8x8xf32>)
// CHECK:         %[[IN:.*]] = linalg.transpose ins(%[[X]] : tensor<1x4x8x8xf32>) {{.*}} permutation = [0, 2, 3, 1]
// CHECK:         %[[C1:.*]] = conv.conv2d %[[IN]], {{.*}} padding = [1, 1, 1, 1] filter_layout = OHWI : tensor<1x8x8x4xf32>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[C1]] : tensor<1x8x8x4xf32>)
// CHECK:           arith.minimumf
// CHECK:           arith.maximumf
// CHECK:         %[[C2:.*]] = conv.conv2d %[[R]], {{.*}} : tensor<1x8x8x4xf32>
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} ins(%[[C2]] : tensor<1x8x8x4xf32>)
// CHECK-NOT:       math.exp
// CHECK:           math.fma
// CHECK:         %[[OUT:.*]] = linalg.transpose ins(%[[S]] : tensor<1x8x8x4xf32>) {{.*}} permutation = [0, 3, 1, 2]
// CHECK:         return %[[OUT]]
// CHECK-NOT:     linalg.transpose
func.func @two_convs(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<4x3x3x4xf32>}> : () -> tensor<4x3x3x4xf32>
  %b = "tosa.const"() <{values = dense<0.25> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.transpose %x {perms = array<i32: 0, 2, 3, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x8x8x4xf32>
  %1 = tosa.conv2d %0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %2 = tosa.transpose %1 {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  %3 = tosa.clamp %2 {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %4 = tosa.transpose %3 {perms = array<i32: 0, 2, 3, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x8x8x4xf32>
  %5 = tosa.conv2d %4, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %6 = tosa.transpose %5 {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  %7 = tosa.sigmoid %6 : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %7 : tensor<1x4x8x8xf32>
}

// Nothing to do without TOSA.
// CHECK-LABEL: func.func @no_tosa
// CHECK-NEXT:    return %arg0 : tensor<4xf32>
func.func @no_tosa(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
