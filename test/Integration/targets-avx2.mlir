// The direct strategy for an AVX2 target (256-bit vectors, 16 registers).
// REQUIRES: avx2
// RUN: conv-run %s --report --check-reference \
// RUN:   --target-cpu=x86-64-v3 --target-features=+avx2,+avx,+fma,+f16c \
// RUN:   | FileCheck %s --check-prefix=AVX2
// AVX2: strategy=direct kernel=dense ow={{[0-9]+}} oc={{[0-9]+}}x8
// AVX2: reference check: PASS
// A CPU named without features plans and compiles for that CPU's own
// features (Haswell: AVX2, no AVX-512), not for this machine's.
// RUN: conv-run %s --report --check-reference --target-cpu=haswell \
// RUN:   | FileCheck %s --check-prefix=AVX2

// 20 output channels: a masked tail vector on every width; 3x3 with
// stride 2 on a 41x39 input (19 MFLOP: enough to run in parallel).
func.func @conv(%x: tensor<2x41x39x64xf32>, %w: tensor<3x3x64x20xf32>, %b: tensor<20xf32>) -> tensor<2x21x20x20xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1] : tensor<2x41x39x64xf32>, tensor<3x3x64x20xf32>, tensor<20xf32> -> tensor<2x21x20x20xf32>
  return %y : tensor<2x21x20x20xf32>
}
