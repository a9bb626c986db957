// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=cooperlake" | FileCheck %s
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512" | FileCheck %s --check-prefix=NOBF16

// bf16 on AVX512-BF16: first the filter is packed once per call into
// channel pairs, [KH][KW][IC / 2][2 * OC]: for each (kh, kw, pair) and block
// of 16 output channels, the rows of channels 2p and 2p + 1 are read as 16
// bf16 each, interleaved by one shuffle and written as 32. Then two input
// channels per step (the channel loop steps by 2): 32 packed bf16 read at
// (kh, kw, c / 2, 2 * oc), the input pair read as 2 bf16, reinterpreted as
// one i32 and broadcast, and one x86vector.avx512.dot (vdpbf16ps) per
// accumulator vector. Without the feature, the f32 FMA kernel.
// CHECK-LABEL: func.func @dense_bf16(
//  CHECK-SAME:   %[[X:[a-z0-9]+]]: tensor<1x16x16x32xbf16>, %[[F:[a-z0-9]+]]: tensor<3x3x32x64xbf16>
//       CHECK:   %[[EMPTY:.*]] = tensor.empty() : tensor<3x3x16x128xbf16>
//       CHECK:   %[[PACKED:.*]] = scf.for %[[T:.*]] = %{{.*}} to %c144 step %{{.*}} iter_args(%{{.*}} = %[[EMPTY]]) -> (tensor<3x3x16x128xbf16>)
//       CHECK:     %[[PAIR:.*]] = arith.remui %[[T]], %c16
//       CHECK:     scf.for %[[O:.*]] = %{{.*}} to %c64 step %c16
//       CHECK:       %[[O2:.*]] = arith.muli %[[O]], %c2
//       CHECK:       %[[C0:.*]] = arith.muli %[[PAIR]], %c2
//       CHECK:       %[[EVEN:.*]] = vector.transfer_read %[[F]][%{{.*}}, %{{.*}}, %[[C0]], %[[O]]]{{.*}} : tensor<3x3x32x64xbf16>, vector<16xbf16>
//       CHECK:       %[[C1:.*]] = arith.addi %[[C0]], %c1
//       CHECK:       %[[ODD:.*]] = vector.transfer_read %[[F]][%{{.*}}, %{{.*}}, %[[C1]], %[[O]]]{{.*}} : tensor<3x3x32x64xbf16>, vector<16xbf16>
//       CHECK:       %[[W2:.*]] = vector.shuffle %[[EVEN]], %[[ODD]] [0, 16, 1, 17, 2, 18
//       CHECK:       vector.transfer_write %[[W2]], %{{.*}}[%{{.*}}, %{{.*}}, %[[PAIR]], %[[O2]]] {in_bounds = [true]} : vector<32xbf16>, tensor<3x3x16x128xbf16>
//       CHECK:   scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %c2
//   CHECK-NOT:     vector.shuffle
//       CHECK:     %[[HALF:.*]] = arith.divui %[[C]], %c2
//       CHECK:     %[[W:.*]] = vector.transfer_read %[[PACKED]][%{{.*}}, %{{.*}}, %[[HALF]], %{{.*}}]{{.*}} : tensor<3x3x16x128xbf16>, vector<32xbf16>
//       CHECK:     %[[XP:.*]] = vector.transfer_read %[[X]]{{.*}} : tensor<1x16x16x32xbf16>, vector<2xbf16>
//       CHECK:     %[[BITS:.*]] = vector.bitcast %[[XP]] : vector<2xbf16> to vector<1xi32>
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

// An odd channel count without padding: every block is interior, so the
// products of a filter row are paired over (kw, c) flattened (3 x 3 = 9 in
// 4 pairs and a last half pair): the filter packed as [KH][5][2 * OC], the
// input seen as [N][H][W * C], 4 pair steps reading 2 bf16 at
// 3 * (first column) + 2 q, then the last product alone in a zero pair.
// CHECK-LABEL: func.func @odd_channels(
//  CHECK-SAME:   %[[X:[a-z0-9]+]]: tensor<1x8x8x3xbf16>
//       CHECK:   tensor.empty() : tensor<3x5x64xbf16>
//       CHECK:   %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1], [2, 3]] : tensor<1x8x8x3xbf16> into tensor<1x8x24xbf16>
//       CHECK:   scf.for %{{.*}} = %{{.*}} to %c4{{(_[0-9]+)?}} step %c1
//       CHECK:     vector.transfer_read %{{.*}} : tensor<3x5x64xbf16>, vector<32xbf16>
//       CHECK:     vector.transfer_read %[[FLAT]][%{{.*}}, %{{.*}}, %{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<1x8x24xbf16>, vector<2xbf16>
//       CHECK:     x86vector.avx512.dot
//       CHECK:   %[[LAST:.*]] = tensor.extract %[[FLAT]][%{{.*}}, %{{.*}}, %{{.*}}] : tensor<1x8x24xbf16>
//  CHECK-NEXT:   %[[ZEROS:.*]] = arith.constant dense<0.000000e+00> : vector<2xbf16>
//  CHECK-NEXT:   vector.insert %[[LAST]], %[[ZEROS]] [0] : bf16 into vector<2xbf16>
//       CHECK:   x86vector.avx512.dot
func.func @odd_channels(%x: tensor<1x8x8x3xbf16>, %w: tensor<3x3x3x32xbf16>) -> tensor<1x6x6x32xbf16> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x3xbf16>, tensor<3x3x3x32xbf16> -> tensor<1x6x6x32xbf16>
  return %y : tensor<1x6x6x32xbf16>
}

// -----

// With padding, the border blocks keep one tap per kw (static columns): the
// channel pairs of the [KH][KW][2][2 * OC] packed filter, whose last pair's
// second row is selected to zero in the packing loop, and the input pair
// read with a bounds check (zero past the last channel).
// CHECK-LABEL: func.func @odd_channels_padded(
//       CHECK:   scf.for %{{.*}} -> (tensor<3x3x2x64xbf16>)
//       CHECK:     scf.for %[[O:.*]] = %{{.*}} to %c32 step %c16
//       CHECK:       %[[O2:.*]] = arith.muli %[[O]], %c2
//       CHECK:     %[[C0:.*]] = arith.muli %{{.*}}, %c2
//       CHECK:     %[[C1:.*]] = arith.addi %[[C0]], %c1
//       CHECK:     %[[HAS:.*]] = arith.cmpi slt, %[[C1]], %c3
//       CHECK:     %[[ROW:.*]] = arith.select %[[HAS]], %[[C1]], %[[C0]] : index
//       CHECK:     %[[ODD:.*]] = vector.transfer_read %{{.*}}[%{{.*}}, %{{.*}}, %[[ROW]], %{{.*}}]
//       CHECK:     arith.select %[[HAS]], %[[ODD]], %{{.*}} : vector<16xbf16>
//       CHECK:   scf.for %{{[a-z0-9_]+}} = %{{.*}} to %c3{{(_[0-9]+)?}} step %c2
//       CHECK:     vector.transfer_read %{{[^{]*}} : tensor<1x8x8x3xbf16>, vector<2xbf16>
//       CHECK:     x86vector.avx512.dot
func.func @odd_channels_padded(%x: tensor<1x8x8x3xbf16>, %w: tensor<3x3x3x32xbf16>) -> tensor<1x8x8x32xbf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x8x8x3xbf16>, tensor<3x3x3x32xbf16> -> tensor<1x8x8x32xbf16>
  return %y : tensor<1x8x8x32xbf16>
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
