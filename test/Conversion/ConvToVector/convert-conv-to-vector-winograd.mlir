// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32 winograd=always" | FileCheck %s
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32" | FileCheck %s --check-prefix=AUTO
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32 winograd=never" | FileCheck %s --check-prefix=NEVER
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32 threads=2" | FileCheck %s --check-prefix=TILEROWS
// Exact mode takes no Winograd, whatever winograd=auto would choose.
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 vector-bits=512 num-registers=32 exact=true" | FileCheck %s --check-prefix=NEVER

// Winograd F(2x2, 3x3) for a dense 3x3 stride-1 f32 conv: 3 x 4 = 12 tiles
// of 2 x 2 outputs (the last tile column holds one real column, OW = 7).
// - The filter transform U = G g G^T: one forall iteration per input
//   channel, reading 3 x 3 filter vectors of 16 output channels and writing
//   16 transformed vectors ([1, 1, IC, 16 OC]; G's rows of 1/2 are one
//   multiply by 0.5 each).
// - The input transform V = B^T d B: per tile row, per tile and channel
//   vector, 16 input vectors (taps in the padding select zero), adds and
//   subtracts only, 16 writes ([1, N, tiles, 16 IC]).
// - The 16 GEMMs as one grouped 1x1 conv of V and U, lowered by the dense
//   kernel (no conv.conv2d is left).
// - The output transform Y = A^T M A plus the bias: rows of two outputs per
//   forall iteration, full tiles (4 stores) in a loop, then the odd last
//   column (2 stores).
// The transforms and GEMMs of so small a conv (12 tiles x 48 channels)
// are sequential scf.for loops: spread over threads they would cost more
// than they take.
// CHECK-LABEL: func.func @winograd
// CHECK-SAME: (%[[X:.+]]: tensor<1x6x7x16xf32>, %[[W:.+]]: tensor<3x3x16x32xf32>, %[[B:.+]]: tensor<32xf32>)
// CHECK-NOT: conv.conv2d
// CHECK: %[[UINIT:.+]] = tensor.empty() : tensor<1x1x16x512xf32>
// CHECK: %[[U:.+]] = scf.for %[[C:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %[[UINIT]])
// CHECK: scf.for %[[F:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK-COUNT-9: vector.transfer_read %[[W]][%{{.+}}, %{{.+}}, %[[C]], %[[F]]]
// CHECK: %[[HALF:.+]] = arith.constant dense<5.000000e-01> : vector<16xf32>
// CHECK-NEXT: arith.mulf %{{.+}}, %[[HALF]] : vector<16xf32>
// CHECK-COUNT-16: vector.transfer_write %{{.+}} {in_bounds = [true]} : vector<16xf32>, tensor<1x1x1x512xf32>
// CHECK: %[[VINIT:.+]] = tensor.empty() : tensor<1x1x12x256xf32>
// CHECK: %[[V:.+]] = scf.for %{{.+}} iter_args(%{{.+}} = %[[VINIT]])
// CHECK: tensor.extract_slice %{{.+}} [1, 1, 4, 256] [1, 1, 1, 1] : tensor<1x1x12x256xf32> to tensor<1x1x4x256xf32>
// CHECK-COUNT-16: vector.transfer_read %[[X]]
// CHECK: arith.select %{{.+}} : vector<16xf32>
// CHECK-NOT: arith.mulf
// CHECK: arith.subf %{{.+}} : vector<16xf32>
// CHECK-NOT: arith.mulf
// CHECK-COUNT-16: vector.transfer_write %{{.+}} : vector<16xf32>, tensor<1x1x4x256xf32>
// CHECK: tensor.insert_slice
// CHECK-DAG: tensor.extract %[[V]]{{.+}} : tensor<1x1x12x256xf32>
// CHECK-DAG: vector.transfer_read %[[U]]{{.+}} : tensor<1x1x16x512xf32>, vector<16xf32>
// CHECK: vector.fma
// CHECK: %[[YINIT:.+]] = tensor.empty() : tensor<1x6x7x32xf32>
// CHECK: scf.for %{{.+}} iter_args(%{{.+}} = %[[YINIT]])
// CHECK: tensor.extract_slice %{{.+}} [1, 2, 7, 32] [1, 1, 1, 1] : tensor<1x6x7x32xf32> to tensor<1x2x7x32xf32>
// CHECK: scf.for
// CHECK: scf.for %[[OF:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK-COUNT-16: vector.transfer_read %{{.+}} : tensor<1x1x12x512xf32>, vector<16xf32>
// CHECK: %[[BIAS:.+]] = vector.transfer_read %[[B]][%[[OF]]]
// CHECK: arith.addf %{{.+}}, %[[BIAS]] : vector<16xf32>
// CHECK-COUNT-4: vector.transfer_write %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %[[OF]]] {in_bounds = [true]} : vector<16xf32>, tensor<1x2x7x32xf32>
// CHECK: scf.for
// CHECK-COUNT-2: vector.transfer_write %{{.+}} : vector<16xf32>, tensor<1x2x7x32xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: tensor.insert_slice
// CHECK-NOT: conv.conv2d
// CHECK-NOT: scf.forall
// CHECK: return
// 12 tiles are below the 20 that auto asks for: the direct kernel.
// AUTO-LABEL: func.func @winograd
// AUTO-NOT: tensor<1x1x16x512xf32>
// AUTO: return
// NEVER-LABEL: func.func @winograd
// NEVER-NOT: tensor<1x1x16x512xf32>
// NEVER: return
func.func @winograd(%x: tensor<1x6x7x16xf32>, %w: tensor<3x3x16x32xf32>, %b: tensor<32xf32>) -> tensor<1x6x7x32xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<1x6x7x16xf32>, tensor<3x3x16x32xf32>, tensor<32xf32> -> tensor<1x6x7x32xf32>
  return %y : tensor<1x6x7x32xf32>
}

