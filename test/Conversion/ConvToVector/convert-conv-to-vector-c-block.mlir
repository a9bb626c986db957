// RUN: conv-opt %s --convert-conv-to-vector="vector-bits=512 num-registers=32 c-block=8" -split-input-file | FileCheck %s

// Reduction blocks of 8 input channels: the output starts as the broadcast
// bias (a zero fill without bias), a loop over the blocks (step 8) wraps the rows, each register block
// starts from the partial sums read back from the output, and the channel
// loop runs over the block only.
// CHECK-LABEL: func.func @c_block
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x24xf32>, %[[W:.+]]: tensor<3x3x24x16xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<1x6x6x16xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[BIASED:.+]] = linalg.broadcast ins(%[[B]] : tensor<16xf32>) outs(%[[INIT]] : tensor<1x6x6x16xf32>) dimensions = [0, 1, 2]
// CHECK: scf.for %{{.+}} iter_args(%[[OUT_N:.+]] = %[[BIASED]])
// CHECK: %[[C8:.+]] = arith.constant 8 : index
// CHECK-NEXT: scf.for %[[CB:.+]] = %{{.+}} to %{{.+}} step %[[C8]] iter_args(%{{.+}} = %[[OUT_N]])
// CHECK: scf.forall
// CHECK: vector.transfer_read %{{.+}} : tensor<1x1x?x16xf32>, vector<16xf32>
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
