// RUN: conv-opt %s --convert-conv-to-linalg -split-input-file | FileCheck %s

// The lowering of conv.conv2d to linalg on tensors: layout normalisation
// (transposes to NHWC/HWIO and back), zero padding, the accumulator (zero or
// broadcast bias, f32 for f16/bf16, f64 for f64), the choice of linalg op
// (conv_2d_nhwc_hwcf, depthwise hwc/hwcm, grouped generic) and dynamic sizes.

// NHWC/HWIO without padding: no transpose, no pad; a zero-filled accumulator
// and linalg.conv_2d_nhwc_hwcf carrying strides and dilations.
// CHECK-LABEL: func.func @nhwc_hwio_no_padding
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK-NOT: linalg.transpose
// CHECK-NOT: tensor.pad
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[EMPTY:.+]] = tensor.empty() : tensor<1x3x2x16xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<1x3x2x16xf32>) -> tensor<1x3x2x16xf32>
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 2]> : vector<2xi64>, strides = dense<[2, 3]> : vector<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) outs(%[[ACC]] : tensor<1x3x2x16xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: return %[[CONV]] : tensor<1x3x2x16xf32>
func.func @nhwc_hwio_no_padding(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x3x2x16xf32> {
  %y = conv.conv2d %x, %w strides = [2, 3] dilations = [1, 2] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x3x2x16xf32>
  return %y : tensor<1x3x2x16xf32>
}

// -----

// Asymmetric padding [top=1, bottom=2, left=0, right=1] becomes a tensor.pad
// with low [0, 1, 0, 0] and high [0, 2, 1, 0] on the H and W dims only.
// CHECK-LABEL: func.func @asymmetric_padding
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK: %[[PADDED:.+]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 2, 1, 0]
// CHECK: tensor.yield %{{.+}} : f32
// CHECK: } : tensor<1x8x8x4xf32> to tensor<1x11x9x4xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[PADDED]], %[[W]] : tensor<1x11x9x4xf32>, tensor<3x3x4x16xf32>) outs(%{{.+}} : tensor<1x9x7x16xf32>)
func.func @asymmetric_padding(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x9x7x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 2, 0, 1] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x9x7x16xf32>
  return %y : tensor<1x9x7x16xf32>
}

// -----

// A bias is broadcast along N, H, W into the accumulator by a linalg.generic
// (instead of a zero fill), and the conv accumulates onto it.
// CHECK-DAG: #[[$BCAST:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK-NOT: linalg.fill
// CHECK: %[[EMPTY:.+]] = tensor.empty() : tensor<1x6x6x16xf32>
// CHECK: %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[$BCAST]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[B]] : tensor<16xf32>) outs(%[[EMPTY]] : tensor<1x6x6x16xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) outs(%[[ACC]] : tensor<1x6x6x16xf32>)
// CHECK: return %[[CONV]]
func.func @bias(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

// NCHW/OIHW: the input is transposed to NHWC, the filter to HWIO, and the
// NHWC result back to NCHW.
// CHECK-LABEL: func.func @nchw_oihw
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x8x8xf32>, %[[W:.+]]: tensor<16x4x3x3xf32>)
// CHECK: %[[X_INIT:.+]] = tensor.empty() : tensor<1x8x8x4xf32>
// CHECK: %[[X_NHWC:.+]] = linalg.transpose ins(%[[X]] : tensor<1x4x8x8xf32>) outs(%[[X_INIT]] : tensor<1x8x8x4xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[W_INIT:.+]] = tensor.empty() : tensor<3x3x4x16xf32>
// CHECK: %[[W_HWIO:.+]] = linalg.transpose ins(%[[W]] : tensor<16x4x3x3xf32>) outs(%[[W_INIT]] : tensor<3x3x4x16xf32>) permutation = [2, 3, 1, 0]
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[X_NHWC]], %[[W_HWIO]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) outs(%{{.+}} : tensor<1x6x6x16xf32>)
// CHECK: %[[Y_INIT:.+]] = tensor.empty() : tensor<1x16x6x6xf32>
// CHECK: %[[Y:.+]] = linalg.transpose ins(%[[CONV]] : tensor<1x6x6x16xf32>) outs(%[[Y_INIT]] : tensor<1x16x6x6xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[Y]] : tensor<1x16x6x6xf32>
func.func @nchw_oihw(%x: tensor<1x4x8x8xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x16x6x6xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x4x8x8xf32>, tensor<16x4x3x3xf32> -> tensor<1x16x6x6xf32>
  return %y : tensor<1x16x6x6xf32>
}

// -----

