// RUN: conv-opt %s -split-input-file -verify-diagnostics

// Every diagnostic conv.conv2d can report on IR a user writes: the ODS type
// constraints, each message of checkConv2D (ConvOps.cpp) and the result-type
// check of Conv2DOp::verify, one case each. The generic form is used where the
// custom form cannot express the IR.
//
// Not reachable from IR (the ODS constraints below report first):
// "expected input rank (..) to be 4", "expected filter rank (..) to be 4" and
// "filter element type (..) must match input element type (..)".

//===----------------------------------------------------------------------===//
// ODS constraints
//===----------------------------------------------------------------------===//

// A 3-D input is rejected by the Conv_Tensor4D operand constraint.
func.func @input_not_4d(%x: tensor<1x8x8xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op operand #0 must be 4D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x8x8xf32>'}}
  %y = "conv.conv2d"(%x, %w) : (tensor<1x8x8xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

// A 5-D filter is rejected by the Conv_Tensor4D operand constraint.
func.func @filter_not_4d(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op operand #1 must be 4D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x3x3x4x16xf32>'}}
  %y = "conv.conv2d"(%x, %w) : (tensor<1x8x8x4xf32>, tensor<1x3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

// An unranked input is rejected by the Conv_Tensor4D operand constraint.
func.func @input_unranked(%x: tensor<*xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op operand #0 must be 4D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %y = "conv.conv2d"(%x, %w) : (tensor<*xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

// A 3-D result is rejected by the Conv_Tensor4D result constraint.
func.func @result_not_4d(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op result #0 must be 4D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x6x6xf32>'}}
  %y = "conv.conv2d"(%x, %w) : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6xf32>
  return
}

// -----

// Integer element types are not among f16, bf16, f32, f64.
func.func @integer_element_type(%x: tensor<1x8x8x4xi32>, %w: tensor<3x3x4x16xi32>) {
  // expected-error@+1 {{'conv.conv2d' op operand #0 must be 4D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x8x8x4xi32>'}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xi32>, tensor<3x3x4x16xi32> -> tensor<1x6x6x16xi32>
  return
}

// -----

// A 2-D bias is rejected by the Conv_Tensor1D operand constraint.
func.func @bias_not_1d(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<1x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op operand #2 must be 1D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x16xf32>'}}
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<1x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// Input and filter element types differ (AllElementTypesMatch).
func.func @filter_element_type_mismatch(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf16>) {
  // expected-error@+1 {{'conv.conv2d' op failed to verify that all of {input, filter, result} have same element type}}
  %y = "conv.conv2d"(%x, %w) : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf16>) -> tensor<1x6x6x16xf32>
  return
}

// -----

// Input and result element types differ (AllElementTypesMatch).
func.func @result_element_type_mismatch(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op failed to verify that all of {input, filter, result} have same element type}}
  %y = "conv.conv2d"(%x, %w) : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xbf16>
  return
}

// -----

// More than one bias operand.
func.func @two_biases(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op operand group starting at #2 requires 0 or 1 element, but found 2}}
  %y = "conv.conv2d"(%x, %w, %b, %b) : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

// `groups` must be an i64 attribute.
func.func @groups_not_i64(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = "conv.conv2d"(%x, %w) <{groups = 2 : i32}> : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Parser errors
//===----------------------------------------------------------------------===//

// An unknown input layout keyword in the custom form.
func.func @bad_input_layout(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+2 {{expected ::mlir::conv::InputLayout to be one of: NHWC, NCHW}}
  // expected-error@+1 {{failed to parse Conv_InputLayoutAttr parameter 'value' which is to be a `::mlir::conv::InputLayout`}}
  %y = conv.conv2d %x, %w input_layout = NWHC : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// An unknown filter layout keyword in the custom form.
func.func @bad_filter_layout(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+2 {{expected ::mlir::conv::FilterLayout to be one of: HWIO, OIHW, OHWI}}
  // expected-error@+1 {{failed to parse Conv_FilterLayoutAttr parameter 'value' which is to be a `::mlir::conv::FilterLayout`}}
  %y = conv.conv2d %x, %w filter_layout = RSCF : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A filter layout given where an input layout is expected (generic form).
func.func @wrong_layout_attr_kind(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{invalid properties {input_layout = #conv<filter_layout OIHW>} for op conv.conv2d: Invalid attribute `input_layout` in property conversion: #conv<filter_layout OIHW>}}
  %y = "conv.conv2d"(%x, %w) <{input_layout = #conv<filter_layout OIHW>}> : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// checkConv2D: attribute sizes and ranges
//===----------------------------------------------------------------------===//

// strides needs exactly two values.
func.func @strides_size(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op strides must have 2 values [sh, sw], got 1}}
  %y = conv.conv2d %x, %w strides = [2] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// dilations needs exactly two values.
func.func @dilations_size(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op dilations must have 2 values [dh, dw], got 3}}
  %y = conv.conv2d %x, %w dilations = [1, 1, 1] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// padding needs four values in the IR; the (pad_h, pad_w) short form is only
// a builder convenience.
func.func @padding_size(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op padding must have 4 values [top, bottom, left, right], got 2}}
  %y = conv.conv2d %x, %w padding = [1, 1] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x8x8x16xf32>
  return
}

// -----

// A zero stride.
func.func @zero_stride(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op strides must be >= 1, got [0, 1]}}
  %y = conv.conv2d %x, %w strides = [0, 1] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A zero dilation.
func.func @zero_dilation(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op dilations must be >= 1, got [1, 0]}}
  %y = conv.conv2d %x, %w dilations = [1, 0] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A negative padding.
func.func @negative_padding(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op padding must be >= 0, got [1, -1, 0, 0]}}
  %y = conv.conv2d %x, %w padding = [1, -1, 0, 0] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// groups 0.
func.func @zero_groups(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op groups (0) must be >= 1}}
  %y = conv.conv2d %x, %w groups = 0 : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A negative groups count.
func.func @negative_groups(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op groups (-2) must be >= 1}}
  %y = conv.conv2d %x, %w groups = -2 : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// checkConv2D: element types and static dimensions
//===----------------------------------------------------------------------===//

// The bias element type is not covered by AllElementTypesMatch; the verifier
// checks it.
func.func @bias_element_type(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<16xf16>) {
  // expected-error@+1 {{'conv.conv2d' op bias element type ('f16') must match input element type ('f32')}}
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf16> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A dynamic kernel width.
func.func @dynamic_filter(%x: tensor<1x8x8x4xf32>, %w: tensor<3x?x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op filter shape must be static, got 'tensor<3x?x4x16xf32>'}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<3x?x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A dynamic channel dimension in NHWC (the last dimension).
func.func @dynamic_channels_nhwc(%x: tensor<1x8x8x?xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op input channels must be static, got 'tensor<1x8x8x?xf32>'}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x?xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// A dynamic channel dimension in NCHW (dimension 1): the check follows the
// layout.
func.func @dynamic_channels_nchw(%x: tensor<1x?x8x8xf32>, %w: tensor<16x4x3x3xf32>) {
  // expected-error@+1 {{'conv.conv2d' op input channels must be static, got 'tensor<1x?x8x8xf32>'}}
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x?x8x8xf32>, tensor<16x4x3x3xf32> -> tensor<1x16x6x6xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// checkConv2D: channels, kernel and groups
//===----------------------------------------------------------------------===//

// Zero input channels.
func.func @zero_input_channels(%x: tensor<1x8x8x0xf32>, %w: tensor<3x3x0x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op input channels (0) must be >= 1}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x0xf32>, tensor<3x3x0x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// Zero output channels.
func.func @zero_output_channels(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x0xf32>) {
  // expected-error@+1 {{'conv.conv2d' op output channels (0) must be >= 1}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x0xf32> -> tensor<1x6x6x0xf32>
  return
}

// -----

// A kernel of height 0.
func.func @zero_kernel(%x: tensor<1x8x8x4xf32>, %w: tensor<0x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op kernel size (0x3) must be at least 1x1}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<0x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// 30 input channels do not split into 4 groups.
func.func @input_channels_not_divisible(%x: tensor<1x8x8x30xf32>, %w: tensor<3x3x7x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op input channels (30) must be divisible by groups (4)}}
  %y = conv.conv2d %x, %w groups = 4 : tensor<1x8x8x30xf32>, tensor<3x3x7x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// 15 output channels do not split into 2 groups.
func.func @output_channels_not_divisible(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x2x15xf32>) {
  // expected-error@+1 {{'conv.conv2d' op output channels (15) must be divisible by groups (2)}}
  %y = conv.conv2d %x, %w groups = 2 : tensor<1x8x8x4xf32>, tensor<3x3x2x15xf32> -> tensor<1x6x6x15xf32>
  return
}

// -----

// With 2 groups the HWIO filter must have 4 / 2 = 2 input channels, not 4.
func.func @filter_input_channels_grouped(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op filter input channels (4) must equal input channels / groups (4 / 2 = 2)}}
  %y = conv.conv2d %x, %w groups = 2 : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// An HWIO-shaped filter declared OIHW: I is dimension 1 (3), not 4.
func.func @filter_input_channels_layout(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op filter input channels (3) must equal input channels / groups (4 / 1 = 4)}}
  %y = conv.conv2d %x, %w filter_layout = OIHW : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// The bias has 8 entries for 16 output channels.
func.func @bias_shape(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>, %b: tensor<8xf32>) {
  // expected-error@+1 {{'conv.conv2d' op bias shape ('tensor<8xf32>') must be [output channels] = [16]}}
  %y = conv.conv2d %x, %w, %b : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>, tensor<8xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// checkConv2D: output extents
//===----------------------------------------------------------------------===//

// The dilated kernel (3 * 2 + 1 = 7 rows) exceeds the padded height (4 + 1);
// the message shows the formula with its numbers.
func.func @output_height_empty(%x: tensor<1x4x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op output height (0) must be >= 1: floor((4 + 1 + 0 - 3 * (3 - 1) - 1) / 2) + 1 = 0}}
  %y = conv.conv2d %x, %w strides = [2, 1] dilations = [3, 1] padding = [1, 0, 0, 0] : tensor<1x4x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x1x6x16xf32>
  return
}

