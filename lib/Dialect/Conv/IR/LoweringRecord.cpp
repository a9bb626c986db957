//===- LoweringRecord.cpp - What the lowering decided per conv ------------===//
//
// Part of mlir-conv. See LoweringRecord.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/LoweringRecord.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::conv;

/// The unit attribute of a conv that has its record.
static constexpr llvm::StringLiteral kRecordedAttrName =
    "conv.lowering_recorded";

void mlir::conv::recordConvLowering(Conv2DOp op, StringRef decision) {
  auto function = op->getParentOfType<FunctionOpInterface>();
  if (!function)
    return;
  std::string line;
  llvm::raw_string_ostream os(line);
  os << "conv at " << op.getLoc() << ": " << op.getInput().getType() << " * "
     << op.getFilter().getType() << " groups=" << op.getGroups() << ": "
     << decision;
  Builder b(op.getContext());
  SmallVector<Attribute> records;
  if (auto old = function->getAttrOfType<ArrayAttr>(kConvLoweringAttrName))
    records.assign(old.begin(), old.end());
  records.push_back(b.getStringAttr(line));
  function->setAttr(kConvLoweringAttrName, b.getArrayAttr(records));
  op->setAttr(kRecordedAttrName, b.getUnitAttr());
}

bool mlir::conv::isConvLoweringRecorded(Conv2DOp op) {
  return op->hasAttr(kRecordedAttrName);
}

std::vector<std::string>
mlir::conv::takeConvLoweringRecords(Operation *function) {
  std::vector<std::string> lines;
  if (!function)
    return lines;
  if (auto records = function->getAttrOfType<ArrayAttr>(kConvLoweringAttrName))
    for (Attribute record : records)
      if (auto text = dyn_cast<StringAttr>(record))
        lines.push_back(text.str());
  function->removeAttr(kConvLoweringAttrName);
  return lines;
}
