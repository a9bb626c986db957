// RUN: conv-opt %s --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32" -split-input-file | FileCheck %s

// An elementwise linalg.generic consuming the conv (residual add + ReLU) is
// applied to each output vector in registers before it is stored: no
// linalg.generic and no intermediate tensor remain, the residual is read at
// the same position as the vector being stored.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @residual_relu
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x16xf32>, %[[W:.+]]: tensor<3x3x16x16xf32>, %[[R:.+]]: tensor<1x8x8x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: scf.forall
// CHECK: %[[ACC:.+]]:{{[0-9]+}} = scf.for %{{.+}} -> ({{(vector<16xf32>, )+}}vector<16xf32>)
// CHECK: %[[RES:.+]] = vector.transfer_read %[[R]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x8x8x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[SUM:.+]] = arith.addf %[[ACC]]#0, %[[RES]] : vector<16xf32>
// CHECK-NEXT: %[[ZEROS:.+]] = vector.broadcast %[[ZERO]] : f32 to vector<16xf32>
// CHECK-NEXT: %[[RELU:.+]] = arith.maximumf %[[SUM]], %[[ZEROS]] : vector<16xf32>
// CHECK: vector.transfer_write %[[RELU]]
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @residual_relu(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>, %r: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x8x8x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x8x8x16xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>) outs(%e : tensor<1x8x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x8x16xf32>
  return %out : tensor<1x8x8x16xf32>
}

// -----

// A clamp with constants inside the body becomes splat vector constants.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @clamp
// CHECK-NOT: linalg.generic
// CHECK: %[[M:.+]] = arith.maximumf %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[HI:.+]] = arith.constant dense<6.000000e+00> : vector<16xf32>
// CHECK-NEXT: %[[CLAMPED:.+]] = arith.minimumf %[[M]], %[[HI]] : vector<16xf32>
// CHECK: vector.transfer_write %[[CLAMPED]]
func.func @clamp(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x6x6x16xf32>
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  %out = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x6x6x16xf32>) outs(%e : tensor<1x6x6x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %lo = arith.constant 0.0 : f32
    %m = arith.maximumf %a, %lo : f32
    %hi = arith.constant 6.0 : f32
    %n = arith.minimumf %m, %hi : f32
    linalg.yield %n : f32
  } -> tensor<1x6x6x16xf32>
  return %out : tensor<1x6x6x16xf32>
}

// -----

// Must not fuse: the conv's result has a second use, so it is materialised
// and the generic stays.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @two_uses
// CHECK: scf.forall
// CHECK-NOT: arith.maximumf %{{.+}} : vector<16xf32>
// CHECK: linalg.generic
// CHECK: arith.maximumf %{{.+}} : f32
func.func @two_uses(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>) -> (tensor<1x6x6x16xf32>, tensor<1x6x6x16xf32>) {
  %y = conv.conv2d %x, %w : tensor<1x8x8x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x6x6x16xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  %out = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x6x6x16xf32>) outs(%e : tensor<1x6x6x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x6x6x16xf32>
  return %y, %out : tensor<1x6x6x16xf32>, tensor<1x6x6x16xf32>
}

// -----

// Must not fuse: a reduction over a dimension is not elementwise.
#in = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
// CHECK-LABEL: func.func @not_elementwise
// CHECK: scf.forall
// CHECK: linalg.generic
func.func @not_elementwise(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>, %init: tensor<1x6x6x1xf32>) -> tensor<1x6x6x1xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x6x6x16xf32>
  %out = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%y : tensor<1x6x6x16xf32>) outs(%init : tensor<1x6x6x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<1x6x6x1xf32>
  return %out : tensor<1x6x6x1xf32>
}

// -----

// The epilogue right after the conv (its init made before the conv), and a
// second conv consuming the first one's fused result: both fuse or lower.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @adjacent_chain
// CHECK-NOT: linalg.generic
// CHECK-NOT: conv.conv2d
// CHECK: arith.maximumf %{{.+}} : vector<16xf32>
// CHECK: return
func.func @adjacent_chain(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>, %w2: tensor<1x1x16x16xf32>) -> tensor<1x6x6x16xf32> {
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  %zero = arith.constant 0.0 : f32
  %y = conv.conv2d %x, %w : tensor<1x8x8x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x6x6x16xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x6x6x16xf32>) outs(%e : tensor<1x6x6x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x6x6x16xf32>
  %z = conv.conv2d %r, %w2 : tensor<1x6x6x16xf32>, tensor<1x1x16x16xf32> -> tensor<1x6x6x16xf32>
  return %z : tensor<1x6x6x16xf32>
}

