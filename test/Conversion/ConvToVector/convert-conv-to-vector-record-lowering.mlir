// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 record-lowering=true" | FileCheck %s
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512 record-lowering=true" --convert-conv-to-linalg="record-lowering=true" | FileCheck %s --check-prefix=BOTH
// RUN: conv-opt %s -split-input-file --convert-conv-to-linalg="record-lowering=true" | FileCheck %s --check-prefix=LINALG
// RUN: conv-opt %s -split-input-file --convert-conv-to-vector="target-cpu=skylake-avx512" --convert-conv-to-linalg | FileCheck %s --check-prefix=OFF

// With record-lowering, the strategy each conv was given is written into its
// function's conv.lowering attribute, one line per conv in their order:
// what conv-run --report prints. A conv the direct lowering declines is
// recorded once, as going to linalg, and convert-conv-to-linalg does not
// record it again; on its own, convert-conv-to-linalg records the convs it
// lowers. Without the option nothing is recorded (OFF).

// A 56x56 3x3 layer takes Winograd, the 1x1 after it the dense kernel.
// CHECK-LABEL: func.func @two
// CHECK-SAME: conv.lowering = [
// CHECK-SAME: "conv at {{[^"]*}}: tensor<1x56x56x64xf32> * tensor<3x3x64x64xf32> groups=1: strategy=winograd F(2x2,3x3) tiles=28x28 {{[^"]*}}kernel=dense {{[^"]*}}x16",
// CHECK-SAME: "conv at {{[^"]*}}: tensor<1x56x56x64xf32> * tensor<1x1x64x32xf32> groups=1: strategy=direct kernel=dense ow={{[0-9]+}} oc={{[0-9]+}}x16{{[^"]*}}"]
// CHECK-NOT: conv.conv2d
// OFF-NOT: conv.lowering
// LINALG-LABEL: func.func @two
// LINALG-SAME: conv.lowering = ["conv at {{[^"]*}}: strategy=linalg", "conv at {{[^"]*}}: strategy=linalg"]
func.func @two(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64xf32>,
               %w2: tensor<1x1x64x32xf32>) -> tensor<1x56x56x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x56x56x64xf32>
  %z = conv.conv2d %y, %w2
      : tensor<1x56x56x64xf32>, tensor<1x1x64x32xf32> -> tensor<1x56x56x32xf32>
  return %z : tensor<1x56x56x32xf32>
}

// -----

// An NCHW depthwise conv with an OIHW filter gets the planar kernel, which
// reads every layout as it is.
// CHECK-LABEL: func.func @planar
// CHECK-SAME: conv.lowering = ["conv at {{[^"]*}}: tensor<1x32x28x28xf32> * tensor<32x1x3x3xf32> groups=32: strategy=direct kernel=planar {{[^"]*}}, input/output/filter kept in their layouts"]
func.func @planar(%x: tensor<1x32x28x28xf32>, %w: tensor<32x1x3x3xf32>) -> tensor<1x32x28x28xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 32 input_layout = NCHW filter_layout = OIHW
      : tensor<1x32x28x28xf32>, tensor<32x1x3x3xf32> -> tensor<1x32x28x28xf32>
  return %y : tensor<1x32x28x28xf32>
}

// -----

// Two groups of 4 input channels and 1 output channel: no direct plan. The
// conv stays for convert-conv-to-linalg, which lowers it without a second
// record.
// CHECK-LABEL: func.func @declined
// CHECK-SAME: conv.lowering = ["conv at {{[^"]*}}: tensor<1x6x6x8xf32> * tensor<3x3x4x2xf32> groups=2: strategy=linalg (no direct plan)"]
// CHECK: conv.conv2d
// BOTH-LABEL: func.func @declined
// BOTH-SAME: conv.lowering = ["conv at {{[^"]*}}: strategy=linalg (no direct plan)"]
// BOTH-NOT: conv.conv2d
// BOTH: linalg.generic
func.func @declined(%x: tensor<1x6x6x8xf32>, %w: tensor<3x3x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %y = conv.conv2d %x, %w groups = 2
      : tensor<1x6x6x8xf32>, tensor<3x3x4x2xf32> -> tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}
