// RUN: conv-opt %s --conv-to-llvm="target-cpu=haswell hoist-scratch=true" | FileCheck %s

// The per-call copy of an argument filter into blocks (43 blocks of 24
// output channels for Haswell's 3 x 8-lane register block) lives in a
// scratch buffer the runtime allocates once: no allocation and no memcpy
// in the function.
// CHECK: module attributes {conv.scratch = {conv = [memref<43x1x1x1024x24xf32>]}}
// CHECK-LABEL: llvm.func @conv(
// CHECK-NOT: llvm.call @malloc
// CHECK-NOT: llvm.intr.memcpy
// CHECK: llvm.return{{$}}
// CHECK-NEXT: }
func.func @conv(%x: tensor<1x7x7x1024xf32>, %w: tensor<1x1x1024x1024xf32>) -> tensor<1x7x7x1024xf32> {
  %y = conv.conv2d %x, %w : tensor<1x7x7x1024xf32>, tensor<1x1x1024x1024xf32> -> tensor<1x7x7x1024xf32>
  return %y : tensor<1x7x7x1024xf32>
}