// -----

// The planar kernel (NCHW depthwise) fuses the epilogue too: its vectors are
// runs of an NCHW output row, so the residual is read at the NCHW position
// (n, channel, row, first column) of the vector being stored.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @planar_residual_relu
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x10x50xf32>, %[[W:.+]]: tensor<8x1x3x3xf32>, %[[R:.+]]: tensor<1x8x10x50xf32>)
// CHECK-NOT: linalg.generic
// CHECK: scf.forall (%[[G:.+]], %{{.+}}) in (8, 1)
// CHECK: scf.for %[[OW:.+]] = %{{.+}} iter_args
// CHECK: %[[ACC:.+]] = vector.fma %{{.+}} : vector<16xf32>
// CHECK: %[[RES:.+]] = vector.transfer_read %[[R]][%{{.+}}, %{{.+}}, %{{.+}}, %[[OW]]], %{{.+}} {in_bounds = [true]} : tensor<1x8x10x50xf32>, vector<16xf32>
// CHECK-NEXT: %[[SUM:.+]] = arith.addf %{{.+}}, %[[RES]] : vector<16xf32>
// CHECK: %[[RELU:.+]] = arith.maximumf %[[SUM]], %{{.+}} : vector<16xf32>
// CHECK: vector.transfer_write %[[RELU]], %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %[[OW]]] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x10x50xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @planar_residual_relu(%x: tensor<1x8x10x50xf32>, %w: tensor<8x1x3x3xf32>, %r: tensor<1x8x10x50xf32>) -> tensor<1x8x10x50xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 8 input_layout = NCHW filter_layout = OIHW
      : tensor<1x8x10x50xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x10x50xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x10x50xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %r : tensor<1x8x10x50xf32>, tensor<1x8x10x50xf32>) outs(%e : tensor<1x8x10x50xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x10x50xf32>
  return %out : tensor<1x8x10x50xf32>
}

// -----

// A bias broadcast along the pixels, (d3) of the NHWC result, fuses too: it
// is read as a vector at the stored vector's channels.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @broadcast_bias_relu
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x16xf32>, %[[W:.+]]: tensor<3x3x16x32xf32>, %[[B:.+]]: tensor<32xf32>)
// CHECK-NOT: linalg.generic
// CHECK: scf.forall
// CHECK: %[[ACC:.+]]:{{[0-9]+}} = scf.for %{{.+}} -> ({{(vector<16xf32>, )+}}vector<16xf32>)
// CHECK: %[[BV:.+]] = vector.transfer_read %[[B]][%{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<32xf32>, vector<16xf32>
// CHECK-NEXT: %[[SUM:.+]] = arith.addf %[[ACC]]#0, %[[BV]] : vector<16xf32>
// CHECK: %[[RELU:.+]] = arith.maximumf %[[SUM]], %{{.+}} : vector<16xf32>
// CHECK: vector.transfer_write %[[RELU]]
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @broadcast_bias_relu(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x32xf32>, %b: tensor<32xf32>) -> tensor<1x6x6x32xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x16xf32>, tensor<3x3x16x32xf32> -> tensor<1x6x6x32xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x6x32xf32>
  %out = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %b : tensor<1x6x6x32xf32>, tensor<32xf32>) outs(%e : tensor<1x6x6x32xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x6x6x32xf32>
  return %out : tensor<1x6x6x32xf32>
}

// -----

