// RUN: conv-opt %s -split-input-file --convert-tosa-to-conv | FileCheck %s

// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x3xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-NOT: tosa.conv2d
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]], %[[B]] strides = [2, 1] dilations = [1, 2] padding = [1, 0, 2, 1] filter_layout = OHWI
// CHECK-SAME: : tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<1x4x7x4xf32>
// CHECK: return %[[Y]]
func.func @conv2d(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>,
                  %b: tensor<4xf32>) -> tensor<1x4x7x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
         dilation = array<i64: 1, 2>, pad = array<i64: 1, 0, 2, 1>,
         stride = array<i64: 2, 1>}
       : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>,
          tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x7x4xf32>
  return %y : tensor<1x4x7x4xf32>
}

// -----

// A one-element bias is splat to the output channels; a dynamic batch stays
// dynamic.
// CHECK-LABEL: func.func @broadcast_bias
// CHECK-SAME: (%[[X:.+]]: tensor<?x5x5x2xf16>, %[[W:.+]]: tensor<6x1x1x2xf16>, %[[B:.+]]: tensor<1xf16>)
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[E:.+]] = tensor.extract %[[B]][%[[C0]]] : tensor<1xf16>
// CHECK: %[[S:.+]] = tensor.splat %[[E]] : tensor<6xf16>
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]], %[[S]] filter_layout = OHWI
// CHECK-SAME: -> tensor<?x5x5x6xf16>
// CHECK: return %[[Y]]
func.func @broadcast_bias(%x: tensor<?x5x5x2xf16>, %w: tensor<6x1x1x2xf16>,
                          %b: tensor<1xf16>) -> tensor<?x5x5x6xf16> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
         dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
         stride = array<i64: 1, 1>}
       : (tensor<?x5x5x2xf16>, tensor<6x1x1x2xf16>, tensor<1xf16>,
          tensor<1xf16>, tensor<1xf16>) -> tensor<?x5x5x6xf16>
  return %y : tensor<?x5x5x6xf16>
}

// -----

// Depthwise with a multiplier of 2: the [KH, KW, C, M] weight becomes HWIO
// [KH, KW, 1, C * M] and groups = C.
// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x3xf32>, %[[W:.+]]: tensor<3x3x3x2xf32>, %[[B:.+]]: tensor<6xf32>)
// CHECK: %[[C:.+]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1], [2, 3]] : tensor<3x3x3x2xf32> into tensor<3x3x6xf32>
// CHECK: %[[E:.+]] = tensor.expand_shape %[[C]] {{\[}}[0], [1], [2, 3]] output_shape [3, 3, 1, 6] : tensor<3x3x6xf32> into tensor<3x3x1x6xf32>
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[E]], %[[B]] padding = [1, 1, 1, 1] groups = 3
// CHECK-SAME: : tensor<1x6x6x3xf32>, tensor<3x3x1x6xf32>, tensor<6xf32> -> tensor<1x6x6x6xf32>
// CHECK: return %[[Y]]
func.func @depthwise(%x: tensor<1x6x6x3xf32>, %w: tensor<3x3x3x2xf32>,
                     %b: tensor<6xf32>) -> tensor<1x6x6x6xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
         dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>,
         stride = array<i64: 1, 1>}
       : (tensor<1x6x6x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>,
          tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x6xf32>
  return %y : tensor<1x6x6x6xf32>
}

// -----

// Integer convs are not ours: left as they are.
// CHECK-LABEL: func.func @int8_not_imported
// CHECK-NOT: conv.conv2d
// CHECK: tosa.conv2d
func.func @int8_not_imported(%x: tensor<1x4x4x2xi8>, %w: tensor<3x1x1x2xi8>,
                             %b: tensor<3xi32>) -> tensor<1x4x4x3xi32> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32,
         dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
         stride = array<i64: 1, 1>}
       : (tensor<1x4x4x2xi8>, tensor<3x1x1x2xi8>, tensor<3xi32>,
          tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x3xi32>
  return %y : tensor<1x4x4x3xi32>
}

// -----

// Must not fire, and must not fail: a depthwise conv whose bias is dynamic
// (its length cannot be checked against the channels), and one whose input
// is dynamic in every dimension (conv.conv2d needs static channels), are
// left as they are. The pass used to create the reshaped filter, fail, and
// exit 1 with no message.
// CHECK-LABEL: func.func @dynamic_bias
// CHECK-NOT: conv.conv2d
// CHECK-NOT: tensor.expand_shape
// CHECK: tosa.depthwise_conv2d
func.func @dynamic_bias(%x: tensor<1x7x5x3xf32>, %w: tensor<3x1x3x11xf32>, %b: tensor<?xf32>) -> tensor<1x5x5x33xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
       : (tensor<1x7x5x3xf32>, tensor<3x1x3x11xf32>, tensor<?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x5x33xf32>
  return %y : tensor<1x5x5x33xf32>
}
// CHECK-LABEL: func.func @dynamic_input
// CHECK-NOT: conv.conv2d
// CHECK-NOT: tensor.expand_shape
// CHECK: tosa.depthwise_conv2d
func.func @dynamic_input(%x: tensor<?x?x?x?xf32>, %w: tensor<3x1x3x11xf32>, %b: tensor<33xf32>) -> tensor<?x?x?x?xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
       : (tensor<?x?x?x?xf32>, tensor<3x1x3x11xf32>, tensor<33xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}
