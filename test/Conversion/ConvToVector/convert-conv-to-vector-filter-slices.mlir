// RUN: conv-opt %s --convert-conv-to-vector="target-cpu=skylake-avx512 pack-filter-blocks=false vector-bits=512 num-registers=32 c-block=8 oc-vectors=3" -split-input-file | FileCheck %s

// An OIHW argument filter with reduction blocks: no transpose of the whole
// filter to HWIO. Each block of 8 input channels packs its slice (columns
// [cb * 9, cb * 9 + 72) of the filter as [O][I * KH * KW]) into blocks of 48
// output channels, 16 x 16 tiles in parallel: 16 rows read, transposed by
// shuffles, 16 columns written at (kh, kw, c) = (q % 9 / 3, q % 3, q / 9);
// the 40 - 32 = 8 last rows are a tile of its own. The slice's buffer is
// made once, outside the loops. The FMAs read the packed slice at channel
// c - cb.
// CHECK-LABEL: func.func @oihw
// CHECK-SAME: (%{{.+}}: tensor<1x6x6x24xf32>, %[[W:.+]]: tensor<40x24x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<40x24x3x3xf32> into tensor<40x216xf32>
// CHECK-NEXT: %[[ROWBUF:.+]] = bufferization.to_buffer %[[ROWS]] read_only : tensor<40x216xf32> to memref<40x216xf32>
// CHECK-NEXT: %[[EMPTY:.+]] = tensor.empty() : tensor<1x3x3x8x48xf32>
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK: %[[C8:.+]] = arith.constant 8 : index
// CHECK-NEXT: scf.for %[[CB:.+]] = %{{.+}} to %{{.+}} step %[[C8]] iter_args
// CHECK: %[[COL0:.+]] = arith.muli %[[CB]], %{{.+}} : index
// CHECK: %[[PACKED:.+]] = scf.forall (%{{.+}}) in (2) shared_outs(%[[PART:.+]] = %[[EMPTY]])
// CHECK: tensor.extract_slice %[[PART]][%{{.+}}, 0, 0, 0, %{{.+}}] [1, 3, 3, 8, 16]
// CHECK: scf.for %[[Q0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[TILE:.+]] = %{{.+}}) -> (tensor<1x3x3x8x16xf32>)
// CHECK: %[[COL:.+]] = arith.addi %[[COL0]], %[[Q0]] : index
// CHECK: %[[ROW0:.+]] = vector.transfer_read %[[ROWS]][%{{.+}}, %[[COL]]], %{{.+}} {in_bounds = [true]} : tensor<40x216xf32>, vector<16xf32>
// CHECK-COUNT-64: vector.shuffle
// CHECK: %[[Q:.+]] = arith.addi %[[Q0]], %{{.+}} : index
// CHECK-NEXT: %[[C9:.+]] = arith.constant 9 : index
// CHECK-NEXT: %[[TAP:.+]] = arith.remui %[[Q]], %[[C9]] : index
// CHECK-NEXT: %[[C3:.+]] = arith.constant 3 : index
// CHECK-NEXT: %[[KH:.+]] = arith.divui %[[TAP]], %[[C3]] : index
// CHECK-NEXT: %[[C3B:.+]] = arith.constant 3 : index
// CHECK-NEXT: %[[KW:.+]] = arith.remui %[[TAP]], %[[C3B]] : index
// CHECK-NEXT: %[[C9B:.+]] = arith.constant 9 : index
// CHECK-NEXT: %[[C:.+]] = arith.divui %[[Q]], %[[C9B]] : index
// CHECK-NEXT: vector.transfer_write %{{.+}}, %[[TILE]][%{{.+}}, %[[KH]], %[[KW]], %[[C]], %{{.+}}] {in_bounds = [true]} : vector<16xf32>, tensor<1x3x3x8x16xf32>
// CHECK: tensor.parallel_insert_slice %{{.+}} into %[[PART]]
// CHECK: %[[SLICE:.+]] = tensor.insert_slice %{{.+}} into %[[PACKED]][{{.+}}] [1, 3, 3, 8, 16] [1, 1, 1, 1, 1] : tensor<1x3x3x8x16xf32> into tensor<1x3x3x8x48xf32>
// While computing a row, each of the 6 rows (of the one block) prefetches
// its share (34 of 40 x 5 lines) of the next block's slice into L2: line l
// is row l / 5, columns from min(cb + 8, 16) * 9 + l % 5 * 16.
// CHECK: %[[NEXT:.+]] = arith.addi %[[CB]], %{{.+}} : index
// CHECK: %[[NEXT_CB:.+]] = arith.minui %[[NEXT]], %{{.+}} : index
// CHECK: %[[NEXT_COL:.+]] = arith.muli %[[NEXT_CB]], %{{.+}} : index
// CHECK: scf.for %[[LINE:.+]] = %{{.+}} to %{{.+}} step %{{[^ ]+}} {
// CHECK: %[[PROW:.+]] = arith.divui %[[LINE]], %{{.+}} : index
// CHECK: %[[PLINE:.+]] = arith.remui %[[LINE]], %{{.+}} : index
// CHECK: %[[POFF:.+]] = arith.muli %[[PLINE]], %{{.+}} : index
// CHECK: %[[PCOL:.+]] = arith.addi %[[NEXT_COL]], %[[POFF]] : index
// CHECK-NEXT: memref.prefetch %[[ROWBUF]][%[[PROW]], %[[PCOL]]], read, locality<2>, data : memref<40x216xf32>
// CHECK: scf.for %[[IC:.+]] = %[[CB]] to
// CHECK: %[[IN_SLICE:.+]] = arith.subi %[[IC]], %[[CB]] : index
// CHECK: vector.transfer_read %[[SLICE]][%{{.+}}, %{{.+}}, %{{.+}}, %[[IN_SLICE]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x3x3x8x48xf32>, vector<16xf32>
// CHECK: vector.fma
func.func @oihw(%x: tensor<1x6x6x24xf32>, %w: tensor<40x24x3x3xf32>) -> tensor<1x6x6x40xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW : tensor<1x6x6x24xf32>, tensor<40x24x3x3xf32> -> tensor<1x6x6x40xf32>
  return %y : tensor<1x6x6x40xf32>
}

