// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 ow-block=7 oc-vectors=2 winograd=never" | FileCheck %s
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 ow-block=7 oc-vectors=2 winograd=never pack-filter-blocks=false" | FileCheck %s --check-prefix=OFF
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 winograd=always" | FileCheck %s --check-prefix=WINOGRAD

// A filter that is an argument is copied per call into blocks of the
// register block's 32 output channels, [2][KH][KW][IC][32] (40 channels:
// the second block's reads past channel 40 give zeros), in parallel over
// the blocks; the kernel then reads only the blocks, one contiguous stream,
// as it reads a constant filter laid out at compile time.
// CHECK-LABEL: func.func @pack
// CHECK-SAME: (%{{.+}}: tensor<1x7x7x64xf32>, %[[W:.+]]: tensor<1x1x64x40xf32>)
// CHECK: %[[EMPTY:.+]] = tensor.empty() : tensor<2x1x1x64x32xf32>
// CHECK: %[[BLOCKS:.+]] = scf.forall (%{{.+}}) in (2) shared_outs(%{{.+}} = %[[EMPTY]])
// CHECK: vector.transfer_read %[[W]][{{.+}}], %{{.+}} : tensor<1x1x64x40xf32>, vector<16xf32>
// CHECK: vector.transfer_write %{{.+}}, %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<1x1x1x64x32xf32>
// CHECK: tensor.parallel_insert_slice %{{.+}} into %{{.+}}[%{{.+}}, 0, 0, 0, 0] [1, 1, 1, 64, 32]
// CHECK-NOT: vector.transfer_read %[[W]]
// CHECK: vector.transfer_read %[[BLOCKS]][{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<2x1x1x64x32xf32>, vector<16xf32>
// CHECK-NOT: vector.transfer_read %[[W]]
// CHECK: return
// OFF-LABEL: func.func @pack
// OFF-NOT: tensor<2x1x1x64x32xf32>
// OFF: return
func.func @pack(%x: tensor<1x7x7x64xf32>, %w: tensor<1x1x64x40xf32>) -> tensor<1x7x7x40xf32> {
  %y = conv.conv2d %x, %w : tensor<1x7x7x64xf32>, tensor<1x1x64x40xf32> -> tensor<1x7x7x40xf32>
  return %y : tensor<1x7x7x40xf32>
}

// -----

// Must not fire: a 1x1 output reads each filter element once, so the copy
// would cost more than it saves.
// CHECK-LABEL: func.func @one_pixel
// CHECK-NOT: tensor<2x1x1x64x32xf32>
// CHECK: return
func.func @one_pixel(%x: tensor<1x1x1x64xf32>, %w: tensor<1x1x64x40xf32>) -> tensor<1x1x1x40xf32> {
  %y = conv.conv2d %x, %w : tensor<1x1x1x64xf32>, tensor<1x1x64x40xf32> -> tensor<1x1x1x40xf32>
  return %y : tensor<1x1x1x40xf32>
}

// -----

// Must not fire: a constant filter is laid out in blocks at compile time
// (a constant of the blocks' type), not copied per call.
// CHECK-LABEL: func.func @constant
// CHECK-NOT: tensor.empty() : tensor<2x1x1x64x32xf32>
// CHECK-NOT: scf.forall (%{{.+}}) in (2)
// CHECK: arith.constant {{.+}} : tensor<2x1x1x64x32xf32>
// CHECK: return
func.func @constant(%x: tensor<1x7x7x64xf32>) -> tensor<1x7x7x40xf32> {
  %w = arith.constant dense<0.5> : tensor<1x1x64x40xf32>
  %y = conv.conv2d %x, %w : tensor<1x7x7x64xf32>, tensor<1x1x64x40xf32> -> tensor<1x7x7x40xf32>
  return %y : tensor<1x7x7x40xf32>
}

// -----

// Must not fire: Winograd's GEMMs read U as its filter transform wrote it.
// WINOGRAD-LABEL: func.func @winograd
// WINOGRAD-NOT: tensor.empty() : tensor<{{[0-9]+}}x1x1x{{[0-9]+}}x{{[0-9]+}}xf32>
// WINOGRAD: return
func.func @winograd(%x: tensor<1x14x14x32xf32>, %w: tensor<3x3x32x32xf32>) -> tensor<1x14x14x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x14x14x32xf32>, tensor<3x3x32x32xf32> -> tensor<1x14x14x32xf32>
  return %y : tensor<1x14x14x32xf32>
}