// In the planar kernel (vectors along an NCHW row), a per-channel scale,
// (d1), is one scalar for the whole vector: extracted at the vector's
// channel and splat.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @planar_channel_scale
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x10x50xf32>, %[[W:.+]]: tensor<8x1x3x3xf32>, %[[S:.+]]: tensor<8xf32>)
// CHECK-NOT: linalg.generic
// CHECK: scf.forall (%[[G:.+]], %{{.+}}) in (8, 1)
// CHECK: %[[ACC:.+]] = vector.fma %{{.+}} : vector<16xf32>
// CHECK: %[[SC:.+]] = tensor.extract %[[S]][%{{.+}}] : tensor<8xf32>
// CHECK-NEXT: %[[SV:.+]] = vector.broadcast %[[SC]] : f32 to vector<16xf32>
// CHECK-NEXT: %[[P:.+]] = arith.mulf %{{.+}}, %[[SV]] : vector<16xf32>
// CHECK: vector.transfer_write %[[P]]
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @planar_channel_scale(%x: tensor<1x8x10x50xf32>, %w: tensor<8x1x3x3xf32>, %s: tensor<8xf32>) -> tensor<1x8x10x50xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 8 input_layout = NCHW filter_layout = OIHW
      : tensor<1x8x10x50xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x10x50xf32>
  %e = tensor.empty() : tensor<1x8x10x50xf32>
  %out = linalg.generic {indexing_maps = [#id, #channel, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x8x10x50xf32>, tensor<8xf32>) outs(%e : tensor<1x8x10x50xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %p = arith.mulf %a, %c : f32
    linalg.yield %p : f32
  } -> tensor<1x8x10x50xf32>
  return %out : tensor<1x8x10x50xf32>
}

// -----