// -----

// Must not fire: an HWIO filter is read as it is, from the argument.
// CHECK-LABEL: func.func @hwio
// CHECK-SAME: (%{{.+}}: tensor<1x6x6x24xf32>, %[[W:.+]]: tensor<3x3x24x40xf32>)
// CHECK-NOT: tensor.collapse_shape
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK: vector.transfer_read %[[W]]
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK: return
func.func @hwio(%x: tensor<1x6x6x24xf32>, %w: tensor<3x3x24x40xf32>) -> tensor<1x6x6x40xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x6x6x24xf32>, tensor<3x3x24x40xf32> -> tensor<1x6x6x40xf32>
  return %y : tensor<1x6x6x40xf32>
}

// -----

// Must not fire: without reduction blocks (f16 keeps no partial sums in its
// output) the OIHW filter is transposed to HWIO once per call, in vector
// tiles.
// CHECK-LABEL: func.func @oihw_f16
// CHECK-NOT: tensor<1x3x3x8x48xf16>
// CHECK: vector.transfer_write {{.+}} : vector<16xf16>, tensor<216x40xf16>
// CHECK-NOT: tensor<1x3x3x8x48xf16>
// CHECK: return
func.func @oihw_f16(%x: tensor<1x6x6x24xf16>, %w: tensor<40x24x3x3xf16>) -> tensor<1x6x6x40xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW : tensor<1x6x6x24xf16>, tensor<40x24x3x3xf16> -> tensor<1x6x6x40xf16>
  return %y : tensor<1x6x6x40xf16>
}

// -----

// A linalg.transpose of an OIHW argument written by hand (an HWIO conv)
// packs from the argument the same way; the transpose goes.
// CHECK-LABEL: func.func @user_transpose
// CHECK-SAME: (%{{[^:]+}}: tensor<1x6x6x24xf32>, %[[W:[^:]+]]: tensor<40x24x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<40x24x3x3xf32> into tensor<40x216xf32>
// CHECK: tensor.empty() : tensor<1x3x3x8x48xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @user_transpose(%x: tensor<1x6x6x24xf32>, %w: tensor<40x24x3x3xf32>) -> tensor<1x6x6x40xf32> {
  %e = tensor.empty() : tensor<3x3x24x40xf32>
  %t = linalg.transpose ins(%w : tensor<40x24x3x3xf32>) outs(%e : tensor<3x3x24x40xf32>) permutation = [2, 3, 1, 0]
  %y = conv.conv2d %x, %t padding = [1, 1, 1, 1] : tensor<1x6x6x24xf32>, tensor<3x3x24x40xf32> -> tensor<1x6x6x40xf32>
  return %y : tensor<1x6x6x40xf32>
}

// -----

// Must not fire: a block of all the channels (8 of 8) is no reduction block;
// two images would pack every slice twice; a slice of a bigger filter would
// need a copy to be read as a buffer. All three transpose the whole filter
// to HWIO once, in vector tiles.
// CHECK-LABEL: func.func @one_block
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK: vector.transfer_write {{.+}} : vector<16xf32>, tensor<72x40xf32>
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK-LABEL: func.func @two_images
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK: vector.transfer_write {{.+}} : vector<16xf32>, tensor<216x40xf32>
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK-LABEL: func.func @sliced
// CHECK-NOT: bufferization.to_buffer
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK: vector.transfer_write {{.+}} : vector<16xf32>, tensor<216x40xf32>
// CHECK-NOT: bufferization.to_buffer
// CHECK-NOT: tensor<1x3x3x8x48xf32>
// CHECK: return
func.func @one_block(%x: tensor<1x6x6x8xf32>, %w: tensor<40x8x3x3xf32>) -> tensor<1x6x6x40xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW : tensor<1x6x6x8xf32>, tensor<40x8x3x3xf32> -> tensor<1x6x6x40xf32>
  return %y : tensor<1x6x6x40xf32>
}
func.func @two_images(%x: tensor<2x6x6x24xf32>, %w: tensor<40x24x3x3xf32>) -> tensor<2x6x6x40xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW : tensor<2x6x6x24xf32>, tensor<40x24x3x3xf32> -> tensor<2x6x6x40xf32>
  return %y : tensor<2x6x6x40xf32>
}
func.func @sliced(%x: tensor<1x6x6x24xf32>, %all: tensor<48x24x3x3xf32>) -> tensor<1x6x6x40xf32> {
  %w = tensor.extract_slice %all[4, 0, 0, 0] [40, 24, 3, 3] [1, 1, 1, 1] : tensor<48x24x3x3xf32> to tensor<40x24x3x3xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW : tensor<1x6x6x24xf32>, tensor<40x24x3x3xf32> -> tensor<1x6x6x40xf32>
  return %y : tensor<1x6x6x40xf32>
}
