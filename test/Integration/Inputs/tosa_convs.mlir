// TOSA convs for test/Integration/import.test: run through the upstream
// lowering and through our import.
func.func @conv(%x: tensor<2x10x10x6xf32>, %w: tensor<8x3x3x6xf32>,
                %b: tensor<8xf32>) -> tensor<2x5x9x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
         dilation = array<i64: 1, 2>, pad = array<i64: 1, 0, 2, 1>,
         stride = array<i64: 2, 1>}
       : (tensor<2x10x10x6xf32>, tensor<8x3x3x6xf32>, tensor<8xf32>,
          tensor<1xf32>, tensor<1xf32>) -> tensor<2x5x9x8xf32>
  return %y : tensor<2x5x9x8xf32>
}

func.func @depthwise(%x: tensor<1x7x7x4xf32>, %w: tensor<3x3x4x2xf32>,
                     %b: tensor<8xf32>) -> tensor<1x4x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
         dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>,
         stride = array<i64: 2, 2>}
       : (tensor<1x7x7x4xf32>, tensor<3x3x4x2xf32>, tensor<8xf32>,
          tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x8xf32>
  return %y : tensor<1x4x4x8xf32>
}
