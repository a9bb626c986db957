//===- Shapes.h - The benchmark shapes file ---------------------*- C++ -*-===//
//
// Part of mlir-conv. Reads shared/bench/shapes.txt: benchdnn descriptors
// plus `id=`, `pad=` (top,bottom,left,right) and `dil=` (true dilation).
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_BENCH_SHAPES_H
#define MLIR_CONV_BENCH_SHAPES_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::conv::bench {

/// One benchmark shape.
struct Shape {
  std::string id;
  /// NHWC / HWIO, no bias.
  ConvGeometry geometry;
};

/// Parses a shapes file; `#` starts a comment.
llvm::Expected<std::vector<Shape>> readShapes(llvm::StringRef path);

} // namespace mlir::conv::bench

#endif // MLIR_CONV_BENCH_SHAPES_H
