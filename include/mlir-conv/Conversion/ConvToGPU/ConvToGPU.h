//===- ConvToGPU.h - conv2d as a tiled GPU kernel ---------------*- C++ -*-===//
//
// Part of mlir-conv. Lowers NHWC/HWIO conv.conv2d to a `gpu.launch` that
// computes it as an implicit GEMM: output pixels x output channels of one
// group per thread block, input and filter tiles staged through workgroup
// (shared) memory, a register block of outputs per thread. The host side
// copies the operands to device buffers and the result back.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_CONVTOGPU_CONVTOGPU_H
#define MLIR_CONV_CONVERSION_CONVTOGPU_CONVTOGPU_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::conv {

class Conv2DOp;

/// What the user forces (0 = choose) and what the device offers.
struct GpuConvOptions {
  /// Output channels per thread (1, 2 or 4; 0 = choose).
  int64_t regN = 0;
  /// Output pixels per thread (1, 2 or 4; 0 = choose).
  int64_t regM = 0;
  /// Input channels per reduction step staged in shared memory (0 = choose).
  int64_t tileK = 0;
  /// Threads per block (a power of two, 32..1024).
  int64_t threads = 256;
  /// Blocks wanted to keep the device busy (about 3/4 of an H100's 132
  /// multiprocessors). The register block shrinks (4, 2, 1 pixels) until the
  /// grid has this many blocks; when even 1 pixel is too few, f32 convs
  /// split the reduction over blocks instead (split-K).
  int64_t fillBlocks = 96;
  /// The device's multiprocessors (132 on an H100 SXM): f32 convs with a
  /// long reduction also split it while the grid has fewer blocks.
  int64_t multiprocessors = 132;
  /// Reduction splits (0 = choose; 1 = none; above 1: f32 only).
  int64_t splitK = 0;
  /// Depthwise convs (one input channel per group) get the direct kernel.
  bool depthwiseKernel = true;
};

/// How one conv is tiled onto the GPU.
struct GpuConvPlan {
  /// Per thread: regM pixels x regN output channels.
  int64_t regM = 1, regN = 1;
  /// Threads along pixels and along output channels (threadsM * threadsN
  /// threads per block).
  int64_t threadsM = 1, threadsN = 1;
  /// Input channels of one tap per shared-memory stage.
  int64_t tileK = 1;
  /// Elements per global load of the input and of the filter (1 or 4).
  int64_t inputVector = 1, filterVector = 1;
  /// Blocks: pixel tiles x channel tiles x (groups * splitK).
  int64_t gridM = 1, gridN = 1, gridG = 1;
  /// Blocks the reduction (taps x channel steps) is split over; above 1 the
  /// blocks add their partial sums atomically into a zeroed output.
  int64_t splitK = 1;
  /// The direct depthwise kernel instead: each thread computes regN output
  /// channels of one pixel straight from global memory (threads along the
  /// channels, so loads are coalesced); gridM blocks of threadsM threads.
  bool depthwise = false;

  int64_t tileM() const { return threadsM * regM; }
  int64_t tileN() const { return threadsN * regN; }
  int64_t threads() const { return threadsM * threadsN; }
  /// `implicit-gemm tile=64x64x8 reg=4x4 grid=49x1x1 vec=4/4`, or
  /// `depthwise vec=4 threads=256 grid=441x1x1`.
  std::string str() const;
};

/// Checks the user's choices in `options` (register blocks 0/1/2/4, threads
/// a power of two in [32, 1024], ...), with the broken rule in `why`.
LogicalResult verifyGpuConvOptions(const GpuConvOptions &options,
                                   std::string *why = nullptr);

/// Chooses the tiling for `g` (static shapes) with `elementType`, or fails
/// (with a reason in `why`) when the GPU lowering does not handle it.
FailureOr<GpuConvPlan> planGpuConv(const ConvGeometry &g, Type elementType,
                                   const GpuConvOptions &options,
                                   std::string *why = nullptr);

/// The plan for `op`, as it will be once its layouts are normalised.
FailureOr<GpuConvPlan> planGpuConv(Conv2DOp op, const GpuConvOptions &options,
                                   std::string *why = nullptr);

/// The attribute of a kernel function declaration that `outlineConv2DForGPU`
/// creates: the conv's strides, dilations, padding, groups and the plan.
constexpr llvm::StringLiteral kGpuConvAttrName = "conv.gpu_conv2d";

/// Replaces the NHWC/HWIO `op` (static shapes) by a call to a new private
/// function declaration `@conv2d_gpu_<i>(input, filter[, bias], output)` on
/// memrefs that carries the conv and its tiling in `kGpuConvAttrName`, with
/// `bufferization.to_buffer` of the operands and a new host buffer for the
/// result, returned as a tensor. The body comes later
/// (`buildGpuConvKernelBody`), after host-side buffer deallocation, which does
/// not understand GPU ops.
FailureOr<Value> outlineConv2DForGPU(RewriterBase &rewriter, Conv2DOp op,
                                     const GpuConvOptions &options);

/// Normalises `op`'s layouts and outlines it with `outlineConv2DForGPU`, when
/// a plan exists for it.
FailureOr<Value> normalizeAndOutlineConv2DForGPU(RewriterBase &rewriter,
                                                 Conv2DOp op,
                                                 const GpuConvOptions &options);

/// Gives the declaration `func` made by `outlineConv2DForGPU` its body:
/// device buffers, host-to-device copies, a `gpu.launch` of the tiled
/// kernel, the copy of the result into the output argument, and frees, on
/// one stream of async tokens.
LogicalResult buildGpuConvKernelBody(RewriterBase &rewriter, func::FuncOp func);

} // namespace mlir::conv

#endif // MLIR_CONV_CONVERSION_CONVTOGPU_CONVTOGPU_H
