// RUN: conv-opt %s -split-input-file --convert-linalg-to-conv | FileCheck %s

// A zero pad becomes the padding, a zero fill disappears.
// CHECK-LABEL: func.func @nhwc_hwcf_padded
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x3xf32>, %[[W:.+]]: tensor<3x3x3x4xf32>)
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]] strides = [2, 2] padding = [1, 2, 0, 1]
// CHECK-SAME: : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x5x4x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @nhwc_hwcf_padded(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>)
    -> tensor<1x5x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 0, 0] high[0, 2, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x3xf32> to tensor<1x11x9x3xf32>
  %e = tensor.empty() : tensor<1x5x4x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x5x4x4xf32>)
       -> tensor<1x5x4x4xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>,
                                 strides = dense<2> : tensor<2xi64>}
       ins(%p, %w : tensor<1x11x9x3xf32>, tensor<3x3x3x4xf32>)
       outs(%z : tensor<1x5x4x4xf32>) -> tensor<1x5x4x4xf32>
  return %y : tensor<1x5x4x4xf32>
}

// -----

// NCHW/FCHW; an init that is not zero is added after the conv.
// CHECK-LABEL: func.func @nchw_fchw_accumulate
// CHECK-SAME: (%[[X:.+]]: tensor<2x4x6x6xf64>, %[[W:.+]]: tensor<5x4x3x3xf64>, %[[ACC:.+]]: tensor<2x5x2x2xf64>)
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]] dilations = [2, 2] input_layout = NCHW filter_layout = OIHW
// CHECK-SAME: -> tensor<2x5x2x2xf64>
// CHECK: %[[S:.+]] = linalg.add ins(%[[Y]], %[[ACC]] : tensor<2x5x2x2xf64>, tensor<2x5x2x2xf64>) outs(%[[ACC]] : tensor<2x5x2x2xf64>)
// CHECK: return %[[S]]
func.func @nchw_fchw_accumulate(%x: tensor<2x4x6x6xf64>, %w: tensor<5x4x3x3xf64>,
                                %acc: tensor<2x5x2x2xf64>) -> tensor<2x5x2x2xf64> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>,
                                 strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<2x4x6x6xf64>, tensor<5x4x3x3xf64>)
       outs(%acc : tensor<2x5x2x2xf64>) -> tensor<2x5x2x2xf64>
  return %y : tensor<2x5x2x2xf64>
}

// -----

// NHWC/FHWC with the broadcast-bias init tosa-to-linalg writes: the bias
// becomes the conv's.
// CHECK-LABEL: func.func @nhwc_fhwc_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x5x5x3xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-NOT: linalg.
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[W]], %[[B]] filter_layout = OHWI
// CHECK-SAME: -> tensor<1x3x3x4xf32>
// CHECK-NEXT: return %[[Y]]
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @nhwc_fhwc_bias(%x: tensor<1x5x5x3xf32>, %w: tensor<4x3x3x3xf32>,
                          %b: tensor<4xf32>) -> tensor<1x3x3x4xf32> {
  %e = tensor.empty() : tensor<1x3x3x4xf32>
  %init = linalg.generic {indexing_maps = [#bias, #id],
                          iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
          ins(%b : tensor<4xf32>) outs(%e : tensor<1x3x3x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x3x3x4xf32>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>,
                                 strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x5x5x3xf32>, tensor<4x3x3x3xf32>)
       outs(%init : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  return %y : tensor<1x3x3x4xf32>
}

// -----

// Depthwise (HWC) with a linalg.broadcast bias.
// CHECK-LABEL: func.func @depthwise_hwc
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x6x3xf16>, %[[W:.+]]: tensor<3x3x3xf16>, %[[B:.+]]: tensor<3xf16>)
// CHECK: %[[E:.+]] = tensor.expand_shape %[[W]] {{\[}}[0], [1], [2, 3]] output_shape [3, 3, 1, 3] : tensor<3x3x3xf16> into tensor<3x3x1x3xf16>
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[E]], %[[B]] groups = 3
// CHECK-SAME: -> tensor<1x4x4x3xf16>
// CHECK-NEXT: return %[[Y]]
func.func @depthwise_hwc(%x: tensor<1x6x6x3xf16>, %w: tensor<3x3x3xf16>,
                         %b: tensor<3xf16>) -> tensor<1x4x4x3xf16> {
  %e = tensor.empty() : tensor<1x4x4x3xf16>
  %init = linalg.broadcast ins(%b : tensor<3xf16>) outs(%e : tensor<1x4x4x3xf16>)
          dimensions = [0, 1, 2]
  %y = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>,
                                          strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x6x6x3xf16>, tensor<3x3x3xf16>)
       outs(%init : tensor<1x4x4x3xf16>) -> tensor<1x4x4x3xf16>
  return %y : tensor<1x4x4x3xf16>
}

// -----