// An OHWI filter is the only operand transposed (to HWIO); the NHWC input
// and result are used as they are.
// CHECK-LABEL: func.func @ohwi
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<16x3x3x4xf32>)
// CHECK: %[[W_HWIO:.+]] = linalg.transpose ins(%[[W]] : tensor<16x3x3x4xf32>) outs(%{{.+}} : tensor<3x3x4x16xf32>) permutation = [1, 2, 3, 0]
// CHECK-NOT: linalg.transpose
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[X]], %[[W_HWIO]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: return %[[CONV]] : tensor<1x6x6x16xf32>
func.func @ohwi(%x: tensor<1x8x8x4xf32>, %w: tensor<16x3x3x4xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w filter_layout = OHWI : tensor<1x8x8x4xf32>, tensor<16x3x3x4xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

// f16 accumulates in f32: the f16 bias is extended into an f32 accumulator,
// the conv takes f16 operands into f32, and one generic rounds to f16.
// CHECK-DAG: #[[$BCAST:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @f16_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf16>, %[[W:.+]]: tensor<3x3x4x16xf16>, %[[B:.+]]: tensor<16xf16>)
// CHECK: %[[ACC_INIT:.+]] = tensor.empty() : tensor<1x6x6x16xf32>
// CHECK: %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[$BCAST]], #[[$ID]]]
// CHECK-SAME: ins(%[[B]] : tensor<16xf16>) outs(%[[ACC_INIT]] : tensor<1x6x6x16xf32>)
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x8x8x4xf16>, tensor<3x3x4x16xf16>) outs(%[[ACC]] : tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32>
// CHECK: %[[Y_INIT:.+]] = tensor.empty() : tensor<1x6x6x16xf16>
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[CONV]] : tensor<1x6x6x16xf32>) outs(%[[Y_INIT]] : tensor<1x6x6x16xf16>)
// CHECK-NEXT: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f16):
// CHECK-NEXT: %[[T:.+]] = arith.truncf %[[IN]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[T]] : f16
// CHECK: return %[[Y]] : tensor<1x6x6x16xf16>
func.func @f16_bias(%x: tensor<1x8x8x4xf16>, %w: tensor<3x3x4x16xf16>, %b: tensor<16xf16>) -> tensor<1x6x6x16xf16> {
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf16>, tensor<3x3x4x16xf16>, tensor<16xf16> -> tensor<1x6x6x16xf16>
  return %y : tensor<1x6x6x16xf16>
}

// -----

// bf16 accumulates in f32 (zero fill in f32) and is rounded once at the end.
// CHECK-LABEL: func.func @bf16
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xbf16>, %[[W:.+]]: tensor<3x3x4x16xbf16>)
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[EMPTY:.+]] = tensor.empty() : tensor<1x6x6x16xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<1x6x6x16xf32>)
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x8x8x4xbf16>, tensor<3x3x4x16xbf16>) outs(%[[ACC]] : tensor<1x6x6x16xf32>)
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK-SAME: ins(%[[CONV]] : tensor<1x6x6x16xf32>) outs(%{{.+}} : tensor<1x6x6x16xbf16>)
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: return %[[Y]] : tensor<1x6x6x16xbf16>
func.func @bf16(%x: tensor<1x8x8x4xbf16>, %w: tensor<3x3x4x16xbf16>) -> tensor<1x6x6x16xbf16> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xbf16>, tensor<3x3x4x16xbf16> -> tensor<1x6x6x16xbf16>
  return %y : tensor<1x6x6x16xbf16>
}

// -----

// f64 accumulates in f64: no f32 anywhere and no rounding generic.
// CHECK-LABEL: func.func @f64
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf64>, %[[W:.+]]: tensor<3x3x4x16xf64>)
// CHECK-NOT: f32
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: %[[EMPTY:.+]] = tensor.empty() : tensor<1x6x6x16xf64>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[EMPTY]] : tensor<1x6x6x16xf64>)
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x8x8x4xf64>, tensor<3x3x4x16xf64>) outs(%[[ACC]] : tensor<1x6x6x16xf64>)
// CHECK-NOT: linalg.generic
// CHECK-NOT: f32
// CHECK: return %[[CONV]] : tensor<1x6x6x16xf64>
func.func @f64(%x: tensor<1x8x8x4xf64>, %w: tensor<3x3x4x16xf64>) -> tensor<1x6x6x16xf64> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf64>, tensor<3x3x4x16xf64> -> tensor<1x6x6x16xf64>
  return %y : tensor<1x6x6x16xf64>
}

// -----