// -----

// 5 x 5 = 25 tiles: auto takes Winograd too.
// CHECK-LABEL: func.func @winograd_auto
// CHECK: tensor.empty() : tensor<1x1x16x256xf32>
// AUTO-LABEL: func.func @winograd_auto
// AUTO: tensor.empty() : tensor<1x1x16x256xf32>
// AUTO: tensor.empty() : tensor<1x1x25x256xf32>
// AUTO-NOT: conv.conv2d
// AUTO: return
// NEVER-LABEL: func.func @winograd_auto
// NEVER-NOT: tensor<1x1x16x256xf32>
// NEVER: return
func.func @winograd_auto(%x: tensor<1x10x10x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x10x10x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x10x10x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x10x10x16xf32>
  return %y : tensor<1x10x10x16xf32>
}

// -----

// 8 x 8 tiles x 64 channels: the transforms and the GEMMs are scf.forall
// loops (OpenMP threads when the pipeline asks for them).
// AUTO-LABEL: func.func @winograd_parallel
// AUTO: tensor.empty() : tensor<1x1x32x512xf32>
// AUTO: scf.forall (%{{.+}}) in (32)
// AUTO: tensor.empty() : tensor<1x1x64x512xf32>
// AUTO: scf.forall (%{{.+}}, %{{.+}}) in (1, 8)
// AUTO: scf.forall (%{{.+}}, %{{.+}}) in (16, %{{.+}})
// AUTO: scf.forall (%{{.+}}, %{{.+}}) in (1, 8)
// AUTO: return
//
// On 2 threads (U, 32 x 512 values, is at most half of V and M: 64 tiles x
// 512 each) the GEMMs take the tile rows as output rows, rows outermost,
// so each thread multiplies the tiles its input transform wrote.
// TILEROWS-LABEL: func.func @winograd_parallel
// TILEROWS: %[[V:.+]] = scf.forall (%{{.+}}, %{{.+}}) in (1, 8)
// TILEROWS: %[[SPLIT:.+]] = tensor.expand_shape %[[V]] {{\[}}[0], [1], [2, 3], [4]] output_shape [1, 1, 8, 8, 512]
// TILEROWS: tensor.collapse_shape %[[SPLIT]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x1x8x8x512xf32> into tensor<1x8x8x512xf32>
// TILEROWS: scf.forall (%{{.+}}, %{{.+}}) in (%{{.+}}, 16)
// TILEROWS: tensor.collapse_shape %{{.+}} {{\[}}[0], [1], [2, 3], [4]] : tensor<1x1x8x8x512xf32> into tensor<1x1x64x512xf32>
// TILEROWS: return
func.func @winograd_parallel(%x: tensor<1x16x16x32xf32>, %w: tensor<3x3x32x32xf32>) -> tensor<1x16x16x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x16x16x32xf32>, tensor<3x3x32x32xf32> -> tensor<1x16x16x32xf32>
  return %y : tensor<1x16x16x32xf32>
}

