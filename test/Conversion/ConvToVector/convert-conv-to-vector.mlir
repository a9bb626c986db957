// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 pack-filter-blocks=false vector-bits=512 num-registers=32" | FileCheck %s
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 pack-filter-blocks=false vector-bits=512 num-registers=32 ow-block=4 oc-vectors=2" -cse | FileCheck %s --check-prefix=BLOCK
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 pack-filter-blocks=false vector-bits=256 num-registers=16" | FileCheck %s --check-prefix=AVX2
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 pack-filter-blocks=false vector-bits=512 num-registers=32" -cse | FileCheck %s --check-prefix=FLOW

// The direct lowering of conv.conv2d to register-blocked vector loops on
// tensors. The target is given explicitly (512-bit vectors and 32 registers,
// or 256 and 16) so that nothing depends on the host. Prefix CHECK checks the
// block the planner chooses, BLOCK a forced block of 4 pixels x 2 vectors,
// AVX2 the block chosen for 256-bit vectors. FLOW follows the index
// arithmetic through its operands after -cse (one SSA value per constant),
// so it does not depend on the order in which the pass creates constants.
//
// Per output row (n, oh) and block of output channels the pass emits: the
// kh range clipped to the input rows (ceildivsi/floordivsi/maxsi/minsi);
// with a static W, the border blocks with static columns (kw unrolled,
// padding taps not emitted) around a loop of unchecked interior blocks;
// with a dynamic W (or a border of many blocks), a loop over blocks of
// ow-block pixels whose scf.if runs interior blocks unchecked and border
// blocks with clamped columns and zero-selected values; kh/kw[/c] loops
// carrying the ow-block x oc-vectors accumulators, vector.fma and
// vector.transfer_write of the accumulators. Dense convs broadcast an
// input scalar; grouped and depthwise convs load input channel vectors and
// shuffle them onto the output channels' groups.

