// RUN: conv-opt %s --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32" -split-input-file | FileCheck %s

// A constant OIHW filter (a frozen model's) is transposed to HWIO at compile
// time (w[o][i][h][w] at [h][w][i][o]), then laid out in blocks of the
// register block's 16 output channels, [OC/16][KH][KW][IC][16] with the
// lanes past OC = 2 zero: the kernel reads that constant, whole vectors
// in bounds, and no transpose is left to run on every call.
// CHECK-LABEL: func.func @oihw_constant
// CHECK-NOT: linalg.transpose
// CHECK: arith.constant dense<{{\[\[\[\[}}1.000000e+00, 4.000000e+00]], {{\[\[}}2.000000e+00, 5.000000e+00]], {{\[\[}}3.000000e+00, 6.000000e+00]]]]> : tensor<1x3x1x2xf32>
// CHECK: %[[BLOCKS:.+]] = arith.constant dense<{{\[\[\[\[\[}}1.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]], {{\[\[}}2.000000e+00, 5.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]], {{\[\[}}3.000000e+00, 6.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]]]> : tensor<1x1x3x1x16xf32>
// CHECK-NOT: vector.shuffle
// CHECK: vector.transfer_read %[[BLOCKS]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x1x3x1x16xf32>, vector<16xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @oihw_constant(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x2x2xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0]]], [[[4.0, 5.0, 6.0]]]]> : tensor<2x1x1x3xf32>
  %y = conv.conv2d %x, %w filter_layout = OIHW : tensor<1x4x4x1xf32>, tensor<2x1x1x3xf32> -> tensor<1x4x2x2xf32>
  return %y : tensor<1x4x2x2xf32>
}

// -----

// An OIHW filter that is an argument is transposed on every call, in
// vector tiles: no constant is made.
// CHECK-LABEL: func.func @oihw_argument
// CHECK-SAME: (%{{.+}}: tensor<1x4x4x1xf32>, %[[W:.+]]: tensor<2x1x1x3xf32>)
// CHECK-NOT: arith.constant dense<{{.*}}> : tensor<1x3x1x2xf32>
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[W]]
// CHECK: vector.transfer_read %[[FLAT]]
func.func @oihw_argument(%x: tensor<1x4x4x1xf32>, %w: tensor<2x1x1x3xf32>) -> tensor<1x4x2x2xf32> {
  %y = conv.conv2d %x, %w filter_layout = OIHW : tensor<1x4x4x1xf32>, tensor<2x1x1x3xf32> -> tensor<1x4x2x2xf32>
  return %y : tensor<1x4x2x2xf32>
}

// -----

// Winograd's filter transform of a constant filter is computed at compile
// time: U = G g G^T of an all-ones 3x3 filter is t t^T with t = (1, 1.5,
// 0.5, 1), laid out [1, 1, IC, 16 x OC]; input channel 0 starts with 16
// output channels of U[0][0] = 1 (0x3F800000), then 16 of U[0][1] = 1.5,
// 16 of U[0][2] = 0.5, 16 of U[0][3] = 1, 16 of U[1][0] = 1.5. No filter
// loop is emitted.
// CHECK-LABEL: func.func @winograd_constant
// CHECK: %[[U:.+]] = arith.constant dense<"0x0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F0000C03F{{[0-9A-F]+}}"> : tensor<1x1x16x256xf32>
// CHECK-NOT: tensor.empty() : tensor<1x1x16x256xf32>
// CHECK: vector.transfer_read %[[U]]
// CHECK: return
func.func @winograd_constant(%x: tensor<1x12x12x16xf32>) -> tensor<1x12x12x16xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3x16x16xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x12x12x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x12x12x16xf32>
  return %y : tensor<1x12x12x16xf32>
}

// -----

// With 32 channels the GEMMs (a grouped 1x1 conv, 16 groups of 32) take the
// dense kernel, which reads U in blocks of its register block's output
// channels, [16 x 32 / width][1][1][32][width], made at compile time too.
// CHECK-LABEL: func.func @winograd_dense_gemm
// CHECK: arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<1x1x32x512xf32>
// CHECK: %[[UB:.+]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<{{[0-9]+}}x1x1x32x{{[0-9]+}}xf32>
// CHECK: vector.transfer_read %[[UB]]
// CHECK: return
func.func @winograd_dense_gemm(%x: tensor<1x12x12x32xf32>) -> tensor<1x12x12x32xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3x32x32xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x12x12x32xf32>, tensor<3x3x32x32xf32> -> tensor<1x12x12x32xf32>
  return %y : tensor<1x12x12x32xf32>
}

// -----

// A constant filter of the channel-vector kernel (depthwise) keeps its
// HWIO layout: blocks are made for the dense kernel only.
// CHECK-LABEL: func.func @depthwise_constant
// CHECK: %[[W:.+]] = arith.constant dense<5.000000e-01> : tensor<3x3x1x32xf32>
// CHECK-NOT: tensor<{{[0-9]+}}x3x3x1x{{[0-9]+}}xf32>
// CHECK: vector.transfer_read %[[W]]
func.func @depthwise_constant(%x: tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32> {
  %w = arith.constant dense<0.5> : tensor<3x3x1x32xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 32 : tensor<1x8x8x32xf32>, tensor<3x3x1x32xf32> -> tensor<1x8x8x32xf32>
  return %y : tensor<1x8x8x32xf32>
}

// -----

// winograd=auto on a 7x7 output (16 tiles, fewer than the 20 an argument
// filter needs): with a constant filter, transformed at compile time,
// Winograd's 256 products per channel pair against the direct kernel's 361
// pay, so it is taken; with the filter as an argument it is not.
// CHECK-LABEL: func.func @winograd_auto_constant
// CHECK: arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<1x1x16x256xf32>
// CHECK: tensor.empty() : tensor<1x1x16x256xf32>
// CHECK-LABEL: func.func @winograd_auto_argument
// CHECK-NOT: tensor<1x1x16x256xf32>
// CHECK: vector.fma
// CHECK-NOT: tensor<1x1x16x256xf32>
// CHECK: return
func.func @winograd_auto_constant(%x: tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3x16x16xf32>
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x7x7x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x7x7x16xf32>
  return %y : tensor<1x7x7x16xf32>
}
func.func @winograd_auto_argument(%x: tensor<1x7x7x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x7x7x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x7x7x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x7x7x16xf32>
  return %y : tensor<1x7x7x16xf32>
}
