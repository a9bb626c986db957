//===- LoweringRecord.h - What the lowering decided per conv ----*- C++ -*-===//
//
// Part of mlir-conv. The conv lowering passes (with `record-lowering`) write
// the decision they took for each conv.conv2d into its function, as the
// `conv.lowering` attribute: one line per conv, in the order of the convs.
// The attribute stays on the function down to the LLVM dialect, so the
// runtime's `--report` prints what was decided, never a re-derivation.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_LOWERINGRECORD_H
#define MLIR_CONV_DIALECT_CONV_IR_LOWERINGRECORD_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mlir::conv {

class Conv2DOp;

/// The function attribute holding the records (an array of strings).
inline constexpr llvm::StringLiteral kConvLoweringAttrName = "conv.lowering";

/// Appends `conv at LOC: INPUT * FILTER groups=G: <decision>` for `op` to
/// its function's records and marks `op` as recorded, so a later pass that
/// lowers it does not record it again. Does nothing outside a function.
void recordConvLowering(Conv2DOp op, llvm::StringRef decision);

/// Whether `op` already has a record.
bool isConvLoweringRecorded(Conv2DOp op);

/// The records of `function` (any op with the attribute, e.g. a func.func or
/// the llvm.func it became), which the attribute leaves.
std::vector<std::string> takeConvLoweringRecords(Operation *function);

} // namespace mlir::conv

#endif // MLIR_CONV_DIALECT_CONV_IR_LOWERINGRECORD_H