// Dense 3x3, padding 1, bias, 4 -> 32 channels, OW = 16.
//
// The full structure, with the forced 4x2 block (8 accumulators).
// BLOCK-LABEL: func.func @dense_3x3_padding
// BLOCK-SAME: (%[[X:.+]]: tensor<1x8x16x4xf32>, %[[W:.+]]: tensor<3x3x4x32xf32>, %[[B:.+]]: tensor<32xf32>)
// BLOCK-NOT: conv.conv2d
// BLOCK-NOT: tensor.pad
// BLOCK: %[[INIT:.+]] = tensor.empty() : tensor<1x8x16x32xf32>
// After -cse each constant is one SSA value, matched by value (DAG) rather
// than by the order the pass creates it in.
// BLOCK-DAG: %[[C0:.+]] = arith.constant 0 : index
// BLOCK-DAG: %[[C1:.+]] = arith.constant 1 : index
// BLOCK-DAG: %[[C2:.+]] = arith.constant 2 : index
// BLOCK-DAG: %[[H:.+]] = tensor.dim %[[X]], %[[C1]] : tensor<1x8x16x4xf32>
// BLOCK-DAG: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<1x8x16x4xf32>
// BLOCK: %[[RES:.+]] = scf.for %[[NI:.+]] = %[[C0]] to %[[N]] step %[[C1]] iter_args(%[[OUT_N:.+]] = %[[INIT]]) -> (tensor<1x8x16x32xf32>)
// BLOCK-DAG: %[[OW_SIZE:.+]] = tensor.dim %[[OUT_N]], %[[C2]] : tensor<1x8x16x32xf32>
// BLOCK-DAG: %[[OH_SIZE:.+]] = tensor.dim %[[OUT_N]], %[[C1]] : tensor<1x8x16x32xf32>
// One block of 32 output channels (2 vectors of 16), then the output rows.
// BLOCK: scf.forall (%[[BLK:.+]], %[[OH:.+]]) in (1, %[[OH_SIZE]]) shared_outs(%[[OUT_H:.+]] = %[[OUT_N]]) -> (tensor<1x8x16x32xf32>)
// BLOCK-DAG: %[[C32:.+]] = arith.constant 32 : index
// BLOCK-DAG: %[[OC_OFF:.+]] = arith.muli %[[BLK]], %[[C32]] : index
// BLOCK-DAG: %[[OC0:.+]] = arith.addi %[[C0]], %[[OC_OFF]] : index
// BLOCK: %[[ROW:.+]] = tensor.extract_slice %[[OUT_H]][%[[NI]], %[[OH]], 0, %[[OC0]]] [1, 1, %[[OW_SIZE]], 32] [1, 1, 1, 1] : tensor<1x8x16x32xf32> to tensor<1x1x?x32xf32>
// The kh range: max(0, ceil((top - oh) / dh)) to min(KH, floor((H - 1 + top - oh) / dh) + 1),
// with top = dh = 1; then the bias, in two vectors of 16 channels.
// BLOCK-DAG: %[[ROW_BASE:.+]] = arith.subi %[[C1]], %[[OH]] : index
// BLOCK-DAG: %[[KH_CEIL:.+]] = arith.ceildivsi %[[ROW_BASE]], %[[C1]] : index
// BLOCK-DAG: %[[KH_LO:.+]] = arith.maxsi %[[C0]], %[[KH_CEIL]] : index
// BLOCK-DAG: %[[H_M1:.+]] = arith.subi %[[H]], %[[C1]] : index
// BLOCK-DAG: %[[LAST_ROW:.+]] = arith.addi %[[H_M1]], %[[ROW_BASE]] : index
// BLOCK-DAG: %[[C3:.+]] = arith.constant 3 : index
// BLOCK-DAG: %[[KH_FLOOR:.+]] = arith.floordivsi %[[LAST_ROW]], %[[C1]] : index
// BLOCK-DAG: %[[KH_END:.+]] = arith.addi %[[KH_FLOOR]], %[[C1]] : index
// BLOCK-DAG: %[[KH_HI:.+]] = arith.minsi %[[C3]], %[[KH_END]] : index
// BLOCK-DAG: %[[C16:.+]] = arith.constant 16 : index
// BLOCK-DAG: %[[OC1:.+]] = arith.addi %[[OC0]], %[[C16]] : index
// BLOCK-DAG: %[[BIAS0:.+]] = vector.transfer_read %[[B]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<32xf32>, vector<16xf32>
// BLOCK-DAG: %[[BIAS1:.+]] = vector.transfer_read %[[B]][%[[OC1]]], %{{.+}} {in_bounds = [true]} : tensor<32xf32>, vector<16xf32>
// W = 16 is static: the border blocks (columns 0-3 and 12-15) are emitted
// with static columns and kw unrolled, and a tap that would put a pixel into
// the padding is not emitted for that pixel; the blocks in between (columns
// 4-11) are a loop with no checks.
// Left block: accumulators start as the bias.
// BLOCK: %[[LEFT:.+]]:8 = scf.for %[[KH:.+]] = %[[KH_LO]] to %[[KH_HI]] step %[[C1]] iter_args(%{{[^ ]+}} = %[[BIAS0]], %{{[^ ]+}} = %[[BIAS1]], %{{[^ ]+}} = %[[BIAS0]], %{{[^ ]+}} = %[[BIAS1]], %{{[^ ]+}} = %[[BIAS0]], %{{[^ ]+}} = %[[BIAS1]], %{{[^ ]+}} = %[[BIAS0]], %{{[^ ]+}} = %[[BIAS1]]) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// BLOCK-NOT: arith.select
// kw = 0 puts pixel 0 into the padding: pixels 1-3 (6 accumulators) read
// input columns 0, 1, 2.
// BLOCK: %{{.+}}:6 = scf.for %[[C:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A0:[^ ]+]] = %{{[^ ]+}}, %[[A1:[^ ]+]] = %{{[^ ]+}},
// BLOCK-DAG: %[[W0:.+]] = vector.transfer_read %[[W]][%[[KH]], %[[C0]], %[[C]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x32xf32>, vector<16xf32>
// BLOCK-DAG: %[[W1:.+]] = vector.transfer_read %[[W]][%[[KH]], %[[C0]], %[[C]], %[[OC1]]], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x32xf32>, vector<16xf32>
// BLOCK-DAG: %[[X0:.+]] = tensor.extract %[[X]][%[[NI]], %{{.+}}, %[[C0]], %[[C]]] : tensor<1x8x16x4xf32>
// BLOCK-DAG: %[[BX0:.+]] = vector.broadcast %[[X0]] : f32 to vector<16xf32>
// BLOCK-DAG: %[[F0:.+]] = vector.fma %[[BX0]], %[[W0]], %[[A0]] : vector<16xf32>
// BLOCK-DAG: %[[F1:.+]] = vector.fma %[[BX0]], %[[W1]], %[[A1]] : vector<16xf32>
// BLOCK-DAG: tensor.extract %[[X]][%[[NI]], %{{.+}}, %[[C1]], %[[C]]]
// BLOCK-DAG: tensor.extract %[[X]][%[[NI]], %{{.+}}, %[[C2]], %[[C]]]
// BLOCK: scf.yield %[[F0]], %[[F1]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>
// kw = 1 and kw = 2: all four pixels.
// BLOCK: %{{.+}}:8 = scf.for
// BLOCK-COUNT-4: tensor.extract %[[X]]
// BLOCK-NOT: tensor.extract
// BLOCK: %{{.+}}:8 = scf.for
// BLOCK-COUNT-4: tensor.extract %[[X]]
// BLOCK-NOT: tensor.extract
// The 8 accumulators are written into the row: pixel i, lanes 16 * j.
// BLOCK: %[[T0:.+]] = vector.transfer_write %[[LEFT]]#0, %[[ROW]][%[[C0]], %[[C0]], %[[C0]], %[[C0]]] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x?x32xf32>
// BLOCK: %[[T1:.+]] = vector.transfer_write %[[LEFT]]#1, %[[T0]][%[[C0]], %[[C0]], %[[C0]], %[[C16]]]
// BLOCK: %[[T2:.+]] = vector.transfer_write %[[LEFT]]#2, %[[T1]][%[[C0]], %[[C0]], %[[C1]], %[[C0]]]
// BLOCK: %[[T3:.+]] = vector.transfer_write %[[LEFT]]#3, %[[T2]]
// BLOCK: %[[T4:.+]] = vector.transfer_write %[[LEFT]]#4, %[[T3]]
// BLOCK: %[[T5:.+]] = vector.transfer_write %[[LEFT]]#5, %[[T4]]
// BLOCK: %[[T6:.+]] = vector.transfer_write %[[LEFT]]#6, %[[T5]]
// BLOCK: %[[T7:.+]] = vector.transfer_write %[[LEFT]]#7, %[[T6]][%[[C0]], %[[C0]], %[[C3]], %[[C16]]] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x?x32xf32>
// Interior blocks: columns 4 to 12 in steps of 4, kh/kw/c loops, no
// clamping, no select; the accumulators start as the same bias vectors.
// BLOCK-DAG: %[[C4:.+]] = arith.constant 4 : index
// BLOCK-DAG: %[[C12:.+]] = arith.constant 12 : index
// BLOCK: %[[MID:.+]] = scf.for %[[OW:.+]] = %[[C4]] to %[[C12]] step %[[C4]] iter_args(%[[ROW_IN:.+]] = %[[T7]]) -> (tensor<1x1x?x32xf32>)
// BLOCK: %[[ACC:.+]]:8 = scf.for %[[IKH:.+]] = %[[KH_LO]] to %[[KH_HI]] step %[[C1]] iter_args(%{{[^ ]+}} = %[[BIAS0]], %{{[^ ]+}} = %[[BIAS1]],
// BLOCK: %[[IH:.+]] = arith.addi %{{.+}}, %[[IKH]] : index
// BLOCK: scf.for %[[KW:.+]] = %[[C0]] to %[[C3]] step %[[C1]] iter_args(
// BLOCK: %[[COL:.+]] = arith.addi %{{.+}}, %[[KW]] : index
// BLOCK-NOT: arith.select
// BLOCK: scf.for %[[IC:.+]] = %[[C0]] to %[[C4]] step %[[C1]] iter_args(%[[B0:[^ ]+]] = %{{[^ ]+}},
// BLOCK-DAG: %[[W2:.+]] = vector.transfer_read %[[W]][%[[IKH]], %[[KW]], %[[IC]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x32xf32>, vector<16xf32>
// BLOCK-DAG: %[[X2:.+]] = tensor.extract %[[X]][%[[NI]], %[[IH]], %[[COL]], %[[IC]]] : tensor<1x8x16x4xf32>
// BLOCK-DAG: %[[BX2:.+]] = vector.broadcast %[[X2]] : f32 to vector<16xf32>
// BLOCK-DAG: vector.fma %[[BX2]], %[[W2]], %[[B0]] : vector<16xf32>
// BLOCK-COUNT-3: tensor.extract %[[X]]
// BLOCK-NOT: tensor.extract
// BLOCK: vector.transfer_write %[[ACC]]#0, %[[ROW_IN]]
// BLOCK-COUNT-7: vector.transfer_write %[[ACC]]
// BLOCK-NEXT: scf.yield %{{.+}} : tensor<1x1x?x32xf32>
// Right block: kw = 2 puts pixel 15 into the padding (6 accumulators).
// BLOCK-DAG: %[[C15:.+]] = arith.constant 15 : index
// BLOCK: %[[RIGHT:.+]]:8 = scf.for
// BLOCK-NOT: arith.select
// BLOCK: %{{.+}}:8 = scf.for
// BLOCK: %{{.+}}:8 = scf.for
// BLOCK: %{{.+}}:6 = scf.for
// BLOCK-COUNT-3: tensor.extract %[[X]]
// BLOCK-NOT: tensor.extract
// BLOCK: %[[R0:.+]] = vector.transfer_write %[[RIGHT]]#0, %[[MID]][%[[C0]], %[[C0]], %[[C12]], %[[C0]]]
// BLOCK-COUNT-6: vector.transfer_write %[[RIGHT]]
// BLOCK: %[[R7:.+]] = vector.transfer_write %[[RIGHT]]#7, %{{.+}}[%[[C0]], %[[C0]], %[[C15]], %[[C16]]]
// OW = 16 is a multiple of 4: no tail block.
// BLOCK-NOT: vector.transfer_write
// BLOCK: scf.forall.in_parallel {
// BLOCK-NEXT: tensor.parallel_insert_slice %[[R7]] into %[[OUT_H]][%[[NI]], %[[OH]], 0, %[[OC0]]] [1, 1, %[[OW_SIZE]], 32] [1, 1, 1, 1] : tensor<1x1x?x32xf32> into tensor<1x8x16x32xf32>
// BLOCK-NOT: conv.conv2d
// BLOCK: return %[[RES]] : tensor<1x8x16x32xf32>
//
// The block chosen on AVX-512 is 8 pixels x 2 vectors (16 accumulators,
// 8 + 2 loads per 16 FMAs). Both blocks of the 16-pixel row touch the
// padding, so both are static and there is no loop over blocks: kw = 0
// skips pixel 0 (14 accumulators), kw = 2 skips pixel 15.
// CHECK-LABEL: func.func @dense_3x3_padding
// CHECK-NOT: scf.if
// CHECK: %{{.+}}:16 = scf.for
// CHECK: %{{.+}}:14 = scf.for
// CHECK-COUNT-14: vector.fma
// CHECK: %{{.+}}:16 = scf.for
// CHECK: %{{.+}}:16 = scf.for
// CHECK-COUNT-16: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<1x1x?x32xf32>
// CHECK: %{{.+}}:16 = scf.for
// CHECK: %{{.+}}:16 = scf.for
// CHECK: %{{.+}}:16 = scf.for
// CHECK: %{{.+}}:14 = scf.for
// CHECK-COUNT-14: vector.fma
// CHECK-COUNT-16: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<1x1x?x32xf32>
// CHECK-NOT: vector.transfer_write
// CHECK-NOT: scf.if
// CHECK: return
//
// With 256-bit vectors (8 lanes) the block is 4 pixels x 2 vectors, so
// there are two blocks of 16 output channels.
// AVX2-LABEL: func.func @dense_3x3_padding
// AVX2: scf.for %{{.+}} -> (tensor<1x8x16x32xf32>) {
// AVX2: scf.forall (%[[BLK:.+]], %{{.+}}) in (2, %{{.+}})
// AVX2: %[[C16:.+]] = arith.constant 16 : index
// AVX2-NEXT: arith.muli %[[BLK]], %[[C16]] : index
// AVX2: tensor.extract_slice %{{.+}} [1, 1, %{{.+}}, 16] [1, 1, 1, 1] : tensor<1x8x16x32xf32> to tensor<1x1x?x16xf32>
// AVX2: %{{.+}}:8 = scf.for %{{.+}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// AVX2: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<3x3x4x32xf32>, vector<8xf32>
// AVX2: vector.broadcast %{{.+}} : f32 to vector<8xf32>
// AVX2: vector.fma %{{.+}} : vector<8xf32>
// AVX2-NOT: vector<16xf32>
// AVX2: return
func.func @dense_3x3_padding(%x: tensor<1x8x16x4xf32>, %w: tensor<3x3x4x32xf32>, %b: tensor<32xf32>) -> tensor<1x8x16x32xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x8x16x4xf32>, tensor<3x3x4x32xf32>, tensor<32xf32> -> tensor<1x8x16x32xf32>
  return %y : tensor<1x8x16x32xf32>
}

