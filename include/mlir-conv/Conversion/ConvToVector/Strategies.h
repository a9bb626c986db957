//===- Strategies.h - The CPU conv strategies and their choice --*- C++ -*-===//
//
// Part of mlir-conv. The registry of the CPU lowering strategies and the one
// place a conv's strategy is chosen. Each strategy has a pure `plan` (no IR
// change; it may decline) and a `lower` that is only called after its plan
// accepted the conv. `decideCpuConvLowering` ranks the strategies that
// accept a conv and returns the decision; the convert-conv-to-vector pass
// lowers that decision and records it (LoweringRecord.h), which is what
// `conv-run --report` prints.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_CONVTOVECTOR_STRATEGIES_H
#define MLIR_CONV_CONVERSION_CONVTOVECTOR_STRATEGIES_H

#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"

#include <string>

namespace mlir::conv {

/// What a strategy's plan decided for one conv.
struct ConvLoweringDecision {
  /// The strategy's registered name.
  llvm::StringRef strategy;
  /// The line the report prints, e.g. `strategy=direct kernel=dense ow=6
  /// oc=4x16, input/output kept NCHW, constant filter prepared at compile
  /// time`.
  std::string description;
};

/// One CPU lowering strategy.
struct CpuConvStrategy {
  /// e.g. "winograd", "pointwise-nchw", "planar", "direct".
  llvm::StringRef name;
  /// Looks at `op` without changing any IR: the decision, or failure when
  /// the strategy does not apply (or does not pay) under `options`.
  FailureOr<ConvLoweringDecision> (*plan)(Conv2DOp op,
                                          const DirectConvOptions &options);
  /// Lowers `op`, which `plan` accepted, and replaces it (and the
  /// elementwise consumer it fuses).
  FailureOr<Value> (*lower)(RewriterBase &rewriter, Conv2DOp op,
                            const DirectConvOptions &options);
};

/// The registered CPU strategies, in the order they are ranked.
llvm::ArrayRef<CpuConvStrategy> getCpuConvStrategies();

/// A decision with the strategy that made it.
struct RankedConvLowering {
  const CpuConvStrategy *strategy = nullptr;
  ConvLoweringDecision decision;
};

/// The one decision point: the best-ranked strategy whose plan accepts `op`
/// under `options`, or failure when none does (the conv is then lowered by
/// convert-conv-to-linalg). Ranking is the registry's order of preference:
/// each plan declines where it would not pay (Winograd's tile count, the
/// pointwise-NCHW shape rules), so the first that accepts is the choice.
FailureOr<RankedConvLowering>
decideCpuConvLowering(Conv2DOp op, const DirectConvOptions &options);

/// Lowers `op` with the strategy decideCpuConvLowering chooses (the
/// strategy normalises the layouts it needs), and sets `decided` to that
/// decision. Fails, leaving `op`, when no strategy accepts it. May also
/// replace the elementwise consumer it fuses (so drivers must not hold on to
/// the op after `op`).
FailureOr<Value>
normalizeAndLowerConv2DToVector(RewriterBase &rewriter, Conv2DOp op,
                                const DirectConvOptions &options,
                                ConvLoweringDecision *decided = nullptr);

} // namespace mlir::conv

#endif // MLIR_CONV_CONVERSION_CONVTOVECTOR_STRATEGIES_H
