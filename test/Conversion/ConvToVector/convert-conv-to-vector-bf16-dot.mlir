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

// An odd channel count: the last pair's second filter row is selected to
// zero and the input pair is read with a bounds check (zero past the last
// channel).
// CHECK-LABEL: func.func @odd_channels(
//       CHECK:   scf.for %[[C:[a-z0-9_]+]] = %{{.*}} to %c3{{(_[0-9]+)?}} step %c2
//       CHECK:     %[[C1:.*]] = arith.addi %[[C]], %c1
//       CHECK:     %[[HAS:.*]] = arith.cmpi slt, %[[C1]], %c3
//       CHECK:     %[[ROW:.*]] = arith.select %[[HAS]], %[[C1]], %[[C]] : index
//       CHECK:     %[[ODD:.*]] = vector.transfer_read %{{.*}}[%{{.*}}, %{{.*}}, %[[ROW]], %{{.*}}]
//       CHECK:     arith.select %[[HAS]], %[[ODD]], %{{.*}} : vector<16xbf16>
//       CHECK:     vector.transfer_read %{{[^{]*}} : tensor<1x8x8x3xbf16>, vector<2xbf16>
//       CHECK:     x86vector.avx512.dot
func.func @odd_channels(%x: tensor<1x8x8x3xbf16>, %w: tensor<3x3x3x32xbf16>) -> tensor<1x6x6x32xbf16> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x3xbf16>, tensor<3x3x3x32xbf16> -> tensor<1x6x6x32xbf16>
  return %y : tensor<1x6x6x32xbf16>
}

// -----

// Groups with an odd channel count per group: no pairs (a group's last
// channel would pair with the next group's first), the FMA kernel.
// CHECK-LABEL: func.func @odd_grouped(
//   CHECK-NOT:   x86vector.avx512.dot
//       CHECK:   vector.fma
func.func @odd_grouped(%x: tensor<1x8x8x6xbf16>, %w: tensor<3x3x3x32xbf16>) -> tensor<1x6x6x32xbf16> {
  %y = conv.conv2d %x, %w groups = 2 : tensor<1x8x8x6xbf16>, tensor<3x3x3x32xbf16> -> tensor<1x6x6x32xbf16>
  return %y : tensor<1x6x6x32xbf16>
}
