//===- Passes.td - General passes of mlir-conv -------------*- tablegen -*-===//
//
// Part of mlir-conv. Passes that are not conversions.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TRANSFORMS_PASSES_TD
#define MLIR_CONV_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvSetLLVMTargetPass : Pass<"conv-set-llvm-target", "::mlir::ModuleOp"> {
  let summary = "Attach a target CPU and its features to every llvm.func";
  let description = [{
    Sets `target_cpu` and `target_features` on every `llvm.func` with a body,
    so that LLVM code generation uses the target's vector extensions (AVX-512
    on a Zen 5 host) whichever target machine compiles the module. The value
    `host` (the default of both options) stands for the CPU this pass runs on,
    as `llvm::sys::getHostCPUName` and `getHostCPUFeatures` report it; an empty
    string leaves the attribute alone.

    Example: with `target-cpu=znver4 target-features=+avx512f,+fma`,

    ```mlir
    llvm.func @f() { llvm.return }
    ```

    becomes

    ```mlir
    llvm.func @f() attributes {target_cpu = "znver4",
        target_features = #llvm.target_features<["+avx512f", "+fma"]>} {
      llvm.return
    }
    ```
  }];
  let options = [
    Option<"targetCPU", "target-cpu", "std::string", /*default=*/"\"host\"",
           "CPU name (e.g. znver4, x86-64-v3), 'host', or '' to leave as is">,
    Option<"targetFeatures", "target-features", "std::string",
           /*default=*/"\"host\"",
           "Comma-separated LLVM features (e.g. +avx512f,+fma), 'host', or ''">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // MLIR_CONV_TRANSFORMS_PASSES_TD