// -----

// 256 channels on 7 x 7 tiles: U (256 x 4096 values) is more than half of V
// and M (49 tiles x 4096 each), so even on 2 threads the GEMMs stay split by
// output channels (no reshape).
// TILEROWS-LABEL: func.func @deep_channels
// TILEROWS-NOT: tensor.expand_shape
// TILEROWS: scf.forall (%{{.+}}, %{{.+}}) in (64, %{{.+}})
// TILEROWS-NOT: tensor.expand_shape
// TILEROWS: return
func.func @deep_channels(%x: tensor<1x14x14x256xf32>, %w: tensor<3x3x256x256xf32>) -> tensor<1x14x14x256xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x14x14x256xf32>, tensor<3x3x256x256xf32> -> tensor<1x14x14x256xf32>
  return %y : tensor<1x14x14x256xf32>
}

// -----

// Must not fire, even with winograd=always: stride 2, and a dynamic width
// (the tiles must be known); both take the direct kernel.
// CHECK-LABEL: func.func @not_stride2
// CHECK-NOT: tensor<1x1x16x256xf32>
// CHECK: vector.fma
// CHECK: return
func.func @not_stride2(%x: tensor<1x12x12x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x6x6x16xf32> {
  %y = conv.conv2d %x, %w strides = [2, 2] padding = [1, 1, 1, 1] : tensor<1x12x12x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

// CHECK-LABEL: func.func @not_dynamic
// CHECK-NOT: tensor<1x1x16x256xf32>
// CHECK: vector.fma
// CHECK: return
func.func @not_dynamic(%x: tensor<1x10x?x16xf32>, %w: tensor<3x3x16x16xf32>) -> tensor<1x10x?x16xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x10x?x16xf32>, tensor<3x3x16x16xf32> -> tensor<1x10x?x16xf32>
  return %y : tensor<1x10x?x16xf32>
}

// -----

// f16 with 5 -> 7 channels: transformed and multiplied in f32, the channel
// counts padded to one vector (the filter's missing input channels read as
// zero: min + select), reads of 5 or 7 channels masked, the result
// truncated to f16 and written masked past 7 channels. auto does not take
// it (channels are not whole vectors).
// CHECK-LABEL: func.func @f16_padded_channels
// CHECK-SAME: (%[[X:.+]]: tensor<1x10x10x5xf16>, %[[W:.+]]: tensor<3x3x5x7xf16>)
// CHECK: tensor.empty() : tensor<1x1x16x256xf32>
// CHECK: arith.minsi
// CHECK: %[[WV:.+]] = vector.transfer_read %[[W]]{{.+}} : tensor<3x3x5x7xf16>, vector<16xf16>
// CHECK-NEXT: arith.extf %[[WV]] : vector<16xf16> to vector<16xf32>
// CHECK: arith.select
// CHECK: tensor.empty() : tensor<1x1x25x256xf32>
// CHECK: vector.transfer_read %[[X]]{{.+}} : tensor<1x10x10x5xf16>, vector<16xf16>
// CHECK: %[[Y:.+]] = arith.truncf %{{.+}} : vector<16xf32> to vector<16xf16>
// CHECK: vector.transfer_write %[[Y]], %{{[^ ]+}}[{{[^]]+}}] : vector<16xf16>, tensor<1x2x10x7xf16>
// AUTO-LABEL: func.func @f16_padded_channels
// AUTO-NOT: tensor<1x1x16x256xf32>
// AUTO: return
func.func @f16_padded_channels(%x: tensor<1x10x10x5xf16>, %w: tensor<3x3x5x7xf16>) -> tensor<1x10x10x7xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x10x10x5xf16>, tensor<3x3x5x7xf16> -> tensor<1x10x10x7xf16>
  return %y : tensor<1x10x10x7xf16>
}