// -----

// Strides [2, 2], dilations [2, 2] and padding [3, 0, 2, 1] enter the bounds:
// the kh range is max(0, ceil((3 - 2 * oh) / 2)) to
// min(3, floor((H - 1 + 3 - 2 * oh) / 2) + 1), and input coordinates are
// 2 * oh - 3 + 2 * kh and 2 * ow - 2 + 2 * kw.
// CHECK-LABEL: func.func @dense_stride_dilation
// CHECK-SAME: (%[[X:.+]]: tensor<1x11x12x3xf32>, %[[W:.+]]: tensor<3x3x3x16xf32>)
// FLOW-LABEL: func.func @dense_stride_dilation
// FLOW-SAME: (%[[X:.+]]: tensor<1x11x12x3xf32>, %[[W:.+]]: tensor<3x3x3x16xf32>)
// FLOW-DAG: %[[C0:.+]] = arith.constant 0 : index
// FLOW-DAG: %[[C1:.+]] = arith.constant 1 : index
// FLOW-DAG: %[[C2:.+]] = arith.constant 2 : index
// FLOW-DAG: %[[H:.+]] = tensor.dim %[[X]], %[[C1]] : tensor<1x11x12x3xf32>
// FLOW: tensor.extract_slice %{{.+}}[%{{.+}}, %[[OH:[^,]+]], 0, %{{.+}}]
// FLOW-DAG: %[[TOP:.+]] = arith.constant 3 : index
// FLOW-DAG: %[[OH_SH:.+]] = arith.muli %[[OH]], %[[C2]] : index
// FLOW-DAG: %[[ROW_BASE:.+]] = arith.subi %[[TOP]], %[[OH_SH]] : index
// FLOW-DAG: %[[KH_CEIL:.+]] = arith.ceildivsi %[[ROW_BASE]], %[[C2]] : index
// FLOW-DAG: %[[KH_LO:.+]] = arith.maxsi %[[C0]], %[[KH_CEIL]] : index
// FLOW-DAG: %[[H_M1:.+]] = arith.subi %[[H]], %[[C1]] : index
// FLOW-DAG: %[[LAST_ROW:.+]] = arith.addi %[[H_M1]], %[[ROW_BASE]] : index
// FLOW-DAG: %[[KH_FLOOR:.+]] = arith.floordivsi %[[LAST_ROW]], %[[C2]] : index
// FLOW-DAG: %[[KH_END:.+]] = arith.addi %[[KH_FLOOR]], %[[C1]] : index
// FLOW-DAG: %[[KH_HI:.+]] = arith.minsi %[[TOP]], %[[KH_END]] : index
// FLOW-DAG: %[[ZEROS:.+]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// FLOW-DAG: %[[IH_BASE:.+]] = arith.subi %[[OH_SH]], %[[TOP]] : index
// FLOW: scf.for %[[KH:.+]] = %[[KH_LO]] to %[[KH_HI]] step %[[C1]] iter_args(%{{[^ ]+}} = %[[ZEROS]],
// FLOW-DAG: %[[KH_DH:.+]] = arith.muli %[[KH]], %[[C2]] : index
// FLOW-DAG: %[[IH:.+]] = arith.addi %[[IH_BASE]], %[[KH_DH]] : index
// FLOW: tensor.extract %[[X]][%{{.+}}, %[[IH]], %{{.+}}, %{{.+}}] : tensor<1x11x12x3xf32>
// FLOW: return
//
// The three kw taps are unrolled; each reads only the block's pixels that
// fall inside the input (5, 6 and 5 of 6), with no checks or selects.
// CHECK-NOT: arith.select
// CHECK: %{{.+}}:5 = scf.for
// CHECK-COUNT-5: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK: %{{.+}}:6 = scf.for
// CHECK-COUNT-6: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK: %{{.+}}:5 = scf.for
// CHECK-COUNT-5: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK: return
//
// With the forced block, OW = 6 is a static block of 4 pixels and a static
// tail block of 2 (of a single vector: OC = 16).
// BLOCK-LABEL: func.func @dense_stride_dilation
// BLOCK-NOT: scf.if
// BLOCK: %[[MAIN:.+]]:4 = scf.for
// BLOCK-COUNT-4: vector.transfer_write %[[MAIN]]
// BLOCK: %[[TAIL:.+]]:2 = scf.for %{{.+}} -> (vector<16xf32>, vector<16xf32>) {
// BLOCK-NOT: arith.select
// BLOCK: %[[TW0:.+]] = vector.transfer_write %[[TAIL]]#0
// BLOCK: %[[TW1:.+]] = vector.transfer_write %[[TAIL]]#1, %[[TW0]]
// BLOCK: scf.forall.in_parallel {
// BLOCK-NEXT: tensor.parallel_insert_slice %[[TW1]]
func.func @dense_stride_dilation(%x: tensor<1x11x12x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x5x6x16xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] dilations = [2, 2] padding = [3, 0, 2, 1]
      : tensor<1x11x12x3xf32>, tensor<3x3x3x16xf32> -> tensor<1x5x6x16xf32>
  return %y : tensor<1x5x6x16xf32>
}

// -----

