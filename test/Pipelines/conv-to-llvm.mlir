// The conv-to-llvm pipeline: conv.conv2d down to the LLVM dialect only, with
// destination passing (the default) or memref descriptors returned, the
// target attributes of the options, and a pipeline that can be replayed pass
// by pass with --pass-pipeline.

// With destination passing (the default).
// RUN: conv-opt %s --conv-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma" \
// RUN:   | FileCheck %s --check-prefix=DPS \
// RUN:       --implicit-check-not=conv. --implicit-check-not=linalg. \
// RUN:       --implicit-check-not=tensor. --implicit-check-not=memref. \
// RUN:       --implicit-check-not=bufferization. --implicit-check-not=arith. \
// RUN:       --implicit-check-not=affine. --implicit-check-not=scf. \
// RUN:       --implicit-check-not=cf. --implicit-check-not=func.func \
// RUN:       --implicit-check-not=unrealized_conversion_cast

// Without destination passing: results come back as memref descriptors.
// RUN: conv-opt %s --conv-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma destination-passing=false" \
// RUN:   | FileCheck %s --check-prefix=RET \
// RUN:       --implicit-check-not=conv. --implicit-check-not=linalg. \
// RUN:       --implicit-check-not=tensor. --implicit-check-not=memref. \
// RUN:       --implicit-check-not=arith. --implicit-check-not=func.func

// The first stage alone, replayed with --pass-pipeline: conv becomes linalg.
// RUN: conv-opt %s --pass-pipeline="builtin.module(func.func(convert-conv-to-linalg))" \
// RUN:   | FileCheck %s --check-prefix=LINALG --implicit-check-not=conv.conv2d

// The stages up to out-params: results become trailing memref arguments.
// RUN: conv-opt %s --pass-pipeline="builtin.module(func.func(convert-conv-to-linalg),canonicalize,one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},buffer-results-to-out-params{hoist-static-allocs modify-public-functions})" \
// RUN:   | FileCheck %s --check-prefix=OUTPARAMS

// The whole pipeline spelled out pass by pass gives the same module.
// RUN: conv-opt %s --conv-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma" -o %t.pipeline.mlir
// RUN: conv-opt %s -o %t.replay.mlir --pass-pipeline="builtin.module(func.func(convert-conv-to-vector{target-cpu=x86-64-v3 target-features=+avx2,+fma}),func.func(convert-conv-to-linalg),canonicalize,cse,func.func(conv-distinct-results),one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},canonicalize,buffer-results-to-out-params{hoist-static-allocs modify-public-functions},expand-realloc,canonicalize,ownership-based-buffer-deallocation,canonicalize,buffer-deallocation-simplification,bufferization-lower-deallocations,cse,canonicalize,convert-bufferization-to-memref,scf-forall-to-for,func.func(conv-strided-copies-to-linalg),func.func(convert-linalg-to-loops),loop-invariant-code-motion,expand-strided-metadata,lower-affine,func.func(convert-vector-to-scf{full-unroll}),arith-expand{include-bf16},convert-scf-to-cf,convert-vector-to-llvm{enable-x86vector vector-transpose-lowering=shuffle1d},finalize-memref-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,convert-ub-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,reconcile-unrealized-casts,canonicalize,conv-set-llvm-target{target-cpu=x86-64-v3 target-features=+avx2,+fma})"
// RUN: diff %t.pipeline.mlir %t.replay.mlir

// The pipeline's passes, in order, as --dump-pass-pipeline shows them; the
// options reach the last pass, and destination-passing=false drops
// buffer-results-to-out-params.
// RUN: conv-opt %s --conv-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma" --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PIPELINE
// RUN: conv-opt %s --conv-to-llvm="destination-passing=false" --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-DPS-PIPELINE

// PIPELINE: builtin.module(
// PIPELINE-NEXT: func.func(
// PIPELINE-NEXT: convert-conv-to-vector{
// PIPELINE-SAME: target-cpu=x86-64-v3 target-features=+avx2,+fma
// PIPELINE: func.func(
// PIPELINE-NEXT: convert-conv-to-linalg
// PIPELINE: conv-distinct-results
// PIPELINE-NEXT: )
// PIPELINE-NEXT: one-shot-bufferize{
// PIPELINE-SAME: bufferize-function-boundaries=true
// PIPELINE-SAME: function-boundary-type-conversion=identity-layout-map
// PIPELINE-NEXT: canonicalize{
// PIPELINE-NEXT: buffer-results-to-out-params{
// PIPELINE-SAME: hoist-static-allocs=true modify-public-functions=true}
// PIPELINE: ownership-based-buffer-deallocation
// PIPELINE: conv-strided-copies-to-linalg
// PIPELINE: convert-linalg-to-loops
// PIPELINE: arith-expand{include-bf16=true
// PIPELINE: convert-func-to-llvm
// PIPELINE: reconcile-unrealized-casts
// PIPELINE: conv-set-llvm-target{target-cpu=x86-64-v3 target-features=+avx2,+fma target-triple=}
// PIPELINE-NEXT: )

