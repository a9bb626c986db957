// --benchmark=N times N calls after a warm-up call and prints one line with
// the median and best time and the GFLOP/s of the median, after the results
// and checks.
//
// RUN: rm -rf %t && split-file %s %t

//--- conv.mlir
// RUN: conv-run %t/conv.mlir --benchmark=3 | FileCheck %s
// CHECK:      result[0]: tensor<1x16x16x16xf32>
// CHECK-NEXT: benchmark: median_ms={{[0-9.]+}} best_ms={{[0-9.]+}} gflops={{[0-9.]+}}
//
// With --check-reference the check comes first; one iteration is enough.
// RUN: conv-run %t/conv.mlir --benchmark=1 --check-reference | FileCheck %s --check-prefix=REF
// REF:      reference check: PASS
// REF-NEXT: benchmark: median_ms={{[0-9.]+}} best_ms={{[0-9.]+}} gflops={{[0-9.]+}}
//
// No benchmark line with --benchmark=0 (the default).
// RUN: conv-run %t/conv.mlir --benchmark=0 | FileCheck %s --check-prefix=NONE
// NONE: result[0]
// NONE-NOT: benchmark:
func.func @conv(%x: tensor<1x16x16x8xf32>, %w: tensor<3x3x8x16xf32>, %b: tensor<16xf32>) -> tensor<1x16x16x16xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x16x16x8xf32>, tensor<3x3x8x16xf32>, tensor<16xf32> -> tensor<1x16x16x16xf32>
  return %y : tensor<1x16x16x16xf32>
}

//--- dynamic.mlir
// A dynamic batch: the FLOPs come from the actual input shapes.
// RUN: conv-run %t/dynamic.mlir --input=2x8x8x4xf32 --input=3x3x4x8xf32 --benchmark=2 | FileCheck %s --check-prefix=DYN
// DYN:      result[0]: tensor<2x8x8x8xf32>
// DYN-NEXT: benchmark: median_ms={{[0-9.]+}} best_ms={{[0-9.]+}} gflops={{[0-9.]+}}
func.func @dynamic(%x: tensor<?x8x8x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<?x8x8x8xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<?x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<?x8x8x8xf32>
  return %y : tensor<?x8x8x8xf32>
}

//--- chain.mlir
// A function of two convs: its FLOPs are the sum of both.
// RUN: conv-run %t/chain.mlir --benchmark=2 | FileCheck %s --check-prefix=CHAIN
// CHAIN:      result[0]: tensor<1x8x8x4xf32>
// CHAIN-NEXT: benchmark: median_ms={{[0-9.]+}} best_ms={{[0-9.]+}} gflops={{[0-9.]+}}
func.func @chain(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x4xf32>) -> tensor<1x8x8x4xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x8x8x4xf32>, tensor<3x3x4x4xf32> -> tensor<1x8x8x4xf32>
  %z = conv.conv2d %y, %w padding = [1, 1, 1, 1]
      : tensor<1x8x8x4xf32>, tensor<3x3x4x4xf32> -> tensor<1x8x8x4xf32>
  return %z : tensor<1x8x8x4xf32>
}
