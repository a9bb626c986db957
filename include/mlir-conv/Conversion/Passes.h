//===- Passes.h - Conversion passes of mlir-conv ----------------*- C++ -*-===//
//
// Part of mlir-conv. Declarations and registration of conversion passes.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_CONVERSION_PASSES_H
#define MLIR_CONV_CONVERSION_PASSES_H

#include "mlir-conv/Conversion/ConvToGPU/ConvToGPU.h"
#include "mlir-conv/Conversion/ConvToLinalg/ConvToLinalg.h"
#include "mlir-conv/Conversion/ConvToVector/ConvToVector.h"
#include "mlir-conv/Conversion/ImportToConv/ImportToConv.h"

#include "mlir/Pass/Pass.h"

namespace mlir::conv {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "mlir-conv/Conversion/Passes.h.inc"

} // namespace mlir::conv

#endif // MLIR_CONV_CONVERSION_PASSES_H