// -----

// A negative width extent is floored, not truncated: floor(-8 / 3) + 1 = -2.
func.func @output_width_negative(%x: tensor<1x8x1x4xf32>, %w: tensor<3x5x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op output width (-2) must be >= 1: floor((1 + 0 + 0 - 2 * (5 - 1) - 1) / 3) + 1 = -2}}
  %y = conv.conv2d %x, %w strides = [1, 3] dilations = [1, 2] : tensor<1x8x1x4xf32>, tensor<3x5x4x16xf32> -> tensor<1x6x1x16xf32>
  return
}

// -----

// H + top overflows int64.
func.func @output_height_overflow(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op output height overflows int64: floor((8 + 9223372036854775807 + 0 - 1 * (3 - 1) - 1) / 1) + 1}}
  %y = conv.conv2d %x, %w padding = [9223372036854775807, 0, 0, 0] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// dilation * (KW - 1) overflows int64.
func.func @output_width_overflow(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op output width overflows int64: floor((8 + 0 + 0 - 9223372036854775807 * (3 - 1) - 1) / 1) + 1}}
  %y = conv.conv2d %x, %w dilations = [1, 9223372036854775807] : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Conv2DOp::verify: declared vs inferred result type
//===----------------------------------------------------------------------===//

// The declared height (7) differs from the inferred one (6).
func.func @result_height(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op result type ('tensor<1x7x6x16xf32>') does not match the inferred type ('tensor<1x6x6x16xf32>')}}
  %y = "conv.conv2d"(%x, %w) : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x7x6x16xf32>
  return
}

