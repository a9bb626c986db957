// RUN: conv-opt %s --conv-normalize-layout -split-input-file | FileCheck %s

// conv-normalize-layout rewrites every conv.conv2d to an NHWC/HWIO one
// between linalg.transposes: the input to NHWC ([0, 2, 3, 1] from NCHW), the
// filter to HWIO ([2, 3, 1, 0] from OIHW, [1, 2, 3, 0] from OHWI) and, for an
// NCHW input, the NHWC result back ([0, 3, 1, 2]). Strides, dilations,
// padding, groups and the bias are carried over unchanged. An NHWC/HWIO conv
// is left alone.

// NCHW/OIHW with every attribute set: both operands and the result are
// transposed, and the new conv keeps strides, dilations, padding, groups and
// the bias (only the layouts, now the defaults, disappear).
// CHECK-LABEL: func.func @nchw_oihw
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x9x8xf32>, %[[W:.+]]: tensor<16x2x3x3xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: %[[X_INIT:.+]] = tensor.empty() : tensor<1x9x8x4xf32>
// CHECK: %[[X_NHWC:.+]] = linalg.transpose ins(%[[X]] : tensor<1x4x9x8xf32>) outs(%[[X_INIT]] : tensor<1x9x8x4xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[W_INIT:.+]] = tensor.empty() : tensor<3x3x2x16xf32>
// CHECK: %[[W_HWIO:.+]] = linalg.transpose ins(%[[W]] : tensor<16x2x3x3xf32>) outs(%[[W_INIT]] : tensor<3x3x2x16xf32>) permutation = [2, 3, 1, 0]
// CHECK: %[[CONV:.+]] = conv.conv2d %[[X_NHWC]], %[[W_HWIO]], %[[B]] strides = [2, 1] dilations = [1, 2] padding = [1, 0, 0, 1] groups = 2 :
// CHECK-SAME: tensor<1x9x8x4xf32>, tensor<3x3x2x16xf32>, tensor<16xf32> -> tensor<1x4x5x16xf32>
// CHECK-NOT: input_layout
// CHECK: %[[Y_INIT:.+]] = tensor.empty() : tensor<1x16x4x5xf32>
// CHECK: %[[Y:.+]] = linalg.transpose ins(%[[CONV]] : tensor<1x4x5x16xf32>) outs(%[[Y_INIT]] : tensor<1x16x4x5xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[Y]] : tensor<1x16x4x5xf32>
func.func @nchw_oihw(%x: tensor<1x4x9x8xf32>, %w: tensor<16x2x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x4x5xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 1] dilations = [1, 2] padding = [1, 0, 0, 1] groups = 2 input_layout = NCHW filter_layout = OIHW
      : tensor<1x4x9x8xf32>, tensor<16x2x3x3xf32>, tensor<16xf32> -> tensor<1x16x4x5xf32>
  return %y : tensor<1x16x4x5xf32>
}

// -----

// NHWC/OIHW: only the filter is transposed; the input and the NHWC result are
// used as they are.
// CHECK-LABEL: func.func @nhwc_oihw
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<16x4x3x3xf32>)
// CHECK-NOT: linalg.transpose ins(%[[X]]
// CHECK: %[[W_INIT:.+]] = tensor.empty() : tensor<3x3x4x16xf32>
// CHECK: %[[W_HWIO:.+]] = linalg.transpose ins(%[[W]] : tensor<16x4x3x3xf32>) outs(%[[W_INIT]] : tensor<3x3x4x16xf32>) permutation = [2, 3, 1, 0]
// CHECK: %[[CONV:.+]] = conv.conv2d %[[X]], %[[W_HWIO]] padding = [1, 1, 1, 1] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x8x8x16xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return %[[CONV]] : tensor<1x8x8x16xf32>
func.func @nhwc_oihw(%x: tensor<1x8x8x4xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x8x8x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW
      : tensor<1x8x8x4xf32>, tensor<16x4x3x3xf32> -> tensor<1x8x8x16xf32>
  return %y : tensor<1x8x8x16xf32>
}

// -----

// NCHW/HWIO: the input and the result are transposed, the filter is not.
// CHECK-LABEL: func.func @nchw_hwio
// CHECK-SAME: (%[[X:.+]]: tensor<2x4x8x6xf32>, %[[W:.+]]: tensor<3x2x4x10xf32>, %[[B:.+]]: tensor<10xf32>)
// CHECK: %[[X_INIT:.+]] = tensor.empty() : tensor<2x8x6x4xf32>
// CHECK: %[[X_NHWC:.+]] = linalg.transpose ins(%[[X]] : tensor<2x4x8x6xf32>) outs(%[[X_INIT]] : tensor<2x8x6x4xf32>) permutation = [0, 2, 3, 1]
// CHECK-NOT: linalg.transpose ins(%[[W]]
// CHECK: %[[CONV:.+]] = conv.conv2d %[[X_NHWC]], %[[W]], %[[B]] strides = [2, 2] : tensor<2x8x6x4xf32>, tensor<3x2x4x10xf32>, tensor<10xf32> -> tensor<2x3x3x10xf32>
// CHECK: %[[Y_INIT:.+]] = tensor.empty() : tensor<2x10x3x3xf32>
// CHECK: %[[Y:.+]] = linalg.transpose ins(%[[CONV]] : tensor<2x3x3x10xf32>) outs(%[[Y_INIT]] : tensor<2x10x3x3xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[Y]] : tensor<2x10x3x3xf32>
func.func @nchw_hwio(%x: tensor<2x4x8x6xf32>, %w: tensor<3x2x4x10xf32>, %b: tensor<10xf32>) -> tensor<2x10x3x3xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] input_layout = NCHW
      : tensor<2x4x8x6xf32>, tensor<3x2x4x10xf32>, tensor<10xf32> -> tensor<2x10x3x3xf32>
  return %y : tensor<2x10x3x3xf32>
}