// OC = 20 is not a multiple of 16: one block of 2 vectors covers channels
// [0, 32), and its last vector is masked (in_bounds = [false], printed as no
// in_bounds attribute) for the bias and filter reads and the result writes;
// the first vector stays in bounds.
// CHECK-LABEL: func.func @oc_tail
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x4xf32>, %[[W:.+]]: tensor<3x3x4x20xf32>, %[[B:.+]]: tensor<20xf32>)
// CHECK: tensor.extract_slice %{{.+}} [1, 1, %{{.+}}, 20] [1, 1, 1, 1] : tensor<1x4x4x20xf32> to tensor<1x1x?x20xf32>
// CHECK: vector.transfer_read %[[B]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<20xf32>, vector<16xf32>
// CHECK: vector.transfer_read %[[B]][%{{.+}}], %{{.+}} : tensor<20xf32>, vector<16xf32>
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x20xf32>, vector<16xf32>
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{[^ ]+}} : tensor<3x3x4x20xf32>, vector<16xf32>
// CHECK: vector.transfer_write %{{.+}}#0, %{{.+}}[%{{.+}}] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x?x20xf32>
// CHECK: vector.transfer_write %{{.+}}#1, %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}] : vector<16xf32>, tensor<1x1x?x20xf32>
//
// The second channel vector starts at lane 16 and is read and written
// masked (no in_bounds), with a zero padding value.
// FLOW-LABEL: func.func @oc_tail
// FLOW-SAME: %[[B:[^ ]+]]: tensor<20xf32>)
// FLOW-DAG: %[[PAD:.+]] = arith.constant 0.000000e+00 : f32
// FLOW-DAG: %[[C16:.+]] = arith.constant 16 : index
// FLOW-DAG: %[[OC1:.+]] = arith.addi %{{.+}}, %[[C16]] : index
// FLOW: vector.transfer_read %[[B]][%[[OC1]]], %[[PAD]] : tensor<20xf32>, vector<16xf32>
// FLOW: vector.transfer_write %{{.+}}#1, %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %[[C16]]] : vector<16xf32>, tensor<1x1x?x20xf32>
// FLOW: return
// CHECK: return
func.func @oc_tail(%x: tensor<1x6x6x4xf32>, %w: tensor<3x3x4x20xf32>, %b: tensor<20xf32>) -> tensor<1x4x4x20xf32> {
  %y = conv.conv2d %x, %w, %b : tensor<1x6x6x4xf32>, tensor<3x3x4x20xf32>, tensor<20xf32> -> tensor<1x4x4x20xf32>
  return %y : tensor<1x4x4x20xf32>
}

// -----

// f16 accumulates in f32: the bias and filter vectors and the input scalars
// are extended to f32, and the accumulators are truncated back to f16 just
// before each write.
// CHECK-LABEL: func.func @f16
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x4xf16>, %[[W:.+]]: tensor<3x3x4x16xf16>, %[[B:.+]]: tensor<16xf16>)
// CHECK: %[[BIAS:.+]] = vector.transfer_read %[[B]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<16xf16>, vector<16xf16>
// CHECK-NEXT: %[[BIAS32:.+]] = arith.extf %[[BIAS]] : vector<16xf16> to vector<16xf32>
// CHECK: %[[WV:.+]] = vector.transfer_read %[[W]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf16>, vector<16xf16>
// CHECK-NEXT: %[[WV32:.+]] = arith.extf %[[WV]] : vector<16xf16> to vector<16xf32>
// CHECK: %[[XS:.+]] = tensor.extract %[[X]][%{{.+}}] : tensor<1x6x6x4xf16>
// CHECK-NEXT: %[[XS32:.+]] = arith.extf %[[XS]] : f16 to f32
// CHECK-NEXT: %[[BX:.+]] = vector.broadcast %[[XS32]] : f32 to vector<16xf32>
// CHECK-NEXT: vector.fma %[[BX]], %[[WV32]], %{{.+}} : vector<16xf32>
// CHECK: %[[ACC:.+]] = arith.truncf %{{.+}}#0 : vector<16xf32> to vector<16xf16>
// CHECK: vector.transfer_write %[[ACC]], %{{.+}} {in_bounds = [true]} : vector<16xf16>, tensor<1x1x?x16xf16>
// CHECK-NOT: vector.fma %{{.+}} : vector<16xf16>
// CHECK: return
func.func @f16(%x: tensor<1x6x6x4xf16>, %w: tensor<3x3x4x16xf16>, %b: tensor<16xf16>) -> tensor<1x4x4x16xf16> {
  %y = conv.conv2d %x, %w, %b : tensor<1x6x6x4xf16>, tensor<3x3x4x16xf16>, tensor<16xf16> -> tensor<1x4x4x16xf16>
  return %y : tensor<1x4x4x16xf16>
}

// -----

// f64 accumulates in f64, 8 lanes per 512-bit vector (4 with 256 bits), with
// no extension or truncation.
// CHECK-LABEL: func.func @f64
// CHECK-NOT: arith.extf
// CHECK: scf.for %{{.+}} -> ({{(vector<8xf64>, )+}}vector<8xf64>) {
// CHECK: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf64>, vector<8xf64>
// CHECK: vector.broadcast %{{.+}} : f64 to vector<8xf64>
// CHECK: vector.fma %{{.+}} : vector<8xf64>
// CHECK: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<8xf64>, tensor<1x1x?x16xf64>
// CHECK-NOT: arith.truncf
// CHECK: return
// AVX2-LABEL: func.func @f64
// AVX2: scf.for %{{.+}} -> ({{(vector<4xf64>, )+}}vector<4xf64>) {
// AVX2: vector.fma %{{.+}} : vector<4xf64>
// AVX2: return
func.func @f64(%x: tensor<1x6x6x4xf64>, %w: tensor<3x3x4x16xf64>) -> tensor<1x4x4x16xf64> {
  %y = conv.conv2d %x, %w : tensor<1x6x6x4xf64>, tensor<3x3x4x16xf64> -> tensor<1x4x4x16xf64>
  return %y : tensor<1x4x4x16xf64>
}

// -----

// Depthwise (groups == C == 16): each pixel loads a vector of 16 input
// channels, which feeds the FMA directly (one input and one output channel
// per group: no shuffle, no broadcast, no channel loop). The 8-pixel row is
// one static block: kw is unrolled, and the taps kw = 0 of pixel 0 and
// kw = 2 of pixel 7 (padding) are not emitted, so nothing is selected.
// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x16xf32>, %[[W:.+]]: tensor<3x3x1x16xf32>)
// CHECK-NOT: vector.shuffle
// CHECK-NOT: vector.broadcast
// CHECK-NOT: arith.select
// CHECK: %{{.+}}:8 = scf.for %[[KH:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A0:[^ ]+]] = %{{[^ ]+}},
// CHECK-NOT: scf.for
// kw = 0: pixels 1-7.
// CHECK-COUNT-7: vector.transfer_read %[[X]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x8x8x16xf32>, vector<16xf32>
// CHECK: %[[WV:.+]] = vector.transfer_read %[[W]][%[[KH]], %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x1x16xf32>, vector<16xf32>
// CHECK-NEXT: vector.fma %{{.+}}, %[[WV]], %{{.+}} : vector<16xf32>
// CHECK-COUNT-6: vector.fma
// CHECK-NOT: vector.fma
// kw = 1: all 8 pixels, the first one's accumulator is A0.
// CHECK-COUNT-8: vector.transfer_read %[[X]]
// CHECK: %[[WV1:.+]] = vector.transfer_read %[[W]]
// CHECK-NEXT: vector.fma %{{.+}}, %[[WV1]], %[[A0]] : vector<16xf32>
// CHECK-COUNT-7: vector.fma
// kw = 2: pixels 0-6.
// CHECK-COUNT-7: vector.transfer_read %[[X]]
// CHECK: vector.transfer_read %[[W]]
// CHECK-COUNT-7: vector.fma
// CHECK-NOT: vector.fma
// CHECK-NOT: vector.shuffle
// CHECK-NOT: vector.broadcast
// CHECK: return
func.func @depthwise(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x1x16xf32>) -> tensor<1x8x8x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 16
      : tensor<1x8x8x16xf32>, tensor<3x3x1x16xf32> -> tensor<1x8x8x16xf32>
  return %y : tensor<1x8x8x16xf32>
}

// -----

