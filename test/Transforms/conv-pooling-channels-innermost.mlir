// RUN: conv-opt %s --conv-pooling-channels-innermost | FileCheck %s

// A max pool iterates (n, oh, ow, c, kh, kw); after the pass the channel is
// the innermost (last) loop: the input is read at (n, oh*2 + kh, ow*2 + kw,
// c) with c = d5, and the window dims d3, d4 are the reductions.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
// CHECK-DAG:   #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-LABEL: func.func @max_pool
// CHECK:         %[[R:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
// CHECK:           arith.maximumf
// CHECK:         return %[[R]]
func.func @max_pool(%x: tensor<1x9x9x64xf32>, %init: tensor<1x4x4x64xf32>) -> tensor<1x4x4x64xf32> {
  %window = tensor.empty() : tensor<3x3xf32>
  %r = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
         ins(%x, %window : tensor<1x9x9x64xf32>, tensor<3x3xf32>)
         outs(%init : tensor<1x4x4x64xf32>) -> tensor<1x4x4x64xf32>
  return %r : tensor<1x4x4x64xf32>
}

// Must not fire: an NCHW pool (its channel is not the last dim) stays.
// CHECK-LABEL: func.func @nchw_pool
// CHECK:         linalg.pooling_nchw_max
func.func @nchw_pool(%x: tensor<1x64x9x9xf32>, %init: tensor<1x64x4x4xf32>) -> tensor<1x64x4x4xf32> {
  %window = tensor.empty() : tensor<3x3xf32>
  %r = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
         ins(%x, %window : tensor<1x64x9x9xf32>, tensor<3x3xf32>)
         outs(%init : tensor<1x64x4x4xf32>) -> tensor<1x64x4x4xf32>
  return %r : tensor<1x64x4x4xf32>
}
