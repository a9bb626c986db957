//===- Conformance.h - Conv cases and reference checks ----------*- C++ -*-===//
//
// Part of mlir-conv. Loads conformance cases (shared/conformance/FORMAT.md),
// builds the conv.conv2d module a case describes, runs it and compares it
// with the expected output or with the float64 reference.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_TESTING_CONFORMANCE_H
#define MLIR_CONV_TESTING_CONFORMANCE_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Tensor.h"
#include "mlir-conv/Testing/Reference.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace mlir::conv::testing {

/// One case directory: case.json plus input/filter/[bias]/expected .npy.
struct ConvCase {
  std::string name;
  std::string directory;
  ConvGeometry geometry;
  runtime::DType dtype = runtime::DType::F32;
  double rtol = 0, atol = 0;
  llvm::SmallVector<int64_t, 4> outputShape;
};

/// Reads `directory`/case.json.
llvm::Expected<ConvCase> loadConvCase(llvm::StringRef directory);

/// Every directory under `root` that holds a case.json, sorted.
std::vector<std::string> findConvCases(llvm::StringRef root);

/// The conformance tolerance of FORMAT.md for a result of `dtype`:
/// rtol = 2 ulp of the storage type; atol = maxAbsDot * u_acc *
/// (2 * reductionSize + 16) plus a tiny floor.
struct Tolerance {
  double rtol, atol;
};
Tolerance getConformanceTolerance(runtime::DType dtype, int64_t reductionSize,
                                  double maxAbsDot);

/// The inputs of a case, read from its .npy files (input, filter[, bias]).
llvm::Expected<std::vector<runtime::Tensor>> loadCaseInputs(const ConvCase &c);

/// Compiles and runs `c`, and compares with its expected.npy.
struct CaseResult {
  Comparison comparison;
  /// The compiled case and its inputs, e.g. for benchmarking.
  std::unique_ptr<runtime::Executable> executable;
  std::vector<runtime::Tensor> inputs;
};
llvm::Expected<CaseResult>
runConvCase(MLIRContext &context, const ConvCase &c,
            const runtime::CompileOptions &options = {});

/// If `funcName` in `module` is one conv.conv2d on its arguments, returns its
/// geometry for the given input shapes (dynamic dims resolved); otherwise an
/// error saying why the reference cannot check it.
llvm::Expected<ConvGeometry>
getSingleConvGeometry(ModuleOp module, llvm::StringRef funcName,
                      llvm::ArrayRef<const runtime::Tensor *> inputs);

/// Compares `output` with the float64 reference conv of `inputs` (input,
/// filter[, bias]) under the conformance tolerance.
struct ReferenceCheck {
  Comparison comparison;
  Tolerance tolerance;
  /// The float64 reference output.
  runtime::Tensor reference;
};
ReferenceCheck
checkAgainstReference(const ConvGeometry &g,
                      llvm::ArrayRef<const runtime::Tensor *> inputs,
                      const runtime::Tensor &output);

} // namespace mlir::conv::testing

#endif // MLIR_CONV_TESTING_CONFORMANCE_H
