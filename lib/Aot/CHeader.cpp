//===- CHeader.cpp - C declarations of compiled conv functions ------------===//
//
// Part of mlir-conv. See CHeader.h.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Aot/CHeader.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

namespace {
/// The C side of one tensor type.
struct CType {
  /// `float`, `double` or `uint16_t`.
  std::string element;
  /// `f32`, `f64`, `f16`, `bf16`.
  std::string suffix;
  int64_t rank;
  /// `MlirConvMemRef4dF32`.
  std::string name() const {
    std::string s = suffix;
    s[0] = std::toupper(s[0]);
    return "MlirConvMemRef" + std::to_string(rank) + "d" + s;
  }
};
} // namespace

static llvm::Expected<CType> getCType(Type type, func::FuncOp func,
                                      const llvm::Twine &what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  std::string text;
  llvm::raw_string_ostream(text) << type;
  if (!tensor || !tensor.hasStaticShape())
    return makeError("@" + func.getSymName() + " " + what + " is " + text +
                     ": ahead-of-time functions take tensors with static "
                     "shapes");
  Type e = tensor.getElementType();
  CType c;
  c.rank = tensor.getRank();
  if (e.isF32())
    c = {"float", "f32", c.rank};
  else if (e.isF64())
    c = {"double", "f64", c.rank};
  else if (e.isF16())
    c = {"uint16_t", "f16", c.rank};
  else if (e.isBF16())
    c = {"uint16_t", "bf16", c.rank};
  else
    return makeError("@" + func.getSymName() + " " + what + " is " + text +
                     ": the element type must be f16, bf16, f32 or f64");
  return c;
}

/// The descriptor struct of `c` and a helper that points it at a dense
/// row-major buffer, guarded so that several headers can define it.
static void writeDescriptor(llvm::raw_ostream &os, const CType &c) {
  std::string name = c.name(), guard = "MLIR_CONV_" + name;
  os << "#ifndef " << guard << "\n#define " << guard << "\n";
  os << "typedef struct " << name << " {\n  " << c.element << " *allocated;\n  "
     << c.element << " *aligned;\n  int64_t offset;\n";
  if (c.rank > 0)
    os << "  int64_t sizes[" << c.rank << "];\n  int64_t strides[" << c.rank
       << "];\n";
  os << "} " << name << ";\n";
  os << "/* Points `d` at the dense row-major `data` of `sizes`. */\n"
     << "static inline void " << name << "Init(" << name << " *d, " << c.element
     << " *data, const int64_t *sizes) {\n"
     << "  d->allocated = data;\n  d->aligned = data;\n  d->offset = 0;\n";
  if (c.rank > 0)
    os << "  int64_t stride = 1;\n  for (int i = " << c.rank - 1
       << "; i >= 0; --i) {\n    d->sizes[i] = sizes[i];\n"
       << "    d->strides[i] = stride;\n    stride *= sizes[i];\n  }\n";
  else
    os << "  (void)sizes;\n";
  os << "}\n#endif\n\n";
}

llvm::Expected<std::string>
mlir::conv::aot::writeCHeader(ModuleOp module, llvm::StringRef guardName) {
  std::string text, decls;
  llvm::raw_string_ostream os(text), ds(decls);
  llvm::StringSet<> defined;
  std::string types;
  llvm::raw_string_ostream ts(types);
  unsigned count = 0;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isDeclaration() || !func.isPublic())
      continue;
    ++count;
    FunctionType type = func.getFunctionType();
    SmallVector<std::string> params;
    auto add = [&](Type t, const llvm::Twine &what,
                   const std::string &param) -> llvm::Error {
      llvm::Expected<CType> c = getCType(t, func, what);
      if (!c)
        return c.takeError();
      if (defined.insert(c->name()).second)
        writeDescriptor(ts, *c);
      params.push_back(c->name() + " *" + param);
      return llvm::Error::success();
    };
    for (auto [i, t] : llvm::enumerate(type.getInputs()))
      if (llvm::Error err =
              add(t, "argument " + llvm::Twine(i), "arg" + std::to_string(i)))
        return std::move(err);
    for (auto [i, t] : llvm::enumerate(type.getResults()))
      if (llvm::Error err =
              add(t, "result " + llvm::Twine(i), "result" + std::to_string(i)))
        return std::move(err);
    std::string signature;
    llvm::raw_string_ostream(signature) << type;
    ds << "/* @" << func.getSymName() << ": " << signature
       << "\n   Reads the arg descriptors' buffers, writes the results into\n"
          "   the buffers the result descriptors point at. */\n"
       << "void _mlir_ciface_" << func.getSymName() << "(";
    for (auto [i, p] : llvm::enumerate(params))
      ds << (i ? ", " : "") << p;
    ds << ");\n\n";
  }
  if (count == 0)
    return makeError("the module has no public function with a body");
  std::string guard = guardName.upper();
  for (char &ch : guard)
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  os << "/* Generated by conv-compile (mlir-conv): the functions of an\n"
        "   ahead-of-time object file. Tensors are memref descriptors. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << types << decls << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard
     << " */\n";
  return text;
}