// NO-DPS-PIPELINE-NOT: buffer-results-to-out-params
// NO-DPS-PIPELINE: conv-set-llvm-target{target-cpu=host target-features=host target-triple=}

// Runtime helpers are declarations: they get no target attributes.
// DPS-DAG: llvm.func @malloc(i64) -> !llvm.ptr{{$}}
// DPS-DAG: llvm.func @free(!llvm.ptr){{$}}

//===----------------------------------------------------------------------===//
// f32 with bias and padding
//===----------------------------------------------------------------------===//

// With destination passing, the operands (4-D input, 4-D filter, 1-D bias)
// are followed by the 4-D result as an out-param descriptor, and nothing is
// returned.
// DPS-LABEL: llvm.func @conv_f32({{%[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){2}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64}}) attributes {target_cpu = "x86-64-v3", target_features = #llvm.target_features<[{{.*}}"+avx2"{{.*}}"-avx512f"{{.*}}"+fma"{{.*}}]>} {
// The default (direct) strategy: 256-bit vector FMAs for an AVX2 target.
// DPS: llvm.intr.fmuladd({{.*}}) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// DPS: llvm.return{{$}}
// Without destination passing, the three operands only, and the 4-D result
// returned as a descriptor.
// RET-LABEL: llvm.func @conv_f32({{%[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){2}, %[^:,]+: i64}}) -> !llvm.struct<(ptr, ptr, i64, array<4 x i64>, array<4 x i64>)> attributes {target_cpu = "x86-64-v3", target_features = #llvm.target_features<[{{.*}}"+avx2"{{.*}}"-avx512f"{{.*}}"+fma"{{.*}}]>} {
// RET: llvm.return %{{.+}} : !llvm.struct<(ptr, ptr, i64, array<4 x i64>, array<4 x i64>)>
// LINALG-LABEL: func.func @conv_f32
// LINALG: tensor.pad
// LINALG: linalg.conv_2d_nhwc_hwcf
// OUTPARAMS-LABEL: func.func @conv_f32
// OUTPARAMS-SAME: (%{{.+}}: memref<1x4x4x2xf32>, %{{.+}}: memref<3x3x2x4xf32>, %{{.+}}: memref<4xf32>, %[[OUT:.+]]: memref<1x4x4x4xf32>) {
// OUTPARAMS: linalg.conv_2d_nhwc_hwcf
// OUTPARAMS-SAME: outs(%[[OUT]] : memref<1x4x4x4xf32>)
// OUTPARAMS: return{{$}}
func.func @conv_f32(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x4xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1] : tensor<1x4x4x2xf32>, tensor<3x3x2x4xf32>, tensor<4xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

//===----------------------------------------------------------------------===//
// bf16, NCHW/OIHW, grouped
//===----------------------------------------------------------------------===//

// Output rows of 3 pixels are too narrow for the planar kernel (vectors of 8
// along W): the conv runs on NHWC, transposed in buffers that are allocated.

// With destination passing: input, filter and the out-param; bf16 is
// converted through i16 bit manipulation (arith-expand), so no bf16 float
// arithmetic is left.
// DPS-LABEL: llvm.func @conv_bf16_nchw({{%[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64, %[^:,]+: !llvm.ptr, %[^:,]+: !llvm.ptr(, %[^:,]+: i64){8}, %[^:,]+: i64}}) attributes {target_cpu = "x86-64-v3", target_features = #llvm.target_features<[{{.*}}"+avx2"{{.*}}"-avx512f"{{.*}}"+fma"{{.*}}]>} {
// DPS-NOT: llvm.fpext
// DPS-NOT: llvm.fptrunc
// DPS: llvm.bitcast %{{.+}} : vector<{{[0-9]+}}xbf16> to vector<{{[0-9]+}}xi16>
// DPS: llvm.bitcast %{{.+}} : vector<{{[0-9]+}}xi16> to vector<{{[0-9]+}}xbf16>
// DPS: llvm.return{{$}}
// RET-LABEL: llvm.func @conv_bf16_nchw(
// RET-SAME: -> !llvm.struct<(ptr, ptr, i64, array<4 x i64>, array<4 x i64>)>
// RET: llvm.return %{{.+}} : !llvm.struct<(ptr, ptr, i64, array<4 x i64>, array<4 x i64>)>
// LINALG-LABEL: func.func @conv_bf16_nchw
// LINALG: linalg.transpose
// LINALG: linalg.generic
// OUTPARAMS-LABEL: func.func @conv_bf16_nchw
// OUTPARAMS-SAME: (%{{.+}}: memref<1x4x5x5xbf16>, %{{.+}}: memref<4x2x3x3xbf16>, %{{.+}}: memref<1x4x3x3xbf16>) {
func.func @conv_bf16_nchw(%x: tensor<1x4x5x5xbf16>, %w: tensor<4x2x3x3xbf16>) -> tensor<1x4x3x3xbf16> {
  %y = conv.conv2d %x, %w groups = 2 input_layout = NCHW filter_layout = OIHW : tensor<1x4x5x5xbf16>, tensor<4x2x3x3xbf16> -> tensor<1x4x3x3xbf16>
  return %y : tensor<1x4x3x3xbf16>
}

