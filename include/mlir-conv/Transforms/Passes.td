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

def ConvDistinctResultsPass
    : Pass<"conv-distinct-results", "::mlir::func::FuncOp"> {
  let summary = "Give every tensor result of a function its own value";
  let description = [{
    Before bufferization: a `func.return` that returns one tensor more than
    once returns a copy (`bufferization.alloc_tensor() copy(...)`) in each
    later position. Then every result bufferizes to a buffer of its own, as
    destination passing (`buffer-results-to-out-params`, which crashed on a
    buffer returned twice) and callers expect.

    Example:

    ```mlir
    func.func @f(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
      %y = arith.addf %x, %x : tensor<4xf32>
      return %y, %y : tensor<4xf32>, tensor<4xf32>
    }
    ```

    becomes

    ```mlir
    func.func @f(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
      %y = arith.addf %x, %x : tensor<4xf32>
      %c = bufferization.alloc_tensor() copy(%y) : tensor<4xf32>
      return %y, %c : tensor<4xf32>, tensor<4xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def ConvHoistScratchPass : Pass<"conv-hoist-scratch", "::mlir::ModuleOp"> {
  let summary = "Turn a function's static scratch buffers into arguments";
  let description = [{
    After bufferization and deallocation: every `memref.alloc` of a static,
    identity-layout memref (aligned to at most 64 bytes) in the entry block
    of a public function (the
    layout transposes around a conv, packed filters), that the function
    deallocates in that block and does not return, becomes a new trailing
    argument of the function, and its `memref.dealloc` is erased. The module
    gets a `conv.scratch` dictionary attribute mapping the function's name to
    the types of those arguments, in order, so that a runtime can allocate
    them once and pass them to every call.

    Why: buffers of more than the allocator's mmap threshold are returned to
    the operating system after each call and the next call page-faults them
    in again (12-22 us per 4 KiB page on the machine this was measured on):
    an NCHW depthwise conv (dw3x3s1_56) took 2.47 ms per call instead of
    0.21 ms.

    Example:

    ```mlir
    func.func @f(%a: memref<4xf32>) {
      %t = memref.alloc() : memref<4xf32>
      ...
      memref.dealloc %t : memref<4xf32>
      return
    }
    ```

    becomes

    ```mlir
    module attributes {conv.scratch = {f = [memref<4xf32>]}} {
      func.func @f(%a: memref<4xf32>, %t: memref<4xf32>) { ... return }
    }
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // MLIR_CONV_TRANSFORMS_PASSES_TD
