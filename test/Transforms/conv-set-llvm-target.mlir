// RUN: conv-opt %s --conv-set-llvm-target="target-cpu=znver4 target-features=-avx512f" | FileCheck %s --check-prefix=EXPLICIT
// RUN: env MLIR_CONV_HOST_CPU=haswell conv-opt %s --conv-set-llvm-target="target-cpu= target-features=+avx512f" | FileCheck %s --check-prefix=NOCPU
// RUN: conv-opt %s --conv-set-llvm-target="target-cpu=x86-64-v3 target-features=" | FileCheck %s --check-prefix=NOFEAT
// RUN: conv-opt %s --conv-set-llvm-target | FileCheck %s --check-prefix=HOST
// RUN: env MLIR_CONV_HOST_CPU=haswell conv-opt %s --conv-set-llvm-target | FileCheck %s --check-prefix=HASWELL
// RUN: not conv-opt %s --conv-set-llvm-target="target-cpu=nosuchcpu" 2>&1 | FileCheck %s --check-prefix=BADCPU
// RUN: not conv-opt %s --conv-set-llvm-target="target-cpu=haswell target-features=avx2" 2>&1 | FileCheck %s --check-prefix=BADFEATURE

// conv-set-llvm-target puts target_cpu / target_features on every llvm.func
// with a body (nested modules included), replaces values already there, leaves
// an attribute alone when its option is empty, and never touches declarations
// or non-LLVM functions. Features are resolved as the planner resolves them
// (resolveCpuTarget): every feature LLVM knows, enabled or not, after the
// requested changes to the CPU's own. The default `host` values depend on
// the machine, so the HOST run only checks that a CPU name appears;
// MLIR_CONV_HOST_CPU makes `host` a named CPU.
// BADCPU: error: conv-set-llvm-target: unknown target CPU 'nosuchcpu'
// BADFEATURE: error: conv-set-llvm-target: unknown target feature 'avx2'
// HASWELL-LABEL: llvm.func @definition()
// HASWELL-SAME: target_cpu = "haswell"
// HASWELL-SAME: "+avx2"
// HASWELL-SAME: "-avx512f"

// A definition gets both attributes.
// EXPLICIT-LABEL: llvm.func @definition()
// EXPLICIT-SAME: attributes {target_cpu = "znver4", target_features = #llvm.target_features<[{{.*}}"+avx2"{{.*}}"-avx512bf16"{{.*}}"-avx512f"{{.*}}"+fma"{{.*}}]>}
// An empty target-cpu sets only the features (of the host CPU, changed).
// NOCPU-LABEL: llvm.func @definition()
// NOCPU-NOT: target_cpu
// NOCPU-SAME: attributes {target_features = #llvm.target_features<[{{.*}}"+avx2"{{.*}}"+avx512f"{{.*}}]>} {
// An empty target-features sets only the CPU.
// NOFEAT-LABEL: llvm.func @definition()
// NOFEAT-SAME: attributes {target_cpu = "x86-64-v3"} {
// The host CPU by default.
// HOST-LABEL: llvm.func @definition()
// HOST-SAME: target_cpu = "{{.+}}"
llvm.func @definition() {
  llvm.return
}

// A declaration (no body) gets nothing, whatever the options.
// EXPLICIT-LABEL: llvm.func @declaration(i64) -> !llvm.ptr{{$}}
// NOCPU-LABEL: llvm.func @declaration(i64) -> !llvm.ptr{{$}}
// NOFEAT-LABEL: llvm.func @declaration(i64) -> !llvm.ptr{{$}}
// HOST-LABEL: llvm.func @declaration(i64) -> !llvm.ptr{{$}}
llvm.func @declaration(i64) -> !llvm.ptr

// Attributes already present are replaced by non-empty options and kept when
// the option is empty.
// EXPLICIT-LABEL: llvm.func @preset()
// EXPLICIT-SAME: attributes {target_cpu = "znver4", target_features = #llvm.target_features<[{{.*}}"-avx512f"{{.*}}]>}
// NOCPU-LABEL: llvm.func @preset()
// NOCPU-SAME: attributes {target_cpu = "skylake", target_features = #llvm.target_features<[{{.*}}"+avx512f"{{.*}}]>}
// NOFEAT-LABEL: llvm.func @preset()
// NOFEAT-SAME: attributes {target_cpu = "x86-64-v3", target_features = #llvm.target_features<["+sse4.2"]>}
llvm.func @preset() attributes {target_cpu = "skylake", target_features = #llvm.target_features<["+sse4.2"]>} {
  llvm.return
}

// A func.func is not an llvm.func: it stays unchanged.
// EXPLICIT-LABEL: func.func @not_llvm() {
// NOCPU-LABEL: func.func @not_llvm() {
// NOFEAT-LABEL: func.func @not_llvm() {
// HOST-LABEL: func.func @not_llvm() {
func.func @not_llvm() {
  return
}

// An llvm.func in a nested module is reached too.
// EXPLICIT-LABEL: module @inner
// EXPLICIT: llvm.func @nested()
// EXPLICIT-SAME: attributes {target_cpu = "znver4", target_features = #llvm.target_features<[{{.*}}"-avx512f"{{.*}}]>}
// HOST-LABEL: module @inner
// HOST: llvm.func @nested()
// HOST-SAME: target_cpu = "{{.+}}"
module @inner {
  llvm.func @nested() {
    llvm.return
  }
}
