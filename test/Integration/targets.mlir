// The direct strategy is correct on every target width, and with threads:
// SSE2 (128-bit, 16 registers) here; AVX2 and AVX-512 in targets-avx2.mlir
// and targets-avx512.mlir, which need a host that runs them. The numbers are
// checked against the float64 reference each time.

// RUN: conv-run %s --report --check-reference \
// RUN:   --target-cpu=x86-64 --target-features=+sse2 \
// RUN:   | FileCheck %s --check-prefix=SSE
// SSE: strategy=direct kernel=dense ow={{[0-9]+}} oc={{[0-9]+}}x4
// SSE: reference check: PASS

// Rows spread over two OpenMP threads give the same numbers.
// RUN: conv-run %s --report --check-reference --threads=2 \
// RUN:   | FileCheck %s --check-prefix=THREADS
// THREADS: strategy=direct kernel=dense{{.*}}, threads=2
// THREADS: reference check: PASS

// 20 output channels: a masked tail vector on every width; 3x3 with
// stride 2 on a 41x39 input (19 MFLOP: enough to run in parallel).
func.func @conv(%x: tensor<2x41x39x64xf32>, %w: tensor<3x3x64x20xf32>, %b: tensor<20xf32>) -> tensor<2x21x20x20xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1] : tensor<2x41x39x64xf32>, tensor<3x3x64x20xf32>, tensor<20xf32> -> tensor<2x21x20x20xf32>
  return %y : tensor<2x21x20x20xf32>
}
