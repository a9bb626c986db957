// RUN: conv-opt %s -split-input-file --convert-tosa-to-conv -verify-diagnostics

// conv.conv2d has no zero points: a tosa conv with one is an error.
func.func @input_zero_point(%x: tensor<1x4x4x2xi8>, %w: tensor<3x1x1x2xi8>,
                            %b: tensor<3xi32>) -> tensor<1x4x4x3xi32> {
  %izp = "tosa.const"() <{values = dense<5> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-error @+1 {{'tosa.conv2d' op cannot be imported: conv.conv2d has no zero points, but the input zero point is 5}}
  %y = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32,
         dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
         stride = array<i64: 1, 1>}
       : (tensor<1x4x4x2xi8>, tensor<3x1x1x2xi8>, tensor<3xi32>,
          tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x3xi32>
  return %y : tensor<1x4x4x3xi32>
}

// -----

func.func @weight_zero_point(%x: tensor<1x4x4x2xi8>, %w: tensor<3x3x2x1xi8>,
                             %b: tensor<2xi32>) -> tensor<1x2x2x2xi32> {
  %izp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-error @+1 {{'tosa.depthwise_conv2d' op cannot be imported: conv.conv2d has no zero points, but the weight zero point is -3}}
  %y = tosa.depthwise_conv2d %x, %w, %b, %izp, %wzp {acc_type = i32,
         dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
         stride = array<i64: 1, 1>}
       : (tensor<1x4x4x2xi8>, tensor<3x3x2x1xi8>, tensor<2xi32>,
          tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x2x2xi32>
  return %y : tensor<1x2x2x2xi32>
}

// -----

func.func @unknown_zero_point(%x: tensor<1x4x4x2xi8>, %w: tensor<3x1x1x2xi8>,
                              %b: tensor<3xi32>, %izp: tensor<1xi8>)
    -> tensor<1x4x4x3xi32> {
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-error @+1 {{'tosa.conv2d' op cannot be imported: its input zero point is not a constant}}
  %y = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32,
         dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
         stride = array<i64: 1, 1>}
       : (tensor<1x4x4x2xi8>, tensor<3x1x1x2xi8>, tensor<3xi32>,
          tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x3xi32>
  return %y : tensor<1x4x4x3xi32>
}

// -----

// Quantized element types (the quant dialect, registered by conv-opt) have
// no lowering: a clear error rather than a silent skip.
func.func @quantized(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.015>>,
                     %w: tensor<16x3x3x3x!quant.uniform<i8:f32, 0.02>>,
                     %b: tensor<16xi32>) -> tensor<1x6x6x16xi32> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-error @+1 {{'tosa.conv2d' op cannot be imported: quantized element type '!quant.uniform<i8:f32, 1.500000e-02>' is not supported (conv.conv2d computes in f16, bf16, f32 or f64)}}
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32,
         dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
         stride = array<i64: 1, 1>}
       : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.015>>,
          tensor<16x3x3x3x!quant.uniform<i8:f32, 0.02>>, tensor<16xi32>,
          tensor<1xi8>, tensor<1xi8>) -> tensor<1x6x6x16xi32>
  return %y : tensor<1x6x6x16xi32>
}