//===----------------------------------------------------------------------===//
// Input-channel blocks: the result is still the caller's buffer
//===----------------------------------------------------------------------===//

// The direct kernel's reduction blocks (c-block: 2048 channels x 3x3 taps x
// a 256-bit target's 16-channel blocks is 1.1 MiB of filter) carry the
// output through a loop;
// canonicalization folds the loop's result back to its buffer, so the
// out-param is written in place: no scratch result copied into it per call.
// DPS-LABEL: llvm.func @conv_c_block(
// DPS-NOT: llvm.intr.memcpy
// DPS-NOT: llvm.call @malloc
// DPS: llvm.return{{$}}
// DPS-NEXT: }
func.func @conv_c_block(%x: tensor<1x3x3x2048xf32>, %w: tensor<3x3x2048x32xf32>) -> tensor<1x3x3x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] : tensor<1x3x3x2048xf32>, tensor<3x3x2048x32xf32> -> tensor<1x3x3x32xf32>
  return %y : tensor<1x3x3x32xf32>
}

// An OIHW argument filter with reduction blocks: each block's filter slice
// is packed into one buffer made once per call, outside the loops, so that
// conv-hoist-scratch turns it into a scratch argument (x86-64-v3 names no
// core: the default 256 KiB L2, 3/8 of which holds 2 blocks of 16 output
// channels x 3 x 3 x 64 channels): no allocation in the function.
// RUN: conv-opt %s --conv-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma hoist-scratch=true" \
// RUN:   | FileCheck %s --check-prefix=SCRATCH
// SCRATCH: module attributes {conv.scratch = {{{.*}}conv_c_block_oihw = [memref<2x3x3x64x16xf32>]
// SCRATCH-LABEL: llvm.func @conv_c_block_oihw(
// SCRATCH-NOT: llvm.call @malloc
// SCRATCH-NOT: llvm.intr.memcpy
// SCRATCH: llvm.return{{$}}
// SCRATCH-NEXT: }
func.func @conv_c_block_oihw(%x: tensor<1x3x3x2048xf32>, %w: tensor<32x2048x3x3xf32>) -> tensor<1x3x3x32xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] filter_layout = OIHW : tensor<1x3x3x2048xf32>, tensor<32x2048x3x3xf32> -> tensor<1x3x3x32xf32>
  return %y : tensor<1x3x3x32xf32>
}

// An NCHW Winograd conv: the input and the result are transposed in
// tiles around it. The result transpose writes into a view of its own
// destination, which is the function's result, so the caller's buffer is
// written directly: no scratch NCHW result copied out with a memcpy (there
// was one, of the whole result, on every call). Scratch: the NHWC input and
// result, U, V and M.
// RUN: conv-opt %s --conv-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma hoist-scratch=true" \
// RUN:   | FileCheck %s --check-prefix=NCHW-SCRATCH
// NCHW-SCRATCH: module attributes {conv.scratch = {{{.*}}winograd_nchw = [memref<1x10x10x16xf32>, memref<1x1x16x256xf32>, memref<1x1x25x256xf32>, memref<1x1x25x256xf32>]
// NCHW-SCRATCH-LABEL: llvm.func @winograd_nchw(
// NCHW-SCRATCH-NOT: llvm.call @malloc
// NCHW-SCRATCH-NOT: llvm.intr.memcpy
// NCHW-SCRATCH: llvm.return{{$}}
// NCHW-SCRATCH-NEXT: }
func.func @winograd_nchw(%x: tensor<1x16x10x10xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x10x10xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x16x10x10xf32>, tensor<16x16x3x3xf32> -> tensor<1x16x10x10xf32>
  return %y : tensor<1x16x10x10xf32>
}
