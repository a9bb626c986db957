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
    on a Zen 5 host) whichever target machine compiles the module. The
    options are resolved as `convert-conv-to-vector` resolves them
    (`resolveCpuTarget`), so code is compiled for the CPU it was planned
    for: `target-cpu=host` (the default) is the CPU `MLIR_CONV_HOST_CPU`
    names, or this machine's; `target-features=host` (the default) is that
    CPU's own features, anything else `+name`/`-name` changes to them. The
    attribute lists every feature, enabled or not. An empty string leaves
    the attribute alone.

    Example: with `target-cpu=znver4 target-features=-avx512f`,

    ```mlir
    llvm.func @f() { llvm.return }
    ```

    becomes

    ```mlir
    llvm.func @f() attributes {target_cpu = "znver4",
        target_features = #llvm.target_features<[..., "+avx2", ...,
                                                  "-avx512f", ...]>} {
      llvm.return
    }
    ```
  }];
  let options = [
    Option<"targetTriple", "target-triple", "std::string", /*default=*/"\"\"",
           "LLVM target triple ('': this process's, and the module's "
           "llvm.target_triple is left as is)">,
    Option<"targetCPU", "target-cpu", "std::string", /*default=*/"\"host\"",
           "CPU name (e.g. znver4, x86-64-v3), 'host' (MLIR_CONV_HOST_CPU or "
           "this machine's), or '' to leave as is">,
    Option<"targetFeatures", "target-features", "std::string",
           /*default=*/"\"host\"",
           "Changes to the CPU's features (e.g. -avx512f), 'host' (none), or "
           "'' to leave as is">,
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
    in again, which can cost more than the conv (docs/Lowering.md, Scratch
    buffers).

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

def ConvStridedCopiesToLinalgPass
    : Pass<"conv-strided-copies-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Turn memref.copy between non-contiguous memrefs into "
                "linalg.copy";
  let description = [{
    After bufferization: a `memref.copy` whose source or target is not a
    contiguous row-major memref with a static shape (a copy into a strided
    subview, as a padded input's interior) becomes a `linalg.copy`, which
    `convert-linalg-to-loops` turns into loops. `finalize-memref-to-llvm`
    would lower such a copy to a call of MLIR's runtime function
    `memrefCopy`; without it, compiled code needs only the C library, so
    ahead-of-time objects (conv-compile) link without MLIR. Contiguous
    copies are left alone (they become `llvm.memcpy`).

    Example:

    ```mlir
    memref.copy %a, %view : memref<3x15xf32> to memref<3x15xf32, strided<[16, 1]>>
    ```

    becomes

    ```mlir
    linalg.copy ins(%a : memref<3x15xf32>)
                outs(%view : memref<3x15xf32, strided<[16, 1]>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ConvMathApproximationPass
    : Pass<"conv-math-approximation", "::mlir::func::FuncOp"> {
  let summary = "Replace f32 transcendental math ops by polynomial "
                "approximations";
  let description = [{
    `math.exp`, `math.tanh`, `math.erf`, `math.log` and the other f32 ops
    upstream's polynomial approximations cover become arithmetic (within a
    few ulp), which vectorizes. Lowered as they are, they would be calls of
    the C library's scalar `expf`, one element at a time: the sigmoids of a
    model's SiLU activations would cost more than its convs. f64 ops are
    left alone.

    Example:

    ```mlir
    %e = math.exp %x : f32
    ```

    becomes a range reduction, a polynomial and an exponent insertion in
    `arith` and `math.fma` ops.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def ConvPoolingChannelsInnermostPass
    : Pass<"conv-pooling-channels-innermost", "::mlir::func::FuncOp"> {
  let summary = "Put the channel loop of NHWC pooling ops innermost";
  let description = [{
    `linalg.pooling_nhwc_max`, `_min` and `_sum` iterate (n, oh, ow, c, kh,
    kw): lowered to loops as they are, the innermost loop runs over the
    window, one channel at a time, and does not vectorize. This pass
    generalizes them and interchanges the loops to (n, oh, ow, kh, kw, c), so
    that the innermost loop reads and writes consecutive channels, which
    LLVM's loop vectorizer turns into vector code. Other ops are left alone.

    Example:

    ```mlir
    %r = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>,
                                  strides = dense<2> : vector<2xi64>}
           ins(%x, %window : tensor<1x9x9x64xf32>, tensor<3x3xf32>)
           outs(%init : tensor<1x4x4x64xf32>) -> tensor<1x4x4x64xf32>
    ```

    becomes a `linalg.generic` whose iterators are `parallel, parallel,
    parallel, reduction, reduction, parallel`.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // MLIR_CONV_TRANSFORMS_PASSES_TD
