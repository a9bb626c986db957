//===- OneDNNConv.h - oneDNN's conv, for comparison -------------*- C++ -*-===//
//
// Part of mlir-conv. Runs one conv with oneDNN (C API): NHWC source and
// destination, weights given in HWIO and reordered once to the layout
// oneDNN prefers, as an inference engine would.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_BENCH_ONEDNNCONV_H
#define MLIR_CONV_BENCH_ONEDNNCONV_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/Tensor.h"
#include "mlir-conv/Target/CpuTarget.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace mlir::conv::bench {

/// A ready-to-run oneDNN f32 conv on caller-owned NHWC buffers.
class OneDNNConv {
public:
  ~OneDNNConv();
  /// Creates the primitive for `g` (NHWC/HWIO), reorders `filter` (HWIO)
  /// once, and binds `input` and `output`.
  static llvm::Expected<std::unique_ptr<OneDNNConv>>
  create(const ConvGeometry &g, const runtime::Tensor &input,
         const runtime::Tensor &filter, runtime::Tensor &output);
  /// Runs the conv once and waits for it.
  void run();
  /// The implementation oneDNN chose (e.g. "brgconv:avx512_core").
  std::string implementation() const;

private:
  OneDNNConv() = default;
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// Sets the number of OpenMP threads oneDNN uses.
void setOneDNNThreads(int threads);

/// Caps oneDNN to the ISA `target` has (AVX-512 with or without BF16, AVX2,
/// SSE4.1), so that it runs the code it would on that CPU. Must come before
/// any other oneDNN call. Returns the cap's name, or an error where
/// ONEDNN_MAX_CPU_ISA is set in the environment (that cap stays) or oneDNN
/// refuses.
llvm::Expected<std::string> capOneDNNToTarget(const CpuTarget &target);

} // namespace mlir::conv::bench

#endif // MLIR_CONV_BENCH_ONEDNNCONV_H
