//===- conv-opt.cpp - mlir-opt for the conv dialect -----------------------===//
//
// Part of mlir-conv. MlirOptMain over the dialects and passes we use.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::conv::registerAllPasses();
  mlir::DialectRegistry registry;
  mlir::conv::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mlir-conv optimizer driver\n", registry));
}
