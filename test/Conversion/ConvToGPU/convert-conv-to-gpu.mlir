// RUN: conv-opt %s --convert-conv-to-gpu --split-input-file | FileCheck %s
// RUN: conv-opt %s --convert-conv-to-gpu="reg-m=4 tile-k=8 split-k=1 depthwise-kernel=false" --split-input-file | FileCheck %s --check-prefix=FORCED

// A ResNet 3x3 layer: the call on host buffers, and the declaration with
// the conv and its tiling (4 pixels x 4 channels per thread, 16 input
// channels per step; the 49 blocks of that grid are too few, and the
// reduction has 36 steps: split in 2).
// CHECK-LABEL: func.func @resnet(
//  CHECK-SAME:   %[[X:.*]]: tensor<1x56x56x64xf32>, %[[W:.*]]: tensor<3x3x64x64xf32>
//       CHECK:   %[[XB:.*]] = bufferization.to_buffer %[[X]] read_only : tensor<1x56x56x64xf32> to memref<1x56x56x64xf32>
//       CHECK:   %[[WB:.*]] = bufferization.to_buffer %[[W]] read_only
//       CHECK:   %[[OUT:.*]] = memref.alloc() : memref<1x56x56x64xf32>
//       CHECK:   call @[[FN:conv2d_gpu[_0-9]*]](%[[XB]], %[[WB]], %[[OUT]])
//       CHECK:   %[[R:.*]] = bufferization.to_tensor %[[OUT]] restrict writable
//       CHECK:   return %[[R]]
//       CHECK: func.func private @[[FN]](memref<1x56x56x64xf32>, memref<3x3x64x64xf32>, memref<1x56x56x64xf32>)
//  CHECK-SAME:   conv.gpu_conv2d = {dilations = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1, 1, 1>, plan = array<i64: 4, 4, 16, 16, 16, 4, 4, 2, 0>, strides = array<i64: 1, 1>,
//  CHECK-SAME:   tiling = "implicit-gemm tile=64x64x16 reg=4x4 split-k=2 threads=256 grid=49x1x2 vec=4/4"
// FORCED-LABEL: func.func @resnet(
//       FORCED: tiling = "implicit-gemm tile=64x64x8 reg=4x4 threads=256 grid=49x1x1 vec=4/4"
func.func @resnet(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64xf32>) -> tensor<1x56x56x64xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x56x56x64xf32>
  return %y : tensor<1x56x56x64xf32>
}

// -----

// NCHW/OIHW is normalised first: the GPU function sees NHWC/HWIO, the host
// transposes around it. f16 goes down to one pixel per thread, no split (the
// partial sums could not be added atomically in f16). Thin groups: 4 input
// channels per step, scalar loads (3 channels per group).
// CHECK-LABEL: func.func @nchw_f16_grouped(
//       CHECK:   linalg.transpose
//       CHECK:   call @[[FN:conv2d_gpu[_0-9]*]]({{.*}}) : (memref<1x9x9x6xf16>, memref<3x3x3x8xf16>, memref<8xf16>, memref<1x9x9x8xf16>) -> ()
//       CHECK:   linalg.transpose
//       CHECK: func.func private @[[FN]](
//  CHECK-SAME:   groups = 2 : i64
//  CHECK-SAME:   tiling = "implicit-gemm tile=256x4x3 reg=1x4 threads=256 grid=1x1x2 vec=1/4"
func.func @nchw_f16_grouped(%x: tensor<1x6x9x9xf16>, %w: tensor<8x3x3x3xf16>, %b: tensor<8xf16>) -> tensor<1x8x9x9xf16> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x6x9x9xf16>, tensor<8x3x3x3xf16>, tensor<8xf16> -> tensor<1x8x9x9xf16>
  return %y : tensor<1x8x9x9xf16>
}

// -----

// Depthwise: the direct kernel, 4 channels per thread (441 blocks of 256
// threads for 56x56x144 outputs); with a channel multiplier, 1 channel per
// thread; with depthwise-kernel=false, the implicit GEMM.
// CHECK-LABEL: func.func @depthwise(
//       CHECK: func.func private @{{.*}}(memref<1x56x56x144xf32>, memref<3x3x1x144xf32>, memref<1x56x56x144xf32>)
//  CHECK-SAME:   plan = array<i64: 1, 4, 256, 1, 1, 1, 1, 1, 1>
//  CHECK-SAME:   tiling = "depthwise vec=4 threads=256 grid=441x1x1"
// FORCED-LABEL: func.func @depthwise(
//       FORCED: tiling = "implicit-gemm tile=1024x1x8 reg=4x1 threads=256 grid=4x1x144 vec=1/1"
func.func @depthwise(%x: tensor<1x56x56x144xf32>, %w: tensor<3x3x1x144xf32>) -> tensor<1x56x56x144xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 144
      : tensor<1x56x56x144xf32>, tensor<3x3x1x144xf32> -> tensor<1x56x56x144xf32>
  return %y : tensor<1x56x56x144xf32>
}

// -----

// CHECK-LABEL: func.func @depthwise_multiplier(
//       CHECK:   tiling = "depthwise vec=1 threads=256 grid=2x1x1"
func.func @depthwise_multiplier(%x: tensor<1x10x10x6xf32>, %w: tensor<5x5x1x12xf32>) -> tensor<1x5x5x12xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [2, 2, 2, 2] groups = 6
      : tensor<1x10x10x6xf32>, tensor<5x5x1x12xf32> -> tensor<1x5x5x12xf32>
  return %y : tensor<1x5x5x12xf32>
}

// -----

// Dynamic shapes are not lowered for the GPU: the conv stays (for
// convert-conv-to-linalg on the host).
// CHECK-LABEL: func.func @dynamic(
//       CHECK:   conv.conv2d
//   CHECK-NOT:   call
//   CHECK-NOT: conv2d_gpu
func.func @dynamic(%x: tensor<?x8x8x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<?x6x6x8xf32> {
  %y = conv.conv2d %x, %w : tensor<?x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<?x6x6x8xf32>
  return %y : tensor<?x6x6x8xf32>
}
