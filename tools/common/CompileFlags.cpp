//===- CompileFlags.cpp - Command-line flags of CompileOptions ------------===//
//
// Part of mlir-conv. See CompileFlags.h.
//
//===----------------------------------------------------------------------===//

#include "CompileFlags.h"

using namespace mlir::conv;
using namespace mlir::conv::tools;
namespace cl = llvm::cl;

CpuCompileFlags::CpuCompileFlags(cl::OptionCategory &category)
    : targetTriple("target-triple",
                   cl::desc("LLVM target triple ('': this machine's; "
                            "another architecture: conv-compile only)"),
                   cl::init(""), cl::cat(category)),
      targetCPU("target-cpu",
                cl::desc("CPU to plan and compile for ('host': the one "
                         "MLIR_CONV_HOST_CPU names, or this machine's)"),
                cl::init("host"), cl::cat(category)),
      targetFeatures(
          "target-features",
          cl::desc("Changes to the CPU's features, e.g. -avx512f ('host': "
                   "none)"),
          cl::init("host"), cl::cat(category)),
      strategy("strategy", cl::desc("Conv lowering"),
               cl::init(ConvStrategy::Direct),
               cl::values(clEnumValN(ConvStrategy::Direct, "direct",
                                     "register-blocked vector loops where a "
                                     "plan exists, linalg for the rest"),
                          clEnumValN(ConvStrategy::Linalg, "linalg",
                                     "linalg named ops and loops only")),
               cl::cat(category)),
      owBlock("ow-block",
              cl::desc("Direct strategy: output pixels per register block "
                       "(0: choose)"),
              cl::init(0), cl::cat(category)),
      ohBlock("oh-block",
              cl::desc("Direct strategy: whole output rows per register "
                       "block (0: choose)"),
              cl::init(0), cl::cat(category)),
      cBlock("c-block",
             cl::desc("Direct strategy: input channels per reduction block "
                      "(0: choose, -1: never)"),
             cl::init(0), cl::cat(category)),
      ocVectors("oc-vectors",
                cl::desc("Direct strategy: channel vectors per register "
                         "block (0: choose)"),
                cl::init(0), cl::cat(category)),
      winograd(
          "winograd",
          cl::desc("Direct strategy: Winograd F(2x2, 3x3) for dense 3x3 "
                   "stride-1 f32 convs"),
          cl::init(WinogradPolicy::Auto),
          cl::values(
              clEnumValN(WinogradPolicy::Auto, "auto", "where it pays"),
              clEnumValN(WinogradPolicy::Never, "never", "never"),
              clEnumValN(WinogradPolicy::Always, "always", "where it applies")),
          cl::cat(category)),
      exact("exact",
            cl::desc("Direct strategy: exact strategies only (no Winograd): "
                     "a non-finite input reaches only the outputs whose "
                     "window reads it"),
            cl::init(false), cl::cat(category)) {}

void CpuCompileFlags::apply(runtime::CompileOptions &options) const {
  options.targetTriple = targetTriple;
  options.targetCPU = targetCPU;
  options.targetFeatures = targetFeatures;
  options.strategy = strategy;
  options.owBlock = owBlock;
  options.ohBlock = ohBlock;
  options.cBlock = cBlock;
  options.ocVectors = ocVectors;
  options.winograd = winograd;
  options.exact = exact;
}

GpuCompileFlags::GpuCompileFlags(cl::OptionCategory &category)
    : device("device", cl::desc("Where convs run"), cl::init(Device::CPU),
             cl::values(clEnumValN(Device::CPU, "cpu", "this machine's CPU"),
                        clEnumValN(Device::GPU, "cuda", "an NVIDIA GPU")),
             cl::cat(category)),
      gpuChip("gpu-chip", cl::desc("cuda: GPU architecture"), cl::init("sm_90"),
              cl::cat(category)),
      gpuRegM("gpu-reg-m",
              cl::desc("cuda: output pixels per thread (1, 2, 4; 0: choose)"),
              cl::init(0), cl::cat(category)),
      gpuRegN("gpu-reg-n",
              cl::desc("cuda: output channels per thread (1, 2, 4; 0: "
                       "choose)"),
              cl::init(0), cl::cat(category)),
      gpuTileK("gpu-tile-k",
               cl::desc("cuda: input channels staged per step (0: choose)"),
               cl::init(0), cl::cat(category)),
      gpuSplitK("gpu-split-k",
                cl::desc("cuda: blocks a reduction is split over (0: choose; "
                         "1: none)"),
                cl::init(0), cl::cat(category)),
      gpuDepthwiseKernel(
          "gpu-depthwise-kernel",
          cl::desc("cuda: depthwise convs get the direct kernel (default "
                   "true)"),
          cl::init(true), cl::cat(category)),
      cudaRuntime("cuda-runtime",
                  cl::desc("cuda: libmlir_conv_cuda_runtime.so to use "
                           "(default: the one beside the tool's lib/ or the "
                           "build's)"),
                  cl::cat(category)) {}

void GpuCompileFlags::apply(runtime::CompileOptions &options) const {
  options.device = device;
  options.gpuChip = gpuChip;
  options.gpuRegM = gpuRegM;
  options.gpuRegN = gpuRegN;
  options.gpuTileK = gpuTileK;
  options.gpuSplitK = gpuSplitK;
  options.gpuDepthwiseKernel = gpuDepthwiseKernel;
  if (!cudaRuntime.empty())
    options.cudaRuntimeLibrary = cudaRuntime;
}