// Depthwise with channel multiplier 1 (groups = IC = OC = 4): the HWIO filter
// [3, 3, 1, 4] drops its unit I dim and feeds depthwise_conv_2d_nhwc_hwc.
// CHECK-LABEL: func.func @depthwise_multiplier_1
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x1x4xf32>)
// CHECK: %[[ACC:.+]] = linalg.fill
// CHECK: %[[W3:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1], [2, 3]] : tensor<3x3x1x4xf32> into tensor<3x3x4xf32>
// CHECK: %[[CONV:.+]] = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[W3]] : tensor<1x8x8x4xf32>, tensor<3x3x4xf32>) outs(%[[ACC]] : tensor<1x6x6x4xf32>)
// CHECK: return %[[CONV]] : tensor<1x6x6x4xf32>
func.func @depthwise_multiplier_1(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x1x4xf32>) -> tensor<1x6x6x4xf32> {
  %y = conv.conv2d %x, %w groups = 4 : tensor<1x8x8x4xf32>, tensor<3x3x1x4xf32> -> tensor<1x6x6x4xf32>
  return %y : tensor<1x6x6x4xf32>
}

// -----

// Depthwise with channel multiplier 2 (groups = IC = 4, OC = 8): the filter
// is collapsed to [3, 3, 8] and split to [3, 3, 4, 2], the accumulator is
// expanded to [.., 4, 2], depthwise_conv_2d_nhwc_hwcm runs (with the stride),
// and the result is collapsed back to 8 channels.
// CHECK-LABEL: func.func @depthwise_multiplier_2
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x1x8xf32>)
// CHECK: %[[ACC:.+]] = linalg.fill
// CHECK: %[[W3:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1], [2, 3]] : tensor<3x3x1x8xf32> into tensor<3x3x8xf32>
// CHECK: %[[W4:.+]] = tensor.expand_shape %[[W3]] {{\[\[}}0], [1], [2, 3]] output_shape [3, 3, 4, 2] : tensor<3x3x8xf32> into tensor<3x3x4x2xf32>
// CHECK: %[[ACC5:.+]] = tensor.expand_shape %[[ACC]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 3, 6, 4, 2] : tensor<1x3x6x8xf32> into tensor<1x3x6x4x2xf32>
// CHECK: %[[CONV:.+]] = linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : vector<2xi64>, strides = dense<[2, 1]> : vector<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[W4]] : tensor<1x8x8x4xf32>, tensor<3x3x4x2xf32>) outs(%[[ACC5]] : tensor<1x3x6x4x2xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[CONV]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x3x6x4x2xf32> into tensor<1x3x6x8xf32>
// CHECK: return %[[Y]] : tensor<1x3x6x8xf32>
func.func @depthwise_multiplier_2(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x1x8xf32>) -> tensor<1x3x6x8xf32> {
  %y = conv.conv2d %x, %w strides = [2, 1] groups = 4 : tensor<1x8x8x4xf32>, tensor<3x3x1x8xf32> -> tensor<1x3x6x8xf32>
  return %y : tensor<1x3x6x8xf32>
}

// -----

// Grouped (groups = 2, IC = 4, OC = 6): input, filter and accumulator split
// their channel dim into (group, channel-in-group) with a 5-D expand_shape,
// and one linalg.generic with 5 parallel and 3 reduction loops
// (n, oh, ow, grp, ocg; kh, kw, icg) convolves. The input map carries the
// stride (2, 1) and dilation (1, 3).
// CHECK-DAG: #[[$IN_MAP:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 * 2 + d5, d2 + d6 * 3, d3, d7)>
// CHECK-DAG: #[[$W_MAP:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d7, d3, d4)>
// CHECK-DAG: #[[$OUT_MAP:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @grouped
// CHECK-SAME: (%[[X:.+]]: tensor<1x9x9x4xf32>, %[[W:.+]]: tensor<3x3x2x6xf32>)
// CHECK: %[[ACC:.+]] = linalg.fill
// CHECK-DAG: %[[X5:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 9, 9, 2, 2] : tensor<1x9x9x4xf32> into tensor<1x9x9x2x2xf32>
// CHECK-DAG: %[[W5:.+]] = tensor.expand_shape %[[W]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [3, 3, 2, 2, 3] : tensor<3x3x2x6xf32> into tensor<3x3x2x2x3xf32>
// CHECK-DAG: %[[ACC5:.+]] = tensor.expand_shape %[[ACC]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 4, 3, 2, 3] : tensor<1x4x3x6xf32> into tensor<1x4x3x2x3xf32>
// CHECK: %[[CONV:.+]] = linalg.generic {indexing_maps = [#[[$IN_MAP]], #[[$W_MAP]], #[[$OUT_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X5]], %[[W5]] : tensor<1x9x9x2x2xf32>, tensor<3x3x2x2x3xf32>) outs(%[[ACC5]] : tensor<1x4x3x2x3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[C:.+]]: f32):
// CHECK-NEXT: %[[MUL:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[ADD:.+]] = arith.addf %[[C]], %[[MUL]] : f32
// CHECK-NEXT: linalg.yield %[[ADD]] : f32
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[CONV]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x4x3x2x3xf32> into tensor<1x4x3x6xf32>
// CHECK: return %[[Y]] : tensor<1x4x3x6xf32>
func.func @grouped(%x: tensor<1x9x9x4xf32>, %w: tensor<3x3x2x6xf32>) -> tensor<1x4x3x6xf32> {
  %y = conv.conv2d %x, %w strides = [2, 1] dilations = [1, 3] groups = 2 : tensor<1x9x9x4xf32>, tensor<3x3x2x6xf32> -> tensor<1x4x3x6xf32>
  return %y : tensor<1x4x3x6xf32>
}

