//===- Pipelines.h - Pass pipelines of mlir-conv ----------------*- C++ -*-===//
//
// Part of mlir-conv. The one place the pass sequence from the conv dialect to
// the LLVM dialect is written down; conv-opt, conv-run and the runtime all
// build it through `buildConvToLLVMPipeline`.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_PIPELINES_PIPELINES_H
#define MLIR_CONV_PIPELINES_PIPELINES_H

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"
#include "mlir-conv/Support/LoweringChoices.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::conv {

/// Options of the `conv-to-llvm` pipeline.
struct ConvToLLVMOptions : public PassPipelineOptions<ConvToLLVMOptions> {
  PassOptions::Option<ConvStrategy> strategy{
      *this, "strategy", llvm::cl::desc("How convs are lowered"),
      llvm::cl::init(ConvStrategy::Direct),
      llvm::cl::values(
          clEnumValN(ConvStrategy::Direct, "direct",
                     "register-blocked vector loops where a plan exists, "
                     "linalg for the rest"),
          clEnumValN(ConvStrategy::Linalg, "linalg",
                     "linalg named ops and loops only"))};
  PassOptions::Option<int64_t> owBlock{
      *this, "ow-block",
      llvm::cl::desc("Direct strategy: output pixels per block (0: choose)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> ohBlock{
      *this, "oh-block",
      llvm::cl::desc("Direct strategy: whole rows per block (0: choose)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> cBlock{
      *this, "c-block",
      llvm::cl::desc("Direct strategy: input channels per reduction block "
                     "(0: choose, -1: never)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> ocVectors{
      *this, "oc-vectors",
      llvm::cl::desc("Direct strategy: channel vectors per block (0: choose)"),
      llvm::cl::init(0)};
  PassOptions::Option<WinogradPolicy> winograd{
      *this, "winograd",
      llvm::cl::desc("Direct strategy: Winograd F(2x2, 3x3) for dense 3x3 "
                     "stride-1 f32 convs"),
      llvm::cl::init(WinogradPolicy::Auto),
      llvm::cl::values(
          clEnumValN(WinogradPolicy::Auto, "auto",
                     "where it applies and pays (enough output tiles)"),
          clEnumValN(WinogradPolicy::Never, "never",
                     "never (direct kernels only)"),
          clEnumValN(WinogradPolicy::Always, "always", "wherever it applies"))};
  PassOptions::Option<bool> exact{
      *this, "exact",
      llvm::cl::desc("Direct strategy: exact strategies only (no Winograd): "
                     "a non-finite input reaches only the outputs whose "
                     "window reads it"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("Threads the conv rows are spread over (OpenMP; 1: "
                     "sequential loops, no OpenMP runtime needed)"),
      llvm::cl::init(1)};
  PassOptions::Option<bool> destinationPassing{
      *this, "destination-passing",
      llvm::cl::desc("Turn memref results into caller-provided out-params "
                     "(buffer-results-to-out-params, static allocs hoisted)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> hoistScratch{
      *this, "hoist-scratch",
      llvm::cl::desc("Turn the static scratch buffers of public functions "
                     "into trailing arguments listed in the module's "
                     "conv.scratch attribute (conv-hoist-scratch), for a "
                     "runtime that keeps them across calls"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> recordLowering{
      *this, "record-lowering",
      llvm::cl::desc("Record each conv's lowering decision in its "
                     "function's conv.lowering attribute (what conv-run "
                     "--report prints)"),
      llvm::cl::init(false)};
  PassOptions::Option<std::string> targetTriple{
      *this, "target-triple",
      llvm::cl::desc("LLVM target triple to plan and generate code for "
                     "('': this process's)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> targetCPU{
      *this, "target-cpu",
      llvm::cl::desc("CPU to plan and generate code for ('host': the one "
                     "MLIR_CONV_HOST_CPU names, or this machine's)"),
      llvm::cl::init("host")};
  PassOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("Changes to the CPU's features, +name/-name ('host': "
                     "none)"),
      llvm::cl::init("host")};
};

/// Adds the passes from `conv`/linalg/tensor/arith on tensors down to the
/// LLVM dialect to `pm` (anchored on `builtin.module`).
void buildConvToLLVMPipeline(OpPassManager &pm,
                             const ConvToLLVMOptions &options);

/// Options of the `conv-to-nvvm` pipeline.
struct ConvToNVVMOptions : public PassPipelineOptions<ConvToNVVMOptions> {
  PassOptions::Option<std::string> chip{
      *this, "chip", llvm::cl::desc("GPU architecture (sm_90: H100; sm_80)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<std::string> features{
      *this, "features", llvm::cl::desc("PTX features (PTX ISA version)"),
      llvm::cl::init("+ptx80")};
  PassOptions::Option<unsigned> optLevel{
      *this, "opt-level", llvm::cl::desc("Device code optimization level"),
      llvm::cl::init(3)};
  PassOptions::Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Kernel binary: isa (PTX text, needs no CUDA toolkit), "
                     "bin (cubin, needs ptxas) or fatbin"),
      llvm::cl::init("isa")};
  PassOptions::Option<std::string> toolkit{
      *this, "toolkit",
      llvm::cl::desc("CUDA toolkit directory (for bin/fatbin)"),
      llvm::cl::init("/usr/local/cuda")};
  PassOptions::Option<int64_t> regM{
      *this, "reg-m",
      llvm::cl::desc("Output pixels per thread: 1, 2 or 4 (0: choose)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> regN{
      *this, "reg-n",
      llvm::cl::desc("Output channels per thread: 1, 2 or 4 (0: choose)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> tileK{
      *this, "tile-k",
      llvm::cl::desc("Input channels staged per step (0: choose)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> threads{*this, "threads",
                                       llvm::cl::desc("Threads per block"),
                                       llvm::cl::init(256)};
  PassOptions::Option<int64_t> fillBlocks{
      *this, "fill-blocks",
      llvm::cl::desc("Blocks a grid should have at least (about 3/4 of the "
                     "multiprocessors)"),
      llvm::cl::init(96)};
  PassOptions::Option<int64_t> multiprocessors{
      *this, "multiprocessors",
      llvm::cl::desc("The device's multiprocessors (132: H100 SXM)"),
      llvm::cl::init(132)};
  PassOptions::Option<bool> depthwiseKernel{
      *this, "depthwise-kernel",
      llvm::cl::desc("Depthwise convs get the direct kernel"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> splitK{
      *this, "split-k",
      llvm::cl::desc("Blocks a reduction is split over (0: choose; f32)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> destinationPassing{
      *this, "destination-passing",
      llvm::cl::desc("Turn memref results into caller-provided out-params"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> hostToLLVM{
      *this, "host-to-llvm",
      llvm::cl::desc("Lower the host code to the LLVM dialect (false: stop "
                     "after gpu-module-to-binary, with gpu.launch_func on "
                     "memrefs, as ahead-of-time export reads it)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> recordLowering{
      *this, "record-lowering",
      llvm::cl::desc("Record each conv's lowering decision in its "
                     "function's conv.lowering attribute (what conv-run "
                     "--report prints)"),
      llvm::cl::init(false)};
  PassOptions::Option<std::string> targetCPU{
      *this, "target-cpu",
      llvm::cl::desc("Host CPU to generate the host code for"),
      llvm::cl::init("host")};
  PassOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("LLVM target features of the host code"),
      llvm::cl::init("host")};
};

/// Adds the passes from `conv` on tensors to NVIDIA GPU kernels (a
/// `gpu.binary`) and host code in the LLVM dialect that allocates device
/// buffers, copies and launches them through the `mgpu*` runtime functions.
void buildConvToNVVMPipeline(OpPassManager &pm,
                             const ConvToNVVMOptions &options);

/// Adds the conv dialect, the upstream dialects the pipelines produce and
/// their bufferization, ConvertToLLVM and LLVM-IR translation interfaces to
/// `registry`: what compiling a conv function needs (import dialects such as
/// tosa are in registerAllDialects).
void registerConvPipelineDialects(DialectRegistry &registry);

/// Registers `conv-to-llvm` and `conv-to-nvvm` for the command line.
void registerConvPipelines();

} // namespace mlir::conv

#endif // MLIR_CONV_PIPELINES_PIPELINES_H