// -----

// An elementwise epilogue (residual add + ReLU) is applied in the output
// transform, after the bias: the residual is read at the output vector's
// position, no linalg.generic or intermediate tensor remains.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @winograd_residual_relu
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x8x16xf32>, %[[W:.+]]: tensor<3x3x16x16xf32>, %[[R:.+]]: tensor<1x8x8x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: tensor.empty() : tensor<1x1x16x256xf32>
// CHECK: tensor.empty() : tensor<1x8x8x16xf32>
// CHECK: %[[RES:.+]] = vector.transfer_read %[[R]][%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true]} : tensor<1x8x8x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[SUM:.+]] = arith.addf %{{.+}}, %[[RES]] : vector<16xf32>
// CHECK: %[[RELU:.+]] = arith.maximumf %[[SUM]], %{{.+}} : vector<16xf32>
// CHECK: vector.transfer_write %[[RELU]]
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @winograd_residual_relu(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x16xf32>, %r: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
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

// NCHW/OIHW: the input and result are transposed to and from NHWC around
// the Winograd conv, in vector tiles (as scalar loops, 3x3_14's took
// 0.76 ms a call). The OIHW filter is not transposed: the filter transform
// reads it as [O][I * 9], channel c's 9 taps of 16 output channels being the
// first 9 columns of the 16 x 16 tile at (f, 9 c), transposed by shuffles.
// CHECK-LABEL: func.func @winograd_nchw_oihw
// CHECK-SAME: (%{{[^:]+}}: tensor<1x16x10x10xf32>, %[[W:[^:]+]]: tensor<32x16x3x3xf32>)
// CHECK-NOT: linalg.transpose
// CHECK-NOT: tensor<3x3x16x32xf32>
// CHECK: vector.shuffle
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<32x16x3x3xf32> into tensor<32x144xf32>
// CHECK-NEXT: tensor.empty() : tensor<1x1x16x512xf32>
// CHECK: scf.for %[[C:.+]] = %{{.+}} to %{{.+}} step
// CHECK: scf.for %[[F:.+]] = %{{.+}} to %{{.+}} step
// CHECK: %[[COL0:.+]] = arith.muli %[[C]], %{{.+}} : index
// CHECK: %[[COL:.+]] = arith.addi %[[COL0]], %{{.+}} : index
// CHECK: %[[ROW:.+]] = arith.addi %[[F]], %{{.+}} : index
// CHECK-NEXT: vector.transfer_read %[[ROWS]][%[[ROW]], %[[COL]]], %{{.+}} : tensor<32x144xf32>, vector<16xf32>
// CHECK-COUNT-64: vector.shuffle
// CHECK-NOT: linalg.transpose
// CHECK-NOT: tensor<3x3x16x32xf32>
// CHECK: return
func.func @winograd_nchw_oihw(%x: tensor<1x16x10x10xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x32x10x10xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<1x16x10x10xf32>, tensor<32x16x3x3xf32> -> tensor<1x32x10x10xf32>
  return %y : tensor<1x32x10x10xf32>
}