// Depthwise with multiplier 2 (8 -> 16 channels): a vector of 16 output
// channels covers 8 groups and reads 8 input channels from c0 = oc0 / 2;
// lane l takes input channel l / 2, so the shuffle mask is
// [0, 0, 1, 1, ..., 7, 7]. With 256-bit vectors (8 lanes: 4 groups) the
// input vector has 4 lanes and the mask is [0, 0, 1, 1, 2, 2, 3, 3].
// CHECK-LABEL: func.func @depthwise_m2
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x8xf32>, %[[W:.+]]: tensor<3x3x1x16xf32>)
// CHECK: %[[C0:.+]] = arith.divui %{{.+}}, %{{.+}} : index
// CHECK: %[[XV:.+]] = vector.transfer_read %[[X]][%{{.+}}, %{{.+}}, %{{.+}}, %[[C0]]], %{{.+}} {in_bounds = [true]} : tensor<1x8x8x8xf32>, vector<8xf32>
// CHECK: %[[WV:.+]] = vector.transfer_read %[[W]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x1x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[XS:.+]] = vector.shuffle %[[XV]], %[[XV]] [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7] : vector<8xf32>, vector<8xf32>
// CHECK-NEXT: vector.fma %[[XS]], %[[WV]], %{{.+}} : vector<16xf32>
// CHECK: return
// AVX2-LABEL: func.func @depthwise_m2
// AVX2: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<1x8x8x8xf32>, vector<4xf32>
// AVX2: vector.shuffle %{{.+}}, %{{.+}} [0, 0, 1, 1, 2, 2, 3, 3] : vector<4xf32>, vector<4xf32>
// AVX2: return
func.func @depthwise_m2(%x: tensor<1x8x8x8xf32>, %w: tensor<3x3x1x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w groups = 8 : tensor<1x8x8x8xf32>, tensor<3x3x1x16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

// 4 groups of 4 channels (16 -> 16): a vector of output channels covers 4
// groups and loads all 16 input channels once per pixel. For the input
// channel k of its group, lane l takes l / 4 * 4 + k, so each tap has 4
// filter reads (rows k = 0..3 of the filter's I dimension) and 4 masks.
// CHECK-LABEL: func.func @groups4
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x16xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK: %[[XV:.+]] = vector.transfer_read %[[X]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x6x6x16xf32>, vector<16xf32>
// CHECK: %[[K0:.+]] = arith.constant 0 : index
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %[[K0]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf32>, vector<16xf32>
// CHECK-NEXT: vector.shuffle %[[XV]], %[[XV]] [0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12] : vector<16xf32>, vector<16xf32>
// CHECK: %[[K1:.+]] = arith.constant 1 : index
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %[[K1]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf32>, vector<16xf32>
// CHECK-NEXT: vector.shuffle %[[XV]], %[[XV]] [1, 1, 1, 1, 5, 5, 5, 5, 9, 9, 9, 9, 13, 13, 13, 13] : vector<16xf32>, vector<16xf32>
// CHECK: %[[K2:.+]] = arith.constant 2 : index
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %[[K2]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf32>, vector<16xf32>
// CHECK-NEXT: vector.shuffle %[[XV]], %[[XV]] [2, 2, 2, 2, 6, 6, 6, 6, 10, 10, 10, 10, 14, 14, 14, 14] : vector<16xf32>, vector<16xf32>
// CHECK: %[[K3:.+]] = arith.constant 3 : index
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %[[K3]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf32>, vector<16xf32>
// CHECK-NEXT: vector.shuffle %[[XV]], %[[XV]] [3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15] : vector<16xf32>, vector<16xf32>
// CHECK: return
func.func @groups4(%x: tensor<1x6x6x16xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x4x4x16xf32> {
  %y = conv.conv2d %x, %w groups = 4 : tensor<1x6x6x16xf32>, tensor<3x3x4x16xf32> -> tensor<1x4x4x16xf32>
  return %y : tensor<1x4x4x16xf32>
}

// -----

// 2 groups of 3 -> 32 channels: OC/groups is a multiple of the vector width,
// so every vector of output channels lies in one group and the dense kernel
// is used, reading the input channels of the block's group:
// (oc0 / 32) * 3 + c for c < 3.
// CHECK-LABEL: func.func @grouped_dense
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x6xf32>, %[[W:.+]]: tensor<3x3x3x64xf32>)
// CHECK: tensor.extract_slice %{{.+}}[%{{.+}}, %{{.+}}, 0, %[[OC0:[0-9]+]]] [1, 1, %{{.+}}, 32] [1, 1, 1, 1] : tensor<1x4x4x64xf32> to tensor<1x1x?x32xf32>
// CHECK: scf.for %{{.+}} -> ({{(vector<16xf32>, )+}}vector<16xf32>)
// CHECK-DAG: %[[GROUP:.+]] = arith.divui %{{.+}}, %[[OCG:[^ ]+]] : index
// CHECK-DAG: %[[OCG]] = arith.constant 32 : index
// CHECK-DAG: %[[C_BASE:.+]] = arith.muli %[[GROUP]], %[[ICG:[^ ]+]] : index
// CHECK-DAG: %[[ICG]] = arith.constant 3 : index
// CHECK: scf.for %[[C:.+]] = %{{.+}} to %{{.+}} step
// CHECK: %[[IC:.+]] = arith.addi %[[C_BASE]], %[[C]] : index
// CHECK: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %[[C]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x3x64xf32>, vector<16xf32>
// CHECK: %[[XS:.+]] = tensor.extract %[[X]][%{{.+}}, %{{.+}}, %{{.+}}, %[[IC]]] : tensor<1x6x6x6xf32>
// CHECK-NEXT: vector.broadcast %[[XS]] : f32 to vector<16xf32>
// CHECK-NOT: vector.shuffle
// CHECK: return
func.func @grouped_dense(%x: tensor<1x6x6x6xf32>, %w: tensor<3x3x3x64xf32>) -> tensor<1x4x4x64xf32> {
  %y = conv.conv2d %x, %w groups = 2 : tensor<1x6x6x6xf32>, tensor<3x3x3x64xf32> -> tensor<1x4x4x64xf32>
  return %y : tensor<1x4x4x64xf32>
}

// -----

// NCHW/OIHW with the dense kernel: the input and the result stay NCHW and
// only the filter is transposed to HWIO, in vector tiles of the 16 x 36
// matrix [O][I * KH * KW]: two whole 16 x 16 tiles, then a tile of the last
// 4 columns (its 16 reads masked, 4 writes). The loops broadcast input scalars from
// the channel planes (x[n, c, ih, iw]); each row slice is [1, 16, 1, OW], and
// the block of 4 pixels x 16 channels is transposed and written as one 16 x
// 4 transfer along dims 1 and 3 (unrolled into rows after bufferization).
// CHECK: #[[ROWMAP:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-LABEL: func.func @nchw
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x6x6xf32>, %[[W:.+]]: tensor<16x4x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<16x4x3x3xf32> into tensor<16x36xf32>
// CHECK: scf.for %{{.+}} -> (tensor<36x16xf32>)
// CHECK: scf.for %{{.+}} -> (tensor<36x16xf32>)
// CHECK-COUNT-16: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<36x16xf32>
// CHECK: scf.for %{{.+}} -> (tensor<36x16xf32>)
// CHECK-COUNT-16: vector.transfer_read %{{.+}} : tensor<16x36xf32>, vector<16xf32>
// CHECK-COUNT-4: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<36x16xf32>
// CHECK-NOT: vector.transfer_write %{{.+}} tensor<36x16xf32>
// CHECK: %[[W_HWIO:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0, 1, 2], [3]] output_shape [3, 3, 4, 16] : tensor<36x16xf32> into tensor<3x3x4x16xf32>
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<1x16x4x4xf32>
// CHECK: %[[LOOPS:.+]] = scf.for %[[NI:.+]] = %{{.+}} iter_args(%{{.+}} = %[[INIT]]) -> (tensor<1x16x4x4xf32>)
// CHECK: tensor.extract_slice %{{.+}}[%[[NI]], %{{.+}}, %{{.+}}, 0] [1, 16, 1, %{{.+}}] [1, 1, 1, 1] : tensor<1x16x4x4xf32> to tensor<1x16x1x?xf32>
// CHECK: vector.transfer_read %[[W_HWIO]][%{{.+}}, %{{.+}}, %[[C:.+]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<3x3x4x16xf32>, vector<16xf32>
// CHECK: tensor.extract %[[X]][%[[NI]], %[[C]], %{{.+}}, %{{.+}}] : tensor<1x4x6x6xf32>
// CHECK: %[[TILE:.+]] = vector.insert %{{.+}}, %{{.+}} [3] : vector<16xf32> into vector<4x16xf32>
// CHECK-NEXT: %[[ROWS:.+]] = vector.transpose %[[TILE]], [1, 0] : vector<4x16xf32> to vector<16x4xf32>
// CHECK: vector.transfer_write %[[ROWS]], %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}] {in_bounds = [true, true], permutation_map = #[[ROWMAP]]} : vector<16x4xf32>, tensor<1x16x1x?xf32>
// CHECK-NOT: vector.transfer_write
// CHECK-NOT: linalg.transpose
// CHECK-NOT: conv.conv2d
// CHECK: return %[[LOOPS]] : tensor<1x16x4x4xf32>
func.func @nchw(%x: tensor<1x4x6x6xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x16x4x4xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x6x6xf32>, tensor<16x4x3x3xf32> -> tensor<1x16x4x4xf32>
  return %y : tensor<1x16x4x4xf32>
}

// -----

// NCHW with 20 output channels: the second vector of the block holds 4
// valid channels, so its write is masked along the channels.
// CHECK-LABEL: func.func @nchw_oc_tail
// CHECK: vector.transpose %{{.+}}, [1, 0] : vector<4x16xf32> to vector<16x4xf32>
// CHECK: vector.transfer_write %{{.+}} {in_bounds = [true, true], permutation_map = #{{.+}}} : vector<16x4xf32>, tensor<1x20x1x?xf32>
// CHECK: vector.transpose %{{.+}}, [1, 0] : vector<4x16xf32> to vector<16x4xf32>
// CHECK: vector.transfer_write %{{.+}} {in_bounds = [false, true], permutation_map = #{{.+}}} : vector<16x4xf32>, tensor<1x20x1x?xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: return
func.func @nchw_oc_tail(%x: tensor<1x4x6x6xf32>, %w: tensor<20x4x3x3xf32>) -> tensor<1x20x4x4xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x6x6xf32>, tensor<20x4x3x3xf32> -> tensor<1x20x4x4xf32>
  return %y : tensor<1x20x4x4xf32>
}

// -----

// An OIHW filter whose O (32) and I * KH * KW (16 * 9 = 144) are multiples
// of 16 is transposed in 16 x 16 tiles: the filter as a 32 x 144 matrix,
// rows of 16 read along I * KH * KW, transposed by shuffles, and rows of 16
// output channels written to row (kh * 3 + kw) * 16 + i of the 144 x 32
// HWIO matrix (a view of the transpose's 3x3x16x32 destination), expanded
// to 3x3x16x32.
// CHECK-LABEL: func.func @nchw_filter_tiles
// CHECK-SAME: (%[[X:.+]]: tensor<1x16x6x6xf32>, %[[W:.+]]: tensor<32x16x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[DEST:.+]] = tensor.empty() : tensor<3x3x16x32xf32>
// CHECK: %[[M:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<32x16x3x3xf32> into tensor<32x144xf32>
// CHECK: %[[T0:.+]] = tensor.collapse_shape %[[DEST]] {{\[\[}}0, 1, 2], [3]] : tensor<3x3x16x32xf32> into tensor<144x32xf32>
// CHECK: %[[T:.+]] = scf.for %[[R0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %[[T0]]) -> (tensor<144x32xf32>)
// CHECK: scf.for %[[O0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}}) -> (tensor<144x32xf32>)
// CHECK-COUNT-16: vector.transfer_read %[[M]][%{{.+}}, %[[R0]]], %{{.+}} {in_bounds = [true]} : tensor<32x144xf32>, vector<16xf32>
// The 16 x 16 transpose: 64 shuffles, 32-bit then 64-bit unpacks within
// 128-bit lanes, then two rounds of 128-bit lane shuffles.
// CHECK: vector.shuffle %{{.+}}, %{{.+}} [0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29] : vector<16xf32>, vector<16xf32>
// CHECK-COUNT-31: vector.shuffle
// CHECK: vector.shuffle %{{.+}}, %{{.+}} [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27] : vector<16xf32>, vector<16xf32>
// CHECK-COUNT-31: vector.shuffle
// CHECK-NOT: vector.shuffle
// CHECK-NOT: vector.transpose
// CHECK: %[[R:.+]] = arith.addi %[[R0]], %{{.+}} : index
// CHECK: %[[REM:.+]] = arith.remui %[[R]], %{{.+}} : index
// CHECK: %[[ROWOFF:.+]] = arith.muli %[[REM]], %{{.+}} : index
// CHECK: %[[I:.+]] = arith.divui %[[R]], %{{.+}} : index
// CHECK-NEXT: %[[TARGET:.+]] = arith.addi %[[ROWOFF]], %[[I]] : index
// CHECK-NEXT: vector.transfer_write %{{.+}}, %{{.+}}[%[[TARGET]], %[[O0]]] {in_bounds = [true]} : vector<16xf32>, tensor<144x32xf32>
// CHECK-COUNT-15: vector.transfer_write %{{.+}} : vector<16xf32>, tensor<144x32xf32>
// CHECK: %[[W_HWIO:.+]] = tensor.expand_shape %[[T]] {{\[\[}}0, 1, 2], [3]] output_shape [3, 3, 16, 32] : tensor<144x32xf32> into tensor<3x3x16x32xf32>
// CHECK: vector.transfer_read %[[W_HWIO]]
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @nchw_filter_tiles(%x: tensor<1x16x6x6xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x32x4x4xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW
      : tensor<1x16x6x6xf32>, tensor<32x16x3x3xf32> -> tensor<1x32x4x4xf32>
  return %y : tensor<1x32x4x4xf32>
}

// -----

// An OHWI filter (NHWC input): the same tiles, from the 32 x 144 matrix
// (kh, kw, i) whose rows are already in HWIO's order: row r of the tile
// goes to row r.
// CHECK-LABEL: func.func @ohwi_filter_tiles
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x16xf32>, %[[W:.+]]: tensor<32x3x3x16xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[M:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<32x3x3x16xf32> into tensor<32x144xf32>
// CHECK: scf.for %[[R0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}}) -> (tensor<144x32xf32>)
// CHECK: scf.for %[[O0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}}) -> (tensor<144x32xf32>)
// CHECK-COUNT-64: vector.shuffle
// CHECK-NOT: arith.remui
// CHECK: %[[R:.+]] = arith.addi %[[R0]], %{{.+}} : index
// CHECK-NEXT: vector.transfer_write %{{.+}}, %{{.+}}[%[[R]], %[[O0]]] {in_bounds = [true]} : vector<16xf32>, tensor<144x32xf32>
// CHECK: tensor.expand_shape %{{.+}} {{\[\[}}0, 1, 2], [3]] output_shape [3, 3, 16, 32] : tensor<144x32xf32> into tensor<3x3x16x32xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @ohwi_filter_tiles(%x: tensor<1x6x6x16xf32>, %w: tensor<32x3x3x16xf32>) -> tensor<1x4x4x32xf32> {
  %y = conv.conv2d %x, %w filter_layout = OHWI
      : tensor<1x6x6x16xf32>, tensor<32x3x3x16xf32> -> tensor<1x4x4x32xf32>
  return %y : tensor<1x4x4x32xf32>
}

// -----

// NCHW depthwise (the channel-vector kernel loads vectors of channels): not
// channels-first, so the input is transposed to NHWC and the result back,
// both in vector tiles of [N][C][H * W] <-> [N][H * W][C] (16 channels x 36
// pixels, and 16 x 16 for the result).
// CHECK-LABEL: func.func @nchw_depthwise
// CHECK-SAME: (%[[X:.+]]: tensor<1x16x6x6xf32>, %[[W:.+]]: tensor<16x1x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: tensor.collapse_shape %[[X]] {{\[\[}}0], [1], [2, 3]] : tensor<1x16x6x6xf32> into tensor<1x16x36xf32>
// CHECK: scf.for %{{.+}} -> (tensor<1x36x16xf32>)
// CHECK: tensor.expand_shape %{{.+}} {{\[\[}}0], [1, 2], [3]] output_shape [1, 6, 6, 16] : tensor<1x36x16xf32> into tensor<1x6x6x16xf32>
// CHECK: vector.fma
// CHECK: tensor.collapse_shape %{{.+}} {{\[\[}}0], [1, 2], [3]] : tensor<1x4x4x16xf32> into tensor<1x16x16xf32>
// CHECK: %[[Y:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0], [1], [2, 3]] output_shape [1, 16, 4, 4] : tensor<1x16x16xf32> into tensor<1x16x4x4xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return %[[Y]]
func.func @nchw_depthwise(%x: tensor<1x16x6x6xf32>, %w: tensor<16x1x3x3xf32>) -> tensor<1x16x4x4xf32> {
  %y = conv.conv2d %x, %w groups = 16 input_layout = NCHW filter_layout = OIHW
      : tensor<1x16x6x6xf32>, tensor<16x1x3x3xf32> -> tensor<1x16x4x4xf32>
  return %y : tensor<1x16x4x4xf32>
}

// -----

// No direct plan: 2 groups of 4 input and 2 output channels (more input than
// output channels per group) in NHWC (only NCHW has the planar kernel). The
// pass must not fire: the conv is left for convert-conv-to-linalg with its
// layouts untouched (no transposes).
// CHECK-LABEL: func.func @no_plan_in_channels_per_group
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x8xf32>, %[[W:.+]]: tensor<4x3x3x4xf32>)
// CHECK-NOT: linalg.transpose
// CHECK-NOT: scf.for
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]] groups = 2 filter_layout = OHWI : tensor<1x6x6x8xf32>, tensor<4x3x3x4xf32> -> tensor<1x4x4x4xf32>
// CHECK-NEXT: return %[[Y]]
// BLOCK-LABEL: func.func @no_plan_in_channels_per_group
// BLOCK-NEXT: conv.conv2d
// AVX2-LABEL: func.func @no_plan_in_channels_per_group
// AVX2-NEXT: conv.conv2d
func.func @no_plan_in_channels_per_group(%x: tensor<1x6x6x8xf32>, %w: tensor<4x3x3x4xf32>) -> tensor<1x4x4x4xf32> {
  %y = conv.conv2d %x, %w groups = 2 filter_layout = OHWI
      : tensor<1x6x6x8xf32>, tensor<4x3x3x4xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// NCHW depthwise with rows of 50 pixels: the planar kernel, vectors along W,
// input, filter and output in their layouts. Per group (forall), rows and
// column blocks whose taps reach the padding are static: row 0 (its kh = 0
// tap is padding: two input rows read), in it block 0, whose kw = 0 read is
// shifted in from column 0 with a zero, then a loop over the interior
// blocks 1-2 (unchecked reads), then the last 2 pixels as one masked vector
// of 4. Rows 1-4 are one block of 4 rows in a loop; row 5 is static again.
// CHECK-LABEL: func.func @planar_depthwise
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x6x50xf32>, %[[W:.+]]: tensor<2x1x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: scf.forall (%[[G:.+]], %{{.+}}) in (2, 1)
// CHECK: tensor.extract_slice %{{.+}}[%{{.+}}, %[[G]], 0, 0] [1, 1, 6, 50] [1, 1, 1, 1] : tensor<1x2x6x50xf32> to tensor<1x1x6x50xf32>
// CHECK-COUNT-9: tensor.extract %[[W]]
// CHECK: %[[HEAD:.+]] = vector.transfer_read %[[X]]{{.+}} {in_bounds = [true]} : tensor<1x2x6x50xf32>, vector<16xf32>
// CHECK-NEXT: %[[SHIFTED:.+]] = vector.shuffle %[[HEAD]], %{{.+}} [16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
// CHECK: vector.fma %{{.+}}, %[[SHIFTED]], %{{.+}} : vector<16xf32>
// CHECK-COUNT-5: vector.fma
// CHECK-NOT: vector.fma
// CHECK: %[[ROW0:.+]] = vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<1x1x6x50xf32>
// CHECK: scf.for %[[OW:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %[[ROW0]])
// CHECK-NOT: vector.shuffle
// CHECK: vector.transfer_read %[[X]]{{.+}} {in_bounds = [true]} : tensor<1x2x6x50xf32>, vector<16xf32>
// CHECK: vector.transfer_write %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %[[OW]]] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x6x50xf32>
// CHECK: vector.transfer_read %[[X]]{{.+}} : tensor<1x2x6x50xf32>, vector<4xf32>
// CHECK: vector.transfer_write %{{.+}} : vector<4xf32>, tensor<1x1x6x50xf32>
// CHECK: scf.for %[[OH:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK-COUNT-36: vector.fma %{{.+}} : vector<16xf32>
// CHECK-COUNT-4: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<1x1x6x50xf32>
// CHECK: tensor.parallel_insert_slice
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @planar_depthwise(%x: tensor<1x2x6x50xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<1x2x6x50xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x2x6x50xf32>, tensor<2x1x3x3xf32> -> tensor<1x2x6x50xf32>
  return %y : tensor<1x2x6x50xf32>
}

// -----

// Planar, stride 2, f16, groups of 2 channels, bias, HWIO: a tap's lanes are
// every other column, the even or odd lanes of two reads from an even
// column (kw = 1 and kw = 2 share their reads); at the left border the kw =
// 0 read starts at column -2, shifted in from column 0 by two zeros.
// Accumulation is f32 (widened reads and filter scalars).
// CHECK-LABEL: func.func @planar_stride2
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x9x40xf16>, %[[W:.+]]: tensor<3x3x2x4xf16>, %[[B:.+]]: tensor<4xf16>)
// CHECK-NOT: linalg.transpose
// CHECK: scf.forall
// CHECK: tensor.extract %[[B]]
// CHECK: %[[HEAD:.+]] = vector.transfer_read %[[X]]{{.+}} : tensor<1x4x9x40xf16>, vector<16xf16>
// CHECK-NEXT: %[[SHIFTED:.+]] = vector.shuffle %[[HEAD]], %{{.+}} [16, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
// CHECK: %[[NEXT:.+]] = vector.transfer_read %[[X]]{{.+}} : tensor<1x4x9x40xf16>, vector<16xf16>
// CHECK-NEXT: %[[ODD:.+]] = vector.shuffle %[[SHIFTED]], %[[NEXT]] [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]
// CHECK-NEXT: arith.extf %[[ODD]] : vector<16xf16> to vector<16xf32>
// CHECK: vector.shuffle %{{.+}}, %{{.+}} [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK: vector.fma %{{.+}} : vector<16xf32>
// CHECK: arith.truncf %{{.+}} : vector<16xf32> to vector<16xf16>
// CHECK: vector.transfer_write %{{.+}} : vector<16xf16>, tensor<1x2x5x20xf16>
// CHECK: return
func.func @planar_stride2(%x: tensor<1x4x9x40xf16>, %w: tensor<3x3x2x4xf16>, %b: tensor<4xf16>) -> tensor<1x4x5x20xf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1] groups = 2 input_layout = NCHW filter_layout = HWIO
      : tensor<1x4x9x40xf16>, tensor<3x3x2x4xf16>, tensor<4xf16> -> tensor<1x4x5x20xf16>
  return %y : tensor<1x4x5x20xf16>
}