// Depthwise with a multiplier: the 5-D result is an expand_shape of the
// conv's.
// CHECK-LABEL: func.func @depthwise_hwcm
// CHECK-SAME: (%[[X:.+]]: tensor<1x5x5x2xf32>, %[[W:.+]]: tensor<3x3x2x3xf32>)
// CHECK: %[[C:.+]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1], [2, 3]] : tensor<3x3x2x3xf32> into tensor<3x3x6xf32>
// CHECK: %[[E:.+]] = tensor.expand_shape %[[C]] {{\[}}[0], [1], [2, 3]] output_shape [3, 3, 1, 6]
// CHECK: %[[Y:.+]] = conv.conv2d %[[X]], %[[E]] padding = [1, 1, 1, 1] groups = 2
// CHECK-SAME: -> tensor<1x5x5x6xf32>
// CHECK: %[[R:.+]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 5, 5, 2, 3] : tensor<1x5x5x6xf32> into tensor<1x5x5x2x3xf32>
// CHECK: return %[[R]]
func.func @depthwise_hwcm(%x: tensor<1x5x5x2xf32>, %w: tensor<3x3x2x3xf32>)
    -> tensor<1x5x5x2x3xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x5x5x2xf32> to tensor<1x7x7x2xf32>
  %e = tensor.empty() : tensor<1x5x5x2x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x5x5x2x3xf32>)
       -> tensor<1x5x5x2x3xf32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : tensor<2xi64>,
                                           strides = dense<1> : tensor<2xi64>}
       ins(%p, %w : tensor<1x7x7x2xf32>, tensor<3x3x2x3xf32>)
       outs(%z : tensor<1x5x5x2x3xf32>) -> tensor<1x5x5x2x3xf32>
  return %y : tensor<1x5x5x2x3xf32>
}

// -----

// Not imported: a pad with a non-zero value stays a pad (the conv is raised
// without it); mixed element types, quantized convs and an output smaller
// than the conv's (linalg may leave the last rows out) stay linalg.
// CHECK-LABEL: func.func @one_padded
// CHECK: %[[P:.+]] = tensor.pad
// CHECK: conv.conv2d %[[P]], %{{.+}} : tensor<1x6x6x1xf32>
func.func @one_padded(%x: tensor<1x4x4x1xf32>, %w: tensor<3x3x1x1xf32>)
    -> tensor<1x4x4x1xf32> {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %one : f32
  } : tensor<1x4x4x1xf32> to tensor<1x6x6x1xf32>
  %e = tensor.empty() : tensor<1x4x4x1xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x1xf32>)
       -> tensor<1x4x4x1xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>,
                                 strides = dense<1> : tensor<2xi64>}
       ins(%p, %w : tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>)
       outs(%z : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  return %y : tensor<1x4x4x1xf32>
}

// CHECK-LABEL: func.func @mixed_types
// CHECK-NOT: conv.conv2d
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @mixed_types(%x: tensor<1x4x4x1xf16>, %w: tensor<3x3x1x1xf16>,
                       %acc: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>,
                                 strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x4x4x1xf16>, tensor<3x3x1x1xf16>)
       outs(%acc : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  return %y : tensor<1x2x2x1xf32>
}

// CHECK-LABEL: func.func @quantized
// CHECK-NOT: conv.conv2d
// CHECK: linalg.conv_2d_nhwc_hwcf_q
func.func @quantized(%x: tensor<1x4x4x1xi8>, %w: tensor<3x3x1x1xi8>,
                     %acc: tensor<1x2x2x1xi32>) -> tensor<1x2x2x1xi32> {
  %zp = arith.constant 0 : i32
  %y = linalg.conv_2d_nhwc_hwcf_q {dilations = dense<1> : tensor<2xi64>,
                                   strides = dense<1> : tensor<2xi64>}
       ins(%x, %w, %zp, %zp : tensor<1x4x4x1xi8>, tensor<3x3x1x1xi8>, i32, i32)
       outs(%acc : tensor<1x2x2x1xi32>) -> tensor<1x2x2x1xi32>
  return %y : tensor<1x2x2x1xi32>
}

// CHECK-LABEL: func.func @short_output
// CHECK-NOT: conv.conv2d
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @short_output(%x: tensor<1x5x5x1xf32>, %w: tensor<3x3x1x1xf32>,
                        %acc: tensor<1x1x2x1xf32>) -> tensor<1x1x2x1xf32> {
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>,
                                 strides = dense<2> : tensor<2xi64>}
       ins(%x, %w : tensor<1x5x5x1xf32>, tensor<3x3x1x1xf32>)
       outs(%acc : tensor<1x1x2x1xf32>) -> tensor<1x1x2x1xf32>
  return %y : tensor<1x1x2x1xf32>
}

// -----

// Must not fire, and must not fail: depthwise convs whose input is dynamic
// in every dimension (conv.conv2d needs static channels) stay as they are,
// with no reshaped filter left behind (the pass used to exit 1 with no
// message).
// CHECK-LABEL: func.func @dynamic_dw
// CHECK-NOT: conv.conv2d
// CHECK-NOT: tensor.expand_shape
// CHECK: linalg.depthwise_conv_2d_nhwc_hwc
// CHECK-LABEL: func.func @dynamic_dwm
// CHECK-NOT: conv.conv2d
// CHECK-NOT: tensor.expand_shape
// CHECK: linalg.depthwise_conv_2d_nhwc_hwcm
func.func @dynamic_dw(%input: tensor<?x?x?x?xf32>, %filter: tensor<2x2x3xf32>, %init: tensor<?x?x?x3xf32>) -> tensor<?x?x?x3xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %filter : tensor<?x?x?x?xf32>, tensor<2x2x3xf32>) outs(%init : tensor<?x?x?x3xf32>) -> tensor<?x?x?x3xf32>
  return %0 : tensor<?x?x?x3xf32>
}
func.func @dynamic_dwm(%input: tensor<?x?x?x?xf32>, %filter: tensor<2x2x3x2xf32>, %init: tensor<?x?x?x3x2xf32>) -> tensor<?x?x?x3x2xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %filter : tensor<?x?x?x?xf32>, tensor<2x2x3x2xf32>) outs(%init : tensor<?x?x?x3x2xf32>) -> tensor<?x?x?x3x2xf32>
  return %0 : tensor<?x?x?x3x2xf32>
}
