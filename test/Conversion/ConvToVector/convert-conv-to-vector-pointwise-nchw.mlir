// RUN: conv-opt %s --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32" -split-input-file | FileCheck %s

// A 1x1 NCHW/OIHW conv of one image is the NHWC/HWIO conv of the filter (64
// rows as 2 x 32 pixels of 24 channels) by the image (24 x 32 pixels as the
// filter): the filter, the image and the result are reshaped, never
// transposed, and the kernel writes into a view of the NCHW result. The
// bias, one per output channel, is per pixel of the swapped conv: one
// scalar (of the 2 x 32 view of the bias) splat over a vector of the
// image's pixels.
// CHECK-LABEL: func.func @bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x24x4x8xf32>, %[[W:.+]]: tensor<64x24x1x1xf32>, %[[B:.+]]: tensor<64xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[WF:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1, 2, 3]] : tensor<64x24x1x1xf32> into tensor<1536xf32>
// CHECK: %[[ROWS:.+]] = tensor.expand_shape %[[WF]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 2, 32, 24] : tensor<1536xf32> into tensor<1x2x32x24xf32>
// CHECK: %[[XF:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2, 3]] : tensor<1x24x4x8xf32> into tensor<768xf32>
// CHECK: %[[IMAGE:.+]] = tensor.expand_shape %[[XF]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 1, 24, 32] : tensor<768xf32> into tensor<1x1x24x32xf32>
// CHECK: %[[NCHW:.+]] = tensor.empty() : tensor<1x64x4x8xf32>
// CHECK: %[[NF:.+]] = tensor.collapse_shape %[[NCHW]]
// CHECK: %[[DEST:.+]] = tensor.expand_shape %[[NF]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 2, 32, 32] : tensor<2048xf32> into tensor<1x2x32x32xf32>
// CHECK: %[[BIAS:.+]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1]] output_shape [2, 32] : tensor<64xf32> into tensor<2x32xf32>
// CHECK: %[[Y:.+]] = scf.for %{{.+}} iter_args(%{{.+}} = %[[DEST]]) -> (tensor<1x2x32x32xf32>)
// CHECK: scf.forall
// CHECK: vector.transfer_read %[[IMAGE]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x1x24x32xf32>, vector<16xf32>
// CHECK: tensor.extract %[[ROWS]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}] : tensor<1x2x32x24xf32>
// CHECK: %[[BS:.+]] = tensor.extract %[[BIAS]][%{{.+}}, %{{.+}}] : tensor<2x32xf32>
// CHECK-NEXT: %[[BV:.+]] = vector.broadcast %[[BS]] : f32 to vector<16xf32>
// CHECK-NEXT: arith.addf %{{.+}}, %[[BV]] : vector<16xf32>
// CHECK-NOT: linalg.generic
// CHECK: %[[YF:.+]] = tensor.collapse_shape %[[Y]] {{\[\[}}0, 1, 2, 3]] : tensor<1x2x32x32xf32> into tensor<2048xf32>
// CHECK: %[[R:.+]] = tensor.expand_shape %[[YF]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 64, 4, 8] : tensor<2048xf32> into tensor<1x64x4x8xf32>
// CHECK: return %[[R]]
func.func @bias(%x: tensor<1x24x4x8xf32>, %w: tensor<64x24x1x1xf32>, %b: tensor<64xf32>) -> tensor<1x64x4x8xf32> {
  %y = conv.conv2d %x, %w, %b input_layout = NCHW filter_layout = OIHW : tensor<1x24x4x8xf32>, tensor<64x24x1x1xf32>, tensor<64xf32> -> tensor<1x64x4x8xf32>
  return %y : tensor<1x64x4x8xf32>
}

// -----

