// RUN: conv-opt %s --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32 c-block=8" -split-input-file | FileCheck %s

// Reduction blocks of 8 input channels: a loop over the blocks (step 8)
// wraps the rows; the output is neither filled nor broadcast first: a
// register block of the first block (cb == 0) starts from the bias, those of
// the later blocks from the partial sums read back from the output; the
// channel loop runs over the block only.
// CHECK-LABEL: func.func @c_block
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x24xf32>, %[[W:.+]]: tensor<3x3x24x16xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<1x6x6x16xf32>
// CHECK-NOT: linalg.fill
// CHECK-NOT: linalg.broadcast
// CHECK: scf.for %{{.+}} iter_args(%[[OUT_N:.+]] = %[[INIT]])
// CHECK: %[[C8:.+]] = arith.constant 8 : index
// CHECK-NEXT: scf.for %[[CB:.+]] = %{{.+}} to %{{.+}} step %[[C8]] iter_args(%{{.+}} = %[[OUT_N]])
// CHECK: scf.forall
// CHECK: %[[SLICE:.+]] = tensor.extract_slice
// CHECK: %[[FIRST:.+]] = arith.cmpi eq, %[[CB]], %{{.+}} : index
// CHECK-NEXT: %{{.+}}:6 = scf.if %[[FIRST]]
// CHECK: %[[BIAS:.+]] = vector.transfer_read %[[B]]
// CHECK-NEXT: scf.yield %[[BIAS]], %[[BIAS]], %[[BIAS]], %[[BIAS]], %[[BIAS]], %[[BIAS]]
// CHECK: } else {
// CHECK: vector.transfer_read %[[SLICE]]{{.+}} : tensor<1x1x?x16xf32>, vector<16xf32>
// CHECK: %[[CEND:.+]] = arith.addi %[[CB]], %{{.+}} : index
// CHECK: scf.for %{{.+}} = %[[CB]] to %[[CEND]] step
// CHECK: vector.fma
func.func @c_block(%x: tensor<1x6x6x24xf32>, %w: tensor<3x3x24x16xf32>, %b: tensor<16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<1x6x6x24xf32>, tensor<3x3x24x16xf32>, tensor<16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

// f16 keeps its partial sums in f32 registers only: no reduction blocks
// (the output cannot hold them), whatever c-block asks.
// CHECK-LABEL: func.func @c_block_f16
// CHECK-NOT: linalg.fill
// CHECK-NOT: step %c8
// CHECK: scf.forall
func.func @c_block_f16(%x: tensor<1x6x6x24xf16>, %w: tensor<3x3x24x16xf16>) -> tensor<1x6x6x16xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x6x6x24xf16>, tensor<3x3x24x16xf16> -> tensor<1x6x6x16xf16>
  return %y : tensor<1x6x6x16xf16>
}

// -----

// A ReLU epilogue with reduction blocks: every block computes it, but only
// the last block (cb == 24 - 8) stores it; the others store their partial
// sums.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @c_block_relu
// CHECK-NOT: linalg.generic
// CHECK: %[[C8:.+]] = arith.constant 8 : index
// CHECK-NEXT: scf.for %[[CB:.+]] = %{{.+}} to %{{.+}} step %[[C8]]
// CHECK-NEXT: %[[C16:.+]] = arith.constant 16 : index
// CHECK-NEXT: %[[LAST:.+]] = arith.cmpi eq, %[[CB]], %[[C16]] : index
// CHECK: %[[ACC:.+]]:{{[0-9]+}} = scf.for %{{.+}} -> ({{(vector<16xf32>, )+}}vector<16xf32>)
// CHECK: %[[RELU:.+]] = arith.maximumf %[[ACC]]#0, %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[V:.+]] = arith.select %[[LAST]], %[[RELU]], %[[ACC]]#0 : vector<16xf32>
// CHECK: vector.transfer_write %[[V]]
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @c_block_relu(%x: tensor<1x6x6x24xf32>, %w: tensor<3x3x24x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x6x6x24xf32>, tensor<3x3x24x16xf32> -> tensor<1x6x6x16xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  %out = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x6x6x16xf32>) outs(%e : tensor<1x6x6x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x6x6x16xf32>
  return %out : tensor<1x6x6x16xf32>
}
