// conv-to-llvm for an AArch64 CPU from any host: the planner takes the
// target's NEON vectors (4 f32 lanes) and 32 registers, no x86 intrinsic is
// emitted, and the module and functions carry the triple, CPU and features.
// conv-opt replays exactly the pipeline conv-compile ran for that target.
//
// RUN: conv-opt %s --conv-to-llvm="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" | FileCheck %s
// RUN: conv-compile %s -o %t.o --target-triple=aarch64-linux-gnu --target-cpu=neoverse-n1 --print-pipeline | sed -n '/^builtin.module(/,/^)$/p' > %t.compile
// RUN: conv-opt %s --conv-to-llvm="target-triple=aarch64-linux-gnu target-cpu=neoverse-n1" --dump-pass-pipeline -o /dev/null 2>&1 | sed -n '/^builtin.module(/,/^)$/p' > %t.opt
// RUN: diff %t.compile %t.opt
// RUN: FileCheck %s --check-prefix=PIPELINE < %t.compile

// CHECK: module attributes {llvm.target_triple = "aarch64-linux-gnu"}
// CHECK-LABEL: llvm.func @conv
// CHECK-SAME: target_cpu = "neoverse-n1"
// CHECK-SAME: target_features = #llvm.target_features<[{{.*}}"+neon"
// CHECK: llvm.intr.fmuladd({{.*}}) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// CHECK-NOT: x86vector
// CHECK-NOT: vector<8xf32>
// CHECK-NOT: vector<16xf32>

// PIPELINE: convert-conv-to-vector{{{.*}} target-cpu=neoverse-n1 {{.*}}target-triple=aarch64-linux-gnu{{.*}}}
// PIPELINE: conv-set-llvm-target{target-cpu=neoverse-n1 target-features=host target-triple=aarch64-linux-gnu}

func.func @conv(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x16x32xf32>) -> tensor<1x8x8x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x8x8x16xf32>, tensor<3x3x16x32xf32> -> tensor<1x8x8x32xf32>
  return %y : tensor<1x8x8x32xf32>
}