// A residual + ReLU epilogue on the NCHW result carries over to the swapped
// conv (40 output channels: 2 rows of 20 pixels): the residual is read
// through the same view as the result, at the vector's pixels.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @residual_relu
// CHECK-SAME: (%[[X:.+]]: tensor<1x16x4x4xf32>, %[[W:.+]]: tensor<40x16x1x1xf32>, %[[RES:.+]]: tensor<1x40x4x4xf32>)
// CHECK: %[[RF:.+]] = tensor.collapse_shape %[[RES]]
// CHECK: %[[RV:.+]] = tensor.expand_shape %[[RF]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 2, 20, 16] : tensor<640xf32> into tensor<1x2x20x16xf32>
// CHECK-NOT: linalg.generic
// CHECK: %[[R:.+]] = vector.transfer_read %[[RV]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x2x20x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[SUM:.+]] = arith.addf %{{.+}}, %[[R]] : vector<16xf32>
// CHECK: arith.maximumf %[[SUM]], %{{.+}} : vector<16xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @residual_relu(%x: tensor<1x16x4x4xf32>, %w: tensor<40x16x1x1xf32>, %r: tensor<1x40x4x4xf32>) -> tensor<1x40x4x4xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x16x4x4xf32>, tensor<40x16x1x1xf32> -> tensor<1x40x4x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x40x4x4xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x40x4x4xf32>, tensor<1x40x4x4xf32>) outs(%e : tensor<1x40x4x4xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x40x4x4xf32>
  return %out : tensor<1x40x4x4xf32>
}

// -----

// Must not fire: 7x7 = 49 pixels fill 4 vectors of 16 to 77 %; the image
// is not reshaped (the channels-first kernel reads it as it is).
// CHECK-LABEL: func.func @few_pixels
// CHECK-SAME: (%[[X:.+]]: tensor<1x24x7x7xf32>
// CHECK-NOT: tensor.collapse_shape %[[X]]
// CHECK: tensor.extract %[[X]]
func.func @few_pixels(%x: tensor<1x24x7x7xf32>, %w: tensor<64x24x1x1xf32>) -> tensor<1x64x7x7xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x24x7x7xf32>, tensor<64x24x1x1xf32> -> tensor<1x64x7x7xf32>
  return %y : tensor<1x64x7x7xf32>
}

// -----

// Must not fire: two images (each would be a filter of its own), a stride
// of 2 (not a run of pixels), f16, and an HWIO filter (its rows are input
// channels).
// CHECK-LABEL: func.func @two_images
// CHECK-SAME: (%[[X:.+]]: tensor<2x24x4x8xf32>
// CHECK-NOT: tensor.collapse_shape %[[X]]
// CHECK-LABEL: func.func @stride_two
// CHECK-SAME: (%[[X:.+]]: tensor<1x24x8x16xf32>
// CHECK-NOT: tensor.collapse_shape %[[X]]
// CHECK-LABEL: func.func @half
// CHECK-SAME: (%[[X:.+]]: tensor<1x32x4x8xf16>
// CHECK-NOT: tensor.collapse_shape %[[X]]
// CHECK-LABEL: func.func @hwio
// CHECK-SAME: (%[[X:.+]]: tensor<1x24x4x8xf32>
// CHECK-NOT: tensor.collapse_shape %[[X]]
// CHECK: return
func.func @two_images(%x: tensor<2x24x4x8xf32>, %w: tensor<64x24x1x1xf32>) -> tensor<2x64x4x8xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<2x24x4x8xf32>, tensor<64x24x1x1xf32> -> tensor<2x64x4x8xf32>
  return %y : tensor<2x64x4x8xf32>
}
func.func @stride_two(%x: tensor<1x24x8x16xf32>, %w: tensor<64x24x1x1xf32>) -> tensor<1x64x4x8xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] input_layout = NCHW filter_layout = OIHW : tensor<1x24x8x16xf32>, tensor<64x24x1x1xf32> -> tensor<1x64x4x8xf32>
  return %y : tensor<1x64x4x8xf32>
}
func.func @half(%x: tensor<1x32x4x8xf16>, %w: tensor<64x32x1x1xf16>) -> tensor<1x64x4x8xf16> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW : tensor<1x32x4x8xf16>, tensor<64x32x1x1xf16> -> tensor<1x64x4x8xf16>
  return %y : tensor<1x64x4x8xf16>
}
func.func @hwio(%x: tensor<1x24x4x8xf32>, %w: tensor<1x1x24x64xf32>) -> tensor<1x64x4x8xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW : tensor<1x24x4x8xf32>, tensor<1x1x24x64xf32> -> tensor<1x64x4x8xf32>
  return %y : tensor<1x64x4x8xf32>
}
