//===- Chart.h - A PNG bar chart of conv-bench's ratios ---------*- C++ -*-===//
//
// Part of mlir-conv's conv-bench.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_BENCH_CHART_H
#define MLIR_CONV_BENCH_CHART_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::conv::bench {

/// The speedups (oneDNN ms / ours ms) of every shape for one thread count.
struct RatioSeries {
  int threads;
  std::vector<double> ratios;
};

/// Writes a PNG bar chart of `series` over `shapes` (one cluster of bars per
/// shape, one bar per thread count, a dashed line at 1.0) to `path`, by
/// running gnuplot (Debian gnuplot-nox) on a generated script. Fails with a
/// message when gnuplot is missing or fails.
llvm::Error writeRatioChart(llvm::StringRef path,
                            llvm::ArrayRef<std::string> shapes,
                            llvm::ArrayRef<RatioSeries> series);

} // namespace mlir::conv::bench

#endif // MLIR_CONV_BENCH_CHART_H
