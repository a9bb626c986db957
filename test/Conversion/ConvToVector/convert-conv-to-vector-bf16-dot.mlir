// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-features=+avx512f,+avx512bf16" | FileCheck %s
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-features=+avx512f" | FileCheck %s --check-prefix=NOBF16

// bf16 on AVX512-BF16: two input channels per step (the channel loop steps
// by 2), the two filter rows of a channel pair loaded as 16 bf16 each and
// interleaved by one shuffle, the input pair read as 2 bf16, reinterpreted
// as one i32 and broadcast, and one x86vector.avx512.dot (vdpbf16ps) per
// accumulator vector. Without the feature, the f32 FMA kernel.
// CHECK-LABEL: func.func @dense_bf16(
//       CHECK:   scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %c2
//       CHECK:     %[[EVEN:.*]] = vector.transfer_read %{{.*}}[%{{.*}}, %{{.*}}, %[[C]], %{{.*}}]{{.*}} : tensor<3x3x32x64xbf16>, vector<16xbf16>
//       CHECK:     %[[C1:.*]] = arith.addi %[[C]], %c1
//       CHECK:     %[[ODD:.*]] = vector.transfer_read %{{.*}}[%{{.*}}, %{{.*}}, %[[C1]], %{{.*}}]{{.*}} : tensor<3x3x32x64xbf16>, vector<16xbf16>
//       CHECK:     %[[W:.*]] = vector.shuffle %[[EVEN]], %[[ODD]] [0, 16, 1, 17, 2, 18
//       CHECK:     %[[X:.*]] = vector.transfer_read %{{.*}} : tensor<1x16x16x32xbf16>, vector<2xbf16>
//       CHECK:     %[[BITS:.*]] = vector.bitcast %[[X]] : vector<2xbf16> to vector<1xi32>
//       CHECK:     %[[B:.*]] = vector.broadcast %{{.*}} : i32 to vector<16xi32>
//       CHECK:     %[[PAIRS:.*]] = vector.bitcast %[[B]] : vector<16xi32> to vector<32xbf16>
//       CHECK:     x86vector.avx512.dot %{{.*}}, %[[PAIRS]], %[[W]] : vector<32xbf16> -> vector<16xf32>
//   CHECK-NOT:     vector.fma
// NOBF16-LABEL: func.func @dense_bf16(
//   NOBF16-NOT:   x86vector.avx512.dot
//       NOBF16:   vector.fma
func.func @dense_bf16(%x: tensor<1x16x16x32xbf16>, %w: tensor<3x3x32x64xbf16>) -> tensor<1x16x16x64xbf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x16x16x32xbf16>, tensor<3x3x32x64xbf16> -> tensor<1x16x16x64xbf16>
  return %y : tensor<1x16x16x64xbf16>
}

// -----

// An odd channel count has no pairs: the FMA kernel even with the feature.
// CHECK-LABEL: func.func @odd_channels(
//   CHECK-NOT:   x86vector.avx512.dot
//       CHECK:   vector.fma
func.func @odd_channels(%x: tensor<1x8x8x3xbf16>, %w: tensor<3x3x3x32xbf16>) -> tensor<1x6x6x32xbf16> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x3xbf16>, tensor<3x3x3x32xbf16> -> tensor<1x6x6x32xbf16>
  return %y : tensor<1x6x6x32xbf16>
}