// -----

// NHWC/OHWI: the filter alone is transposed, with [1, 2, 3, 0]; here a
// depthwise conv (groups = C, one input channel per group) in f16.
// CHECK-LABEL: func.func @nhwc_ohwi
// CHECK-SAME: (%[[X:.+]]: tensor<1x7x7x6xf16>, %[[W:.+]]: tensor<12x3x3x1xf16>)
// CHECK: %[[W_INIT:.+]] = tensor.empty() : tensor<3x3x1x12xf16>
// CHECK: %[[W_HWIO:.+]] = linalg.transpose ins(%[[W]] : tensor<12x3x3x1xf16>) outs(%[[W_INIT]] : tensor<3x3x1x12xf16>) permutation = [1, 2, 3, 0]
// CHECK: %[[CONV:.+]] = conv.conv2d %[[X]], %[[W_HWIO]] padding = [1, 1, 1, 1] groups = 6 : tensor<1x7x7x6xf16>, tensor<3x3x1x12xf16> -> tensor<1x7x7x12xf16>
// CHECK-NOT: linalg.transpose
// CHECK: return %[[CONV]] : tensor<1x7x7x12xf16>
func.func @nhwc_ohwi(%x: tensor<1x7x7x6xf16>, %w: tensor<12x3x3x1xf16>) -> tensor<1x7x7x12xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 6 filter_layout = OHWI
      : tensor<1x7x7x6xf16>, tensor<12x3x3x1xf16> -> tensor<1x7x7x12xf16>
  return %y : tensor<1x7x7x12xf16>
}

// -----

// Dynamic N, H and W (NCHW/OIHW): the transposes' destinations take their
// sizes from tensor.dim of the transposed value, permuted, and the NHWC conv
// result is dynamic in N, H and W.
// CHECK-LABEL: func.func @dynamic_nchw_oihw
// CHECK-SAME: (%[[X:.+]]: tensor<?x4x?x?xf32>, %[[W:.+]]: tensor<16x4x3x3xf32>)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[C3:.+]] = arith.constant 3 : index
// CHECK-DAG: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4x?x?xf32>
// CHECK-DAG: %[[H:.+]] = tensor.dim %[[X]], %[[C2]] : tensor<?x4x?x?xf32>
// CHECK-DAG: %[[W_SIZE:.+]] = tensor.dim %[[X]], %[[C3]] : tensor<?x4x?x?xf32>
// CHECK: %[[X_INIT:.+]] = tensor.empty(%[[N]], %[[H]], %[[W_SIZE]]) : tensor<?x?x?x4xf32>
// CHECK: %[[X_NHWC:.+]] = linalg.transpose ins(%[[X]] : tensor<?x4x?x?xf32>) outs(%[[X_INIT]] : tensor<?x?x?x4xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[W_INIT:.+]] = tensor.empty() : tensor<3x3x4x16xf32>
// CHECK: %[[W_HWIO:.+]] = linalg.transpose ins(%[[W]] : tensor<16x4x3x3xf32>) outs(%[[W_INIT]] : tensor<3x3x4x16xf32>) permutation = [2, 3, 1, 0]
// CHECK: %[[CONV:.+]] = conv.conv2d %[[X_NHWC]], %[[W_HWIO]] padding = [1, 1, 1, 1] : tensor<?x?x?x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x?x16xf32>
// CHECK: %[[D0:.+]] = arith.constant 0 : index
// CHECK: %[[ON:.+]] = tensor.dim %[[CONV]], %[[D0]] : tensor<?x?x?x16xf32>
// CHECK: %[[D1:.+]] = arith.constant 1 : index
// CHECK: %[[OH:.+]] = tensor.dim %[[CONV]], %[[D1]] : tensor<?x?x?x16xf32>
// CHECK: %[[D2:.+]] = arith.constant 2 : index
// CHECK: %[[OW:.+]] = tensor.dim %[[CONV]], %[[D2]] : tensor<?x?x?x16xf32>
// CHECK: %[[Y_INIT:.+]] = tensor.empty(%[[ON]], %[[OH]], %[[OW]]) : tensor<?x16x?x?xf32>
// CHECK: %[[Y:.+]] = linalg.transpose ins(%[[CONV]] : tensor<?x?x?x16xf32>) outs(%[[Y_INIT]] : tensor<?x16x?x?xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[Y]] : tensor<?x16x?x?xf32>
func.func @dynamic_nchw_oihw(%x: tensor<?x4x?x?xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<?x16x?x?xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<?x4x?x?xf32>, tensor<16x4x3x3xf32> -> tensor<?x16x?x?xf32>
  return %y : tensor<?x16x?x?xf32>
}

// -----

// Already NHWC/HWIO: the pass must not fire, the conv is kept as it is.
// CHECK-LABEL: func.func @nhwc_hwio_unchanged
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK-NOT: linalg.transpose
// CHECK-NOT: tensor.empty
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]], %[[B]] strides = [2, 2] padding = [1, 1, 1, 1] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32> -> tensor<1x4x4x16xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return %[[Y]] : tensor<1x4x4x16xf32>
func.func @nhwc_hwio_unchanged(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<16xf32>) -> tensor<1x4x4x16xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32> -> tensor<1x4x4x16xf32>
  return %y : tensor<1x4x4x16xf32>
}