// Must not fuse: an input read transposed, (d2, d1), is not a broadcast in
// order (the kernel would need a gather).
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#swapped = affine_map<(d0, d1, d2, d3) -> (d2, d1)>
// CHECK-LABEL: func.func @transposed_input
// CHECK: scf.forall
// CHECK: linalg.generic
// CHECK: arith.addf %{{.+}} : f32
func.func @transposed_input(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>, %t: tensor<6x6xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w : tensor<1x8x8x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x6x6x16xf32>
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  %out = linalg.generic {indexing_maps = [#id, #swapped, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %t : tensor<1x6x6x16xf32>, tensor<6x6xf32>) outs(%e : tensor<1x6x6x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x6x6x16xf32>
  return %out : tensor<1x6x6x16xf32>
}

// -----

// The dense kernel with NCHW input and output (register blocks stored
// transposed) fuses too: after the transpose, each channel's row of
// pixels is a vector along W, to which the per-channel scale (one splat
// scalar) and the residual (a vector read along W) apply before the one
// 2-D write of the block.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @nchw_dense_scale_residual
// CHECK-SAME: (%[[X:.+]]: tensor<2x24x13x11xf32>, %[[W:.+]]: tensor<20x24x3x3xf32>, %[[S:.+]]: tensor<20xf32>, %[[R:.+]]: tensor<2x20x7x6xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[ROWS:.+]] = vector.transpose %{{.+}}, [1, 0] : vector<6x16xf32> to vector<16x6xf32>
// CHECK-NEXT: %[[ROW:.+]] = vector.extract %[[ROWS]][0] : vector<6xf32> from vector<16x6xf32>
// CHECK: %[[SC:.+]] = tensor.extract %[[S]][%[[C:.+]]] : tensor<20xf32>
// CHECK-NEXT: %[[SV:.+]] = vector.broadcast %[[SC]] : f32 to vector<6xf32>
// CHECK: %[[RES:.+]] = vector.transfer_read %[[R]][%{{.+}}, %[[C]], %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<2x20x7x6xf32>, vector<6xf32>
// CHECK-NEXT: %[[P:.+]] = arith.mulf %[[ROW]], %[[SV]] : vector<6xf32>
// CHECK-NEXT: %[[Q:.+]] = arith.addf %[[P]], %[[RES]] : vector<6xf32>
// CHECK: %[[M:.+]] = arith.maximumf %[[Q]], %{{.+}} : vector<6xf32>
// CHECK-NEXT: vector.insert %[[M]], %[[ROWS]] [0] : vector<6xf32> into vector<16x6xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @nchw_dense_scale_residual(%x: tensor<2x24x13x11xf32>, %w: tensor<20x24x3x3xf32>, %s: tensor<20xf32>, %r: tensor<2x20x7x6xf32>) -> tensor<2x20x7x6xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<2x24x13x11xf32>, tensor<20x24x3x3xf32> -> tensor<2x20x7x6xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x20x7x6xf32>
  %out = linalg.generic {indexing_maps = [#id, #channel, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %r : tensor<2x20x7x6xf32>, tensor<20xf32>, tensor<2x20x7x6xf32>) outs(%e : tensor<2x20x7x6xf32>) {
  ^bb0(%a: f32, %k: f32, %c: f32, %o: f32):
    %p = arith.mulf %a, %k : f32
    %q = arith.addf %p, %c : f32
    %m = arith.maximumf %q, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x20x7x6xf32>
  return %out : tensor<2x20x7x6xf32>
}

// -----

// A conv lowered in NHWC between layout transposes (Winograd with NCHW
// input): the epilogue is applied by the result's transpose, to each
// channel's vector of pixels along the collapsed H * W, written into a view
// of the epilogue's own destination. The per-channel bias is one splat
// scalar, the residual is read through its [1, C, H * W] view.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @winograd_nchw_epilogue
// CHECK-SAME: (%{{[^:]+}}: tensor<1x16x10x10xf32>, %{{[^:]+}}: tensor<16x16x3x3xf32>, %[[S:[^:]+]]: tensor<16xf32>, %[[R:[^:]+]]: tensor<1x16x10x10xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[RV:.+]] = tensor.collapse_shape %[[R]] {{\[\[}}0], [1], [2, 3]] : tensor<1x16x10x10xf32> into tensor<1x16x100xf32>
// CHECK-NEXT: %[[DST:.+]] = tensor.collapse_shape %{{.+}} {{\[\[}}0], [1], [2, 3]] : tensor<1x16x10x10xf32> into tensor<1x16x100xf32>
// CHECK: %[[Y:.+]] = scf.for %{{.+}} iter_args(%{{.+}} = %[[DST]]) -> (tensor<1x16x100xf32>)
// CHECK: %[[BS:.+]] = tensor.extract %[[S]][%[[C:.+]]] : tensor<16xf32>
// CHECK-NEXT: %[[BV:.+]] = vector.broadcast %[[BS]] : f32 to vector<16xf32>
// CHECK: %[[RES:.+]] = vector.transfer_read %[[RV]][%{{.+}}, %[[C]], %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x16x100xf32>, vector<16xf32>
// CHECK-NEXT: %[[P:.+]] = arith.addf %{{.+}}, %[[BV]] : vector<16xf32>
// CHECK-NEXT: %[[Q:.+]] = arith.addf %[[P]], %[[RES]] : vector<16xf32>
// CHECK-NOT: linalg.generic
// CHECK: %[[OUT:.+]] = tensor.expand_shape %[[Y]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 16, 10, 10] : tensor<1x16x100xf32> into tensor<1x16x10x10xf32>
// CHECK-NEXT: return %[[OUT]]
func.func @winograd_nchw_epilogue(%x: tensor<1x16x10x10xf32>, %w: tensor<16x16x3x3xf32>, %s: tensor<16xf32>, %r: tensor<1x16x10x10xf32>) -> tensor<1x16x10x10xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x16x10x10xf32>, tensor<16x16x3x3xf32> -> tensor<1x16x10x10xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x10x10xf32>
  %out = linalg.generic {indexing_maps = [#id, #channel, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s, %r : tensor<1x16x10x10xf32>, tensor<16xf32>, tensor<1x16x10x10xf32>) outs(%e : tensor<1x16x10x10xf32>) {
  ^bb0(%a: f32, %k: f32, %c: f32, %o: f32):
    %p = arith.addf %a, %k : f32
    %q = arith.addf %p, %c : f32
    %m = arith.maximumf %q, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x16x10x10xf32>
  return %out : tensor<1x16x10x10xf32>
}

// -----

// Must not fuse into the result transpose: an input broadcast along W,
// (d3), is not one value per vector of the collapsed H * W.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#column = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @winograd_nchw_column_scale
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.+}}, %{{.+}} : f32
func.func @winograd_nchw_column_scale(%x: tensor<1x16x10x10xf32>, %w: tensor<16x16x3x3xf32>, %s: tensor<10xf32>) -> tensor<1x16x10x10xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x16x10x10xf32>, tensor<16x16x3x3xf32> -> tensor<1x16x10x10xf32>
  %e = tensor.empty() : tensor<1x16x10x10xf32>
  %out = linalg.generic {indexing_maps = [#id, #column, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %s : tensor<1x16x10x10xf32>, tensor<10xf32>) outs(%e : tensor<1x16x10x10xf32>) {
  ^bb0(%a: f32, %k: f32, %o: f32):
    %p = arith.mulf %a, %k : f32
    linalg.yield %p : f32
  } -> tensor<1x16x10x10xf32>
  return %out : tensor<1x16x10x10xf32>
}