// -----

// Dynamic batch and H: the accumulator sizes come from tensor.dim of the
// input, and OH = (H + 1 + 0 - 2 - 1) floordiv 2 + 1 = H floordiv 2 from an
// affine.apply; the static W extent (3) needs no computation.
// CHECK-DAG: #[[$OH:.+]] = affine_map<()[s0] -> (s0 floordiv 2)>
// CHECK-LABEL: func.func @dynamic_batch_height
// CHECK-SAME: (%[[X:.+]]: tensor<?x?x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK: %[[PADDED:.+]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 0, 0, 0]
// CHECK: } : tensor<?x?x8x4xf32> to tensor<?x?x8x4xf32>
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x?x8x4xf32>
// CHECK-DAG: %[[H:.+]] = tensor.dim %[[X]], %[[C1]] : tensor<?x?x8x4xf32>
// CHECK: %[[OH:.+]] = affine.apply #[[$OH]]()[%[[H]]]
// CHECK: %[[EMPTY:.+]] = tensor.empty(%[[N]], %[[OH]]) : tensor<?x?x3x16xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[EMPTY]] : tensor<?x?x3x16xf32>)
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[W]] : tensor<?x?x8x4xf32>, tensor<3x3x4x16xf32>) outs(%[[ACC]] : tensor<?x?x3x16xf32>)
// CHECK: return %[[CONV]] : tensor<?x?x3x16xf32>
func.func @dynamic_batch_height(%x: tensor<?x?x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<?x?x3x16xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [1, 0, 0, 0] : tensor<?x?x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x3x16xf32>
  return %y : tensor<?x?x3x16xf32>
}

// -----

// A declared result less static than the inferred one: the lowering computes
// the static type and casts to the declared one.
// CHECK-LABEL: func.func @less_static_result
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: -> tensor<1x6x6x16xf32>
// CHECK: %[[CAST:.+]] = tensor.cast %[[CONV]] : tensor<1x6x6x16xf32> to tensor<?x?x?x16xf32>
// CHECK: return %[[CAST]] : tensor<?x?x?x16xf32>
func.func @less_static_result(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<?x?x?x16xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x?x16xf32>
  return %y : tensor<?x?x?x16xf32>
}

// -----

// No conv.conv2d: the pass changes nothing.
// CHECK-LABEL: func.func @no_conv
// CHECK-SAME: (%[[A:.+]]: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[SUM:.+]] = arith.addf %[[A]], %[[A]] : tensor<4xf32>
// CHECK-NEXT: return %[[SUM]] : tensor<4xf32>
// CHECK-NOT: linalg.
func.func @no_conv(%a: tensor<4xf32>) -> tensor<4xf32> {
  %sum = arith.addf %a, %a : tensor<4xf32>
  return %sum : tensor<4xf32>
}

// -----

// A batch of 0 has no output elements: the conv becomes a tensor.empty of the
// result type, with no pad (whose bufferized insert of the empty input would
// be an invalid memref.subview) and no linalg op.
// CHECK-LABEL: func.func @empty_batch
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.
// CHECK: %[[EMPTY:.+]] = tensor.empty() : tensor<0x4x4x3xf32>
// CHECK-NEXT: return %[[EMPTY]] : tensor<0x4x4x3xf32>
func.func @empty_batch(%x: tensor<0x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<0x4x4x3xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<0x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<0x4x4x3xf32>
  return %y : tensor<0x4x4x3xf32>
}

// -----

// With a dynamic H the empty result's extent comes from the input's.
// CHECK-LABEL: func.func @empty_batch_dynamic_h
// CHECK-SAME: (%[[X:.+]]: tensor<0x?x4x2xf32>,
// CHECK: %[[H:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<0x?x4x2xf32>
// CHECK: %[[EMPTY:.+]] = tensor.empty(%[[H]]) : tensor<0x?x4x3xf32>
// CHECK-NEXT: return %[[EMPTY]] : tensor<0x?x4x3xf32>
func.func @empty_batch_dynamic_h(%x: tensor<0x?x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<0x?x4x3xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<0x?x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<0x?x4x3xf32>
  return %y : tensor<0x?x4x3xf32>
}
