// RUN: conv-opt %s | conv-opt | FileCheck %s
// RUN: conv-opt %s --mlir-print-op-generic | conv-opt | FileCheck %s
// RUN: conv-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Round trips of conv.conv2d through the custom form and through the generic
// form: every attribute, default elision, every layout, bias, dynamic
// batch/H/W, each element type and parsing of the generic form.

// The minimal form: no attribute is printed when all have their defaults.
// CHECK-LABEL: func.func @minimal
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK: conv.conv2d %[[X]], %[[W]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
// The generic form materialises every default as a property.
// GENERIC-LABEL: sym_name = "minimal"
// GENERIC: "conv.conv2d"(%{{.+}}, %{{.+}}) <{dilations = array<i64: 1, 1>, filter_layout = #conv<filter_layout HWIO>, groups = 1 : i64, input_layout = #conv<input_layout NHWC>, padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}>
func.func @minimal(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// Attributes spelled out with their default values are elided on printing.
// CHECK-LABEL: func.func @explicit_defaults
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>)
// CHECK: conv.conv2d %[[X]], %[[W]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
func.func @explicit_defaults(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w strides = [1, 1] dilations = [1, 1] padding = [0, 0, 0, 0] groups = 1 input_layout = NHWC filter_layout = HWIO : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// Every attribute set to a non-default value, with a bias (the example of the
// op's description).
// CHECK-LABEL: func.func @all_attributes
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x32x32xf32>, %[[W:.+]]: tensor<16x4x3x3xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: conv.conv2d %[[X]], %[[W]], %[[B]] strides = [2, 2] dilations = [2, 1] padding = [1, 2, 3, 4] groups = 2 input_layout = NCHW filter_layout = OIHW : tensor<1x8x32x32xf32>, tensor<16x4x3x3xf32>, tensor<16xf32> -> tensor<1x16x16x19xf32>
func.func @all_attributes(%x: tensor<1x8x32x32xf32>, %w: tensor<16x4x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x16x19xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] dilations = [2, 1] padding = [1, 2, 3, 4] groups = 2 input_layout = NCHW filter_layout = OIHW : tensor<1x8x32x32xf32>, tensor<16x4x3x3xf32>, tensor<16xf32> -> tensor<1x16x16x19xf32>
  return %y : tensor<1x16x16x19xf32>
}

// A bias alone.
// CHECK-LABEL: func.func @bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x4xf32>, %[[W:.+]]: tensor<3x3x4x16xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: conv.conv2d %[[X]], %[[W]], %[[B]] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32> -> tensor<1x6x6x16xf32>
func.func @bias(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// Asymmetric padding alone: [top, bottom, left, right] keeps its order.
// CHECK-LABEL: func.func @asymmetric_padding
// CHECK: conv.conv2d %{{.+}}, %{{.+}} padding = [0, 2, 1, 0] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x8x7x16xf32>
func.func @asymmetric_padding(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x8x7x16xf32> {
  %y = conv.conv2d %x, %w padding = [0, 2, 1, 0] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x8x7x16xf32>
  return %y : tensor<1x8x7x16xf32>
}

// NCHW input with the default HWIO filter: only input_layout is printed.
// CHECK-LABEL: func.func @layout_nchw_hwio
// CHECK: conv.conv2d %{{.+}}, %{{.+}} input_layout = NCHW : tensor<1x4x8x8xf32>, tensor<3x3x4x16xf32> -> tensor<1x16x6x6xf32>
func.func @layout_nchw_hwio(%x: tensor<1x4x8x8xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x16x6x6xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW : tensor<1x4x8x8xf32>, tensor<3x3x4x16xf32> -> tensor<1x16x6x6xf32>
  return %y : tensor<1x16x6x6xf32>
}

// NHWC input with an OIHW filter: only filter_layout is printed.
// CHECK-LABEL: func.func @layout_nhwc_oihw
// CHECK: conv.conv2d %{{.+}}, %{{.+}} filter_layout = OIHW : tensor<1x8x8x4xf32>, tensor<16x4x3x3xf32> -> tensor<1x6x6x16xf32>
func.func @layout_nhwc_oihw(%x: tensor<1x8x8x4xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w filter_layout = OIHW : tensor<1x8x8x4xf32>, tensor<16x4x3x3xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// NHWC input with an OHWI filter.
// CHECK-LABEL: func.func @layout_nhwc_ohwi
// CHECK: conv.conv2d %{{.+}}, %{{.+}} filter_layout = OHWI : tensor<1x8x8x4xf32>, tensor<16x3x3x4xf32> -> tensor<1x6x6x16xf32>
func.func @layout_nhwc_ohwi(%x: tensor<1x8x8x4xf32>, %w: tensor<16x3x3x4xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w filter_layout = OHWI : tensor<1x8x8x4xf32>, tensor<16x3x3x4xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// A depthwise conv with channel multiplier 2 (groups == input channels).
// CHECK-LABEL: func.func @depthwise
// CHECK: conv.conv2d %{{.+}}, %{{.+}} groups = 4 : tensor<1x8x8x4xf32>, tensor<3x3x1x8xf32> -> tensor<1x6x6x8xf32>
func.func @depthwise(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x1x8xf32>) -> tensor<1x6x6x8xf32> {
  %y = conv.conv2d %x, %w groups = 4 : tensor<1x8x8x4xf32>, tensor<3x3x1x8xf32> -> tensor<1x6x6x8xf32>
  return %y : tensor<1x6x6x8xf32>
}

// Dynamic batch, H and W in NHWC; channels and kernel stay static.
// CHECK-LABEL: func.func @dynamic_nhwc
// CHECK: conv.conv2d %{{.+}}, %{{.+}} strides = [2, 2] padding = [1, 1, 1, 1] : tensor<?x?x?x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x?x16xf32>
func.func @dynamic_nhwc(%x: tensor<?x?x?x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<?x?x?x16xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [1, 1, 1, 1] : tensor<?x?x?x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x?x16xf32>
  return %y : tensor<?x?x?x16xf32>
}

// Dynamic batch and H in NCHW, static W.
// CHECK-LABEL: func.func @dynamic_nchw
// CHECK: conv.conv2d %{{.+}}, %{{.+}} input_layout = NCHW filter_layout = OIHW : tensor<?x4x?x8xf32>, tensor<16x4x3x3xf32> -> tensor<?x16x?x6xf32>
func.func @dynamic_nchw(%x: tensor<?x4x?x8xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<?x16x?x6xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<?x4x?x8xf32>, tensor<16x4x3x3xf32> -> tensor<?x16x?x6xf32>
  return %y : tensor<?x16x?x6xf32>
}

// A declared result less static than the inferred one is compatible.
// CHECK-LABEL: func.func @less_static_result
// CHECK: conv.conv2d %{{.+}}, %{{.+}} : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x?x16xf32>
func.func @less_static_result(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<?x?x?x16xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<?x?x?x16xf32>
  return %y : tensor<?x?x?x16xf32>
}

// f16 operands, bias included.
// CHECK-LABEL: func.func @f16
// CHECK: conv.conv2d %{{.+}}, %{{.+}}, %{{.+}} : tensor<1x8x8x4xf16>, tensor<3x3x4x16xf16>, tensor<16xf16> -> tensor<1x6x6x16xf16>
func.func @f16(%x: tensor<1x8x8x4xf16>, %w: tensor<3x3x4x16xf16>, %b: tensor<16xf16>) -> tensor<1x6x6x16xf16> {
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf16>, tensor<3x3x4x16xf16>, tensor<16xf16> -> tensor<1x6x6x16xf16>
  return %y : tensor<1x6x6x16xf16>
}

// bf16 operands.
// CHECK-LABEL: func.func @bf16
// CHECK: conv.conv2d %{{.+}}, %{{.+}} : tensor<1x8x8x4xbf16>, tensor<3x3x4x16xbf16> -> tensor<1x6x6x16xbf16>
func.func @bf16(%x: tensor<1x8x8x4xbf16>, %w: tensor<3x3x4x16xbf16>) -> tensor<1x6x6x16xbf16> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xbf16>, tensor<3x3x4x16xbf16> -> tensor<1x6x6x16xbf16>
  return %y : tensor<1x6x6x16xbf16>
}

// f64 operands.
// CHECK-LABEL: func.func @f64
// CHECK: conv.conv2d %{{.+}}, %{{.+}} : tensor<1x8x8x4xf64>, tensor<3x3x4x16xf64> -> tensor<1x6x6x16xf64>
func.func @f64(%x: tensor<1x8x8x4xf64>, %w: tensor<3x3x4x16xf64>) -> tensor<1x6x6x16xf64> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf64>, tensor<3x3x4x16xf64> -> tensor<1x6x6x16xf64>
  return %y : tensor<1x6x6x16xf64>
}

// The generic form parses, absent properties take their defaults, and the op
// prints in the custom form.
// CHECK-LABEL: func.func @generic_form
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x8x8xf64>, %[[W:.+]]: tensor<8x3x3x4xf64>)
// CHECK: conv.conv2d %[[X]], %[[W]] strides = [2, 1] padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OHWI : tensor<1x4x8x8xf64>, tensor<8x3x3x4xf64> -> tensor<1x8x4x8xf64>
func.func @generic_form(%x: tensor<1x4x8x8xf64>, %w: tensor<8x3x3x4xf64>) -> tensor<1x8x4x8xf64> {
  %y = "conv.conv2d"(%x, %w) <{strides = array<i64: 2, 1>, padding = array<i64: 1, 1, 1, 1>, input_layout = #conv<input_layout NCHW>, filter_layout = #conv<filter_layout OHWI>}> : (tensor<1x4x8x8xf64>, tensor<8x3x3x4xf64>) -> tensor<1x8x4x8xf64>
  return %y : tensor<1x8x4x8xf64>
}

// The generic form with a bias and every property.
// CHECK-LABEL: func.func @generic_form_bias
// CHECK-SAME: (%[[X:.+]]: tensor<2x9x9x4xf32>, %[[W:.+]]: tensor<3x3x2x6xf32>, %[[B:.+]]: tensor<6xf32>)
// CHECK: conv.conv2d %[[X]], %[[W]], %[[B]] strides = [2, 1] dilations = [1, 3] padding = [1, 1, 0, 0] groups = 2 : tensor<2x9x9x4xf32>, tensor<3x3x2x6xf32>, tensor<6xf32> -> tensor<2x5x3x6xf32>
func.func @generic_form_bias(%x: tensor<2x9x9x4xf32>, %w: tensor<3x3x2x6xf32>, %b: tensor<6xf32>) -> tensor<2x5x3x6xf32> {
  %y = "conv.conv2d"(%x, %w, %b) <{dilations = array<i64: 1, 3>, filter_layout = #conv<filter_layout HWIO>, groups = 2 : i64, input_layout = #conv<input_layout NHWC>, padding = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 1>}> : (tensor<2x9x9x4xf32>, tensor<3x3x2x6xf32>, tensor<6xf32>) -> tensor<2x5x3x6xf32>
  return %y : tensor<2x5x3x6xf32>
}

// A discardable attribute survives in the attribute dictionary.
// CHECK-LABEL: func.func @discardable_attribute
// CHECK: conv.conv2d %{{.+}}, %{{.+}} {tag = "layer1"} : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
func.func @discardable_attribute(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w {tag = "layer1"} : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}