// -----

// No direct plan either: 3 output channels per group divide neither the
// vector width (channel vectors) nor are a multiple of it (dense groups).
// CHECK-LABEL: func.func @no_plan_out_channels_per_group
// CHECK-NOT: scf.for
// CHECK: conv.conv2d %{{.+}}, %{{.+}} groups = 2 : tensor<1x6x6x2xf32>, tensor<3x3x1x6xf32> -> tensor<1x4x4x6xf32>
func.func @no_plan_out_channels_per_group(%x: tensor<1x6x6x2xf32>, %w: tensor<3x3x1x6xf32>) -> tensor<1x4x4x6xf32> {
  %y = conv.conv2d %x, %w groups = 2 : tensor<1x6x6x2xf32>, tensor<3x3x1x6xf32> -> tensor<1x4x4x6xf32>
  return %y : tensor<1x4x4x6xf32>
}

// -----

// Static W, but padding 40 columns wide on each side: with 4-pixel blocks
// the border would take 20 blocks, more than are unrolled with static
// columns, so the row keeps the checked loop of dynamic shapes.
// BLOCK-LABEL: func.func @padding_far
// BLOCK: scf.for %{{.+}} -> (tensor<1x1x?x32xf32>)
// BLOCK: scf.if
// BLOCK: } else {
// BLOCK: arith.select %{{.+}} : index
// BLOCK: arith.select %{{.+}} : f32
// BLOCK: return
func.func @padding_far(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x4x32xf32>) -> tensor<1x3x82x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 40, 40]
      : tensor<1x3x4x4xf32>, tensor<3x3x4x32xf32> -> tensor<1x3x82x32xf32>
  return %y : tensor<1x3x82x32xf32>
}

