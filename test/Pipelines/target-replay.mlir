// conv-opt --conv-to-llvm with target-cpu=X plans and stamps exactly what
// conv-run --target-cpu=X compiles: conv-run prints the pipeline it ran,
// which is conv-opt's (the same options, target-cpu and target-features
// passed down unresolved); both resolve the names with resolveCpuTarget.
// Whatever this machine is, skylake-avx512 plans 16-lane FMAs and stamps
// AVX-512, haswell 8-lane FMAs without it, and MLIR_CONV_HOST_CPU=haswell
// makes the default ("host") Haswell.
//
// RUN: conv-opt %s --conv-to-llvm="target-cpu=skylake-avx512" | FileCheck %s --check-prefix=SKX
// RUN: conv-opt %s --conv-to-llvm="target-cpu=haswell" | FileCheck %s --check-prefix=HSW
// RUN: env MLIR_CONV_HOST_CPU=haswell conv-opt %s --conv-to-llvm | FileCheck %s --check-prefix=HSW
// RUN: conv-opt %s --conv-to-llvm="target-cpu=skylake-avx512 target-features=-avx512f" | FileCheck %s --check-prefix=SKX-AVX2

// The pipelines are the same, pass for pass and option for option.
// RUN: conv-opt %s --conv-to-llvm="target-cpu=haswell hoist-scratch=true record-lowering=true" --dump-pass-pipeline -o /dev/null 2>&1 | sed -n '/^builtin.module(/,/^)$/p' > %t.opt-haswell
// RUN: conv-run %s --target-cpu=haswell --print-pipeline | sed -n '/^builtin.module(/,/^)$/p' > %t.run-haswell
// RUN: diff %t.opt-haswell %t.run-haswell
// RUN: FileCheck %s --check-prefix=PIPELINE < %t.run-haswell
// RUN: conv-opt %s --conv-to-llvm="target-cpu=skylake-avx512 hoist-scratch=true record-lowering=true" --dump-pass-pipeline -o /dev/null 2>&1 | sed -n '/^builtin.module(/,/^)$/p' > %t.opt-skx
// RUN: conv-run %s --target-cpu=skylake-avx512 --report --print-pipeline > %t.run-skx-all
// RUN: sed -n '/^builtin.module(/,/^)$/p' %t.run-skx-all > %t.run-skx
// RUN: diff %t.opt-skx %t.run-skx
// RUN: FileCheck %s --check-prefix=REPORT < %t.run-skx-all

// SKX-LABEL: llvm.func @conv(
// SKX-SAME: target_cpu = "skylake-avx512"
// SKX-SAME: "+avx512f"
// SKX: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>

// HSW-LABEL: llvm.func @conv(
// HSW-SAME: target_cpu = "haswell"
// HSW-SAME: "+avx2"
// HSW-SAME: "-avx512f"
// HSW-NOT: vector<16xf32>
// HSW: llvm.intr.fmuladd({{.*}}) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>

// SKX-AVX2-LABEL: llvm.func @conv(
// SKX-AVX2-SAME: target_cpu = "skylake-avx512"
// SKX-AVX2-SAME: "-avx512f"
// SKX-AVX2: llvm.intr.fmuladd({{.*}}) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>

// PIPELINE: convert-conv-to-vector{{{.*}} target-cpu=haswell target-features=host {{.*}}}
// PIPELINE: conv-set-llvm-target{target-cpu=haswell target-features=host target-triple=}

// REPORT: target: skylake-avx512 ({{.*}}): 512-bit vectors x 32 registers, 2 FMA/cycle, L1 32 KiB, L2 1 MiB, L3 32 MiB (table)
// REPORT: strategy=direct kernel=dense ow={{[0-9]+}} oc={{[0-9]+}}x16

func.func @conv(%x: tensor<1x9x9x8xf32>, %w: tensor<3x3x8x20xf32>) -> tensor<1x9x9x20xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x9x9x8xf32>, tensor<3x3x8x20xf32> -> tensor<1x9x9x20xf32>
  return %y : tensor<1x9x9x20xf32>
}