// -----

// The declared batch (2) differs from the input's (1).
func.func @result_batch(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op result type ('tensor<2x6x6x16xf32>') does not match the inferred type ('tensor<1x6x6x16xf32>')}}
  %y = conv.conv2d %x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<2x6x6x16xf32>
  return
}

// -----

// The result has the input's layout: an NCHW conv yields NCHW, not NHWC.
func.func @result_layout(%x: tensor<1x4x8x8xf32>, %w: tensor<3x3x4x16xf32>) {
  // expected-error@+1 {{'conv.conv2d' op result type ('tensor<1x6x6x16xf32>') does not match the inferred type ('tensor<1x16x6x6xf32>')}}
  %y = conv.conv2d %x, %w input_layout = NCHW : tensor<1x4x8x8xf32>, tensor<3x3x4x16xf32> -> tensor<1x6x6x16xf32>
  return
}

// -----

// Dynamic H: the constant part of the extent formula overflows all the same.
func.func @dynamic_h_padding_overflow(%x: tensor<1x?x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x?x6x16xf32> {
  // expected-error@+1 {{'conv.conv2d' op output height overflows int64: floor((? + 9223372036854775807 + 9223372036854775807 - 1 * (3 - 1) - 1) / 1) + 1}}
  %y = conv.conv2d %x, %w padding = [9223372036854775807, 9223372036854775807, 0, 0] : tensor<1x?x8x4xf32>, tensor<3x3x4x16xf32> -> tensor<1x?x6x16xf32>
  return %y : tensor<1x?x6x16xf32>
}

// -----

// Operands and results whose size in bytes does not fit int64: the lowering's
// index arithmetic would wrap.
func.func @input_bytes_overflow(%x: tensor<4294967296x4294967296x1x1xf32>, %w: tensor<1x1x1x1xf32>) {
  // expected-error@+1 {{'conv.conv2d' op input type ('tensor<4294967296x4294967296x1x1xf32>') is too large: its size in bytes overflows int64}}
  %y = conv.conv2d %x, %w : tensor<4294967296x4294967296x1x1xf32>, tensor<1x1x1x1xf32> -> tensor<4294967296x4294967296x1x1xf32>
  return
}

// -----

// 2^61 f32 elements are 2^63 bytes, one more than int64 holds.
func.func @input_bytes_overflow_by_element_size(%x: tensor<1x1x1x2305843009213693952xf32>, %w: tensor<1x1x2305843009213693952x1xf32>) {
  // expected-error@+1 {{'conv.conv2d' op input type ('tensor<1x1x1x2305843009213693952xf32>') is too large: its size in bytes overflows int64}}
  %y = conv.conv2d %x, %w : tensor<1x1x1x2305843009213693952xf32>, tensor<1x1x2305843009213693952x1xf32> -> tensor<1x1x1x1xf32>
  return
}

// -----

// Dynamic dims do not count; the static ones still overflow.
func.func @filter_bytes_overflow(%x: tensor<?x8x8x4xf32>, %w: tensor<3x3x4x9223372036854775807xf32>) {
  // expected-error@+1 {{'conv.conv2d' op filter type ('tensor<3x3x4x9223372036854775807xf32>') is too large: its size in bytes overflows int64}}
  %y = conv.conv2d %x, %w : tensor<?x8x8x4xf32>, tensor<3x3x4x9223372036854775807xf32> -> tensor<?x6x6x9223372036854775807xf32>
  return
}

// -----

// Small operands, but padding makes a 2^32+1 x 2^32+1 output.
func.func @result_bytes_overflow(%x: tensor<1x1x1x1xf32>, %w: tensor<1x1x1x1xf32>) {
  // expected-error@+1 {{'conv.conv2d' op result type ('tensor<1x4294967297x4294967297x1xf32>') is too large: its size in bytes overflows int64}}
  %y = conv.conv2d %x, %w padding = [2147483648, 2147483648, 2147483648, 2147483648] : tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32> -> tensor<1x4294967297x4294967297x1xf32>
  return
}