// -----

// Dynamic batch and W: the result is allocated from tensor.dim of the input,
// the batch loop runs to tensor.dim, rows run in an scf.forall (dynamic
// shapes count as large), and the OW % ow-block pixels left after the block
// loop are computed one at a time by a loop of step 1 to the row's width.
// The sizes come from tensor.dim of the input (after -cse, one per dim),
// and the border columns are checked against the input's W.
// FLOW-LABEL: func.func @dynamic
// FLOW-SAME: (%[[X:.+]]: tensor<?x8x?x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// FLOW-DAG: %[[C0:.+]] = arith.constant 0 : index
// FLOW-DAG: %[[C1:.+]] = arith.constant 1 : index
// FLOW-DAG: %[[C2:.+]] = arith.constant 2 : index
// FLOW-DAG: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x8x?x4xf32>
// FLOW-DAG: %[[IW:.+]] = tensor.dim %[[X]], %[[C2]] : tensor<?x8x?x4xf32>
// FLOW-DAG: %[[INIT:.+]] = tensor.empty(%[[N]], %[[IW]]) : tensor<?x8x?x16xf32>
// FLOW: scf.for %{{.+}} = %[[C0]] to %[[N]] step %[[C1]] iter_args(%{{.+}} = %[[INIT]]) -> (tensor<?x8x?x16xf32>)
// FLOW: } else {
// FLOW-DAG: %[[COL_GE:.+]] = arith.cmpi sge, %[[COL:.+]], %[[C0]] : index
// FLOW-DAG: %[[COL_LT:.+]] = arith.cmpi slt, %[[COL]], %[[IW]] : index
// FLOW-DAG: %[[VALID:.+]] = arith.andi %[[COL_GE]], %[[COL_LT]] : i1
// FLOW: arith.select %[[VALID]], %[[COL]], %[[C0]] : index
// FLOW: return
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<?x8x?x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK: %[[INIT:.+]] = tensor.empty(%{{.+}}, %{{.+}}) : tensor<?x8x?x16xf32>
// CHECK: %[[RES:.+]] = scf.for %[[NI:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[OUT:.+]] = %[[INIT]]) -> (tensor<?x8x?x16xf32>)
// CHECK: %[[OW_SIZE:.+]] = tensor.dim %[[OUT]], %{{.+}} : tensor<?x8x?x16xf32>
// CHECK: %[[OH_SIZE:.+]] = tensor.dim %[[OUT]], %{{.+}} : tensor<?x8x?x16xf32>
// CHECK-NEXT: %[[ROWS:.+]] = scf.forall (%{{.+}}, %[[OH:.+]]) in (1, %[[OH_SIZE]]) shared_outs(%[[SHARED:.+]] = %[[OUT]]) -> (tensor<?x8x?x16xf32>)
// CHECK: %[[ROW:.+]] = tensor.extract_slice %[[SHARED]][%[[NI]], %[[OH]], 0, %{{.+}}] [1, 1, %[[OW_SIZE]], 16] [1, 1, 1, 1] : tensor<?x8x?x16xf32> to tensor<1x1x?x16xf32>
// CHECK: %[[ROW_W:.+]] = tensor.dim %[[ROW]], %{{.+}} : tensor<1x1x?x16xf32>
// CHECK: %[[OW_MAIN:.+]] = arith.muli %{{.+}}, %{{.+}} : index
// CHECK: %[[MAIN:.+]] = scf.for %{{.+}} = %{{.+}} to %[[OW_MAIN]] step %{{.+}} iter_args(%{{.+}} = %[[ROW]]) -> (tensor<1x1x?x16xf32>)
// CHECK: scf.if
// CHECK-NOT: arith.select
// Border blocks: columns clamped to [0, W), padding taps select zero.
// CHECK: } else {
// CHECK: %[[COL_GE:.+]] = arith.cmpi sge, %{{.+}}, %{{.+}} : index
// CHECK: %[[COL_LT:.+]] = arith.cmpi slt, %{{.+}}, %{{.+}} : index
// CHECK: %[[VALID:.+]] = arith.andi %[[COL_GE]], %[[COL_LT]] : i1
// CHECK: %[[CLAMPED:.+]] = arith.select %[[VALID]], %{{.+}}, %{{.+}} : index
// CHECK: %[[XB:.+]] = tensor.extract %[[X]][%{{.+}}, %{{.+}}, %[[CLAMPED]], %{{.+}}] : tensor<?x8x?x4xf32>
// CHECK-NEXT: arith.select %[[VALID]], %[[XB]], %{{.+}} : f32
// CHECK: %[[TAIL:.+]] = scf.for %[[OWT:.+]] = %[[OW_MAIN]] to %[[ROW_W]] step %{{.+}} iter_args(%[[TAIL_IN:.+]] = %[[MAIN]]) -> (tensor<1x1x?x16xf32>)
// CHECK: %[[ACC:.+]] = scf.for %{{.+}} -> (vector<16xf32>) {
// CHECK: arith.select %{{.+}} : index
// CHECK: %[[TW:.+]] = vector.transfer_write %[[ACC]], %[[TAIL_IN]][%{{.+}}] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x?x16xf32>
// CHECK-NEXT: scf.yield %[[TW]] : tensor<1x1x?x16xf32>
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[TAIL]] into %[[SHARED]][%[[NI]], %[[OH]], 0, %{{.+}}] [1, 1, %[[OW_SIZE]], 16] [1, 1, 1, 1] : tensor<1x1x?x16xf32> into tensor<?x8x?x16xf32>
// CHECK: scf.yield %[[ROWS]] : tensor<?x8x?x16xf32>
// CHECK: return %[[RES]] : tensor<?x8x?x16xf32>
func.func @dynamic(%x: tensor<?x8x?x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<?x8x?x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<?x8x?x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x8x?x16xf32>
  return %y : tensor<?x8x?x16xf32>
}
