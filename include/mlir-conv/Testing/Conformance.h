//===- Conformance.h - Conv cases and reference checks ----------*- C++ -*-===//
//
// Part of mlir-conv. Loads conformance cases (shared/conformance/FORMAT.md),
// builds the conv.conv2d module a case describes, runs it and compares it
// with the expected output or with the float64 reference.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_RUNTIME_CONFORMANCE_H
#define MLIR_CONV_RUNTIME_CONFORMANCE_H

#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/Reference.h"
#include "mlir-conv/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace mlir::conv::runtime {

/// One case directory: case.json plus input/filter/[bias]/expected .npy.
struct ConvCase {
  std::string name;
  std::string directory;
  ConvGeometry geometry;
  DType dtype = DType::F32;
  double rtol = 0, atol = 0;
  llvm::SmallVector<int64_t, 4> outputShape;
};

/// Reads `directory`/case.json.
llvm::Expected<ConvCase> loadConvCase(llvm::StringRef directory);

/// Every directory under `root` that holds a case.json, sorted.
std::vector<std::string> findConvCases(llvm::StringRef root);

/// The MLIR element type of `dtype` (f16, bf16, f32, f64) in `context`.
Type getElementType(MLIRContext &context, DType dtype);

/// A module with `func.func @<funcName>(input, filter[, bias]) -> output`
/// whose body is one conv.conv2d with geometry `g` (static shapes).
OwningOpRef<ModuleOp> buildConvModule(MLIRContext &context,
                                      const ConvGeometry &g, DType dtype,
                                      llvm::StringRef funcName = "conv");

/// Makes argument `index` of `func` the constant `value` (a frozen model's
/// weights: the lowering then prepares it at compile time) and removes the
/// argument. Fails if `value`'s type differs from the argument's.
LogicalResult freezeArgument(func::FuncOp func, unsigned index,
                             const Tensor &value);

/// The conformance tolerance of FORMAT.md for a result of `dtype`:
/// rtol = 2 ulp of the storage type; atol = maxAbsDot * u_acc *
/// (2 * reductionSize + 16) plus a tiny floor.
struct Tolerance {
  double rtol, atol;
};
Tolerance getConformanceTolerance(DType dtype, int64_t reductionSize,
                                  double maxAbsDot);

/// The inputs of a case, read from its .npy files (input, filter[, bias]).
llvm::Expected<std::vector<Tensor>> loadCaseInputs(const ConvCase &c);

/// Compiles and runs `c`, and compares with its expected.npy.
struct CaseResult {
  Comparison comparison;
  /// The compiled case and its inputs, e.g. for benchmarking.
  std::unique_ptr<Executable> executable;
  std::vector<Tensor> inputs;
};
llvm::Expected<CaseResult> runConvCase(MLIRContext &context, const ConvCase &c,
                                       const CompileOptions &options = {});

/// If `funcName` in `module` is one conv.conv2d on its arguments, returns its
/// geometry for the given input shapes (dynamic dims resolved); otherwise an
/// error saying why the reference cannot check it.
llvm::Expected<ConvGeometry>
getSingleConvGeometry(ModuleOp module, llvm::StringRef funcName,
                      llvm::ArrayRef<const Tensor *> inputs);

/// Compares `output` with the float64 reference conv of `inputs` (input,
/// filter[, bias]) under the conformance tolerance.
struct ReferenceCheck {
  Comparison comparison;
  Tolerance tolerance;
  /// The float64 reference output.
  Tensor reference;
};
ReferenceCheck checkAgainstReference(const ConvGeometry &g,
                                     llvm::ArrayRef<const Tensor *> inputs,
                                     const Tensor &output);

} // namespace mlir::conv::runtime

#endif // MLIR_CONV_RUNTIME_CONFORMANCE_H
