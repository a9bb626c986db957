//===- Executable.cpp - JIT-compiled conv functions -----------------------===//
//
// Part of mlir-conv. Lowers a function with the conv-to-llvm pipeline (or
// conv-to-nvvm for --device=cuda), JITs
// it with mlir::ExecutionEngine and calls its C interface on Tensors.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/Dialect/Conv/IR/LoweringRecord.h"
#include "mlir-conv/Runtime/PipelineOptions.h"
#include "mlir-conv/Support/NestingDepth.h"
#include "mlir-conv/Target/CpuTarget.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <tuple>

#ifndef MLIR_CONV_C_RUNNER_UTILS
#define MLIR_CONV_C_RUNNER_UTILS "libmlir_c_runner_utils.so"
#endif
#ifndef MLIR_CONV_OMP_LIB
#define MLIR_CONV_OMP_LIB "libomp.so"
#endif
#ifndef MLIR_CONV_CUDA_RUNTIME
#define MLIR_CONV_CUDA_RUNTIME ""
#endif

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;

static constexpr unsigned kMaxRank = 8;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

//===----------------------------------------------------------------------===//
// TensorSpec
//===----------------------------------------------------------------------===//

std::string TensorSpec::str() const {
  std::string text = "tensor<";
  for (int64_t d : shape)
    text += (ShapedType::isDynamic(d) ? "?" : std::to_string(d)) + "x";
  return text + getDTypeName(dtype).str() + ">";
}

bool TensorSpec::hasStaticShape() const {
  return llvm::none_of(shape, ShapedType::isDynamic);
}

bool TensorSpec::accepts(DType otherType, ArrayRef<int64_t> otherShape) const {
  if (otherType != dtype || otherShape.size() != shape.size())
    return false;
  for (auto [mine, theirs] : llvm::zip(shape, otherShape))
    if (!ShapedType::isDynamic(mine) && mine != theirs)
      return false;
  return true;
}

static std::optional<DType> getDType(Type type) {
  if (type.isF16())
    return DType::F16;
  if (type.isBF16())
    return DType::BF16;
  if (type.isF32())
    return DType::F32;
  if (type.isF64())
    return DType::F64;
  return std::nullopt;
}

llvm::Expected<TensorSpec>
mlir::conv::runtime::getTensorSpec(Type type, const llvm::Twine &what) {
  std::string typeText;
  llvm::raw_string_ostream os(typeText);
  os << type;
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return makeError(what + " has type " + typeText +
                     ": only ranked tensors are supported");
  std::optional<DType> dtype = getDType(tensorType.getElementType());
  if (!dtype)
    return makeError(what + " has type " + typeText +
                     ": element type must be f16, bf16, f32 or f64");
  if (tensorType.getRank() > kMaxRank)
    return makeError(what + " has type " + typeText + ": rank above " +
                     llvm::Twine(kMaxRank) + " is not supported");
  return TensorSpec{*dtype,
                    llvm::SmallVector<int64_t, 4>(tensorType.getShape())};
}

//===----------------------------------------------------------------------===//
// Memref descriptors
//===----------------------------------------------------------------------===//

namespace {
/// A ranked memref descriptor, laid out like StridedMemRefType<T, rank>:
/// sizes[rank] are followed directly by strides[rank].
struct MemRefDescriptor {
  void *allocated = nullptr;
  void *aligned = nullptr;
  int64_t offset = 0;
  int64_t sizesAndStrides[2 * kMaxRank] = {};
};
} // namespace

/// Describes the contiguous row-major buffer `data` of `shape`.
static MemRefDescriptor describe(void *data, ArrayRef<int64_t> shape) {
  MemRefDescriptor desc;
  desc.allocated = desc.aligned = data;
  int64_t rank = shape.size();
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    desc.sizesAndStrides[d] = shape[d];
    desc.sizesAndStrides[rank + d] = stride;
    stride *= shape[d];
  }
  return desc;
}

/// Describes the contiguous row-major `tensor`.
static MemRefDescriptor describe(const Tensor &tensor) {
  return describe(const_cast<void *>(tensor.data()), tensor.shape());
}

/// Copies the (possibly strided) memref `desc` of `rank` into `out`, which
/// has its shape, then frees the memref's allocation.
static void takeReturnedMemRef(MemRefDescriptor &desc, int64_t rank,
                               Tensor &out) {
  size_t elementSize = getDTypeSize(out.dtype());
  const int64_t *sizes = desc.sizesAndStrides;
  const int64_t *strides = desc.sizesAndStrides + rank;
  auto *src = static_cast<const char *>(desc.aligned);
  auto *dst = static_cast<char *>(out.data());
  llvm::SmallVector<int64_t, kMaxRank> index(rank, 0);
  for (int64_t linear = 0, e = out.numElements(); linear < e; ++linear) {
    int64_t offset = desc.offset;
    for (int64_t d = 0; d < rank; ++d)
      offset += index[d] * strides[d];
    std::memcpy(dst + linear * elementSize, src + offset * elementSize,
                elementSize);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < sizes[d])
        break;
      index[d] = 0;
    }
  }
  std::free(desc.allocated);
}

//===----------------------------------------------------------------------===//
// Executable
//===----------------------------------------------------------------------===//

Executable::~Executable() {
  for (ScratchSet &set : scratchPool)
    for (void *buffer : set)
      std::free(buffer);
}

llvm::Expected<Executable::ScratchSet> Executable::takeScratch() const {
  if (scratch.empty())
    return ScratchSet();
  {
    std::lock_guard<std::mutex> lock(scratchMutex);
    if (!scratchPool.empty()) {
      ScratchSet set = std::move(scratchPool.back());
      scratchPool.pop_back();
      return set;
    }
  }
  ScratchSet set;
  for (const ScratchSpec &spec : scratch) {
    // 64-byte aligned (what conv-hoist-scratch requires), at least 64 bytes.
    size_t bytes = std::max<size_t>(64, (spec.bytes + 63) / 64 * 64);
    void *buffer = std::aligned_alloc(64, bytes);
    if (!buffer) {
      for (void *b : set)
        std::free(b);
      return makeError("out of memory: cannot allocate " +
                       llvm::Twine(spec.bytes) + " bytes of scratch");
    }
    set.push_back(buffer);
  }
  return set;
}

void Executable::giveBackScratch(ScratchSet set) const {
  if (scratch.empty())
    return;
  std::lock_guard<std::mutex> lock(scratchMutex);
  scratchPool.push_back(std::move(set));
}

/// Runs `fn` while collecting the diagnostics of `context` into `messages`.
static LogicalResult withDiagnostics(MLIRContext *context,
                                     std::string &messages,
                                     llvm::function_ref<LogicalResult()> fn) {
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
    llvm::raw_string_ostream os(messages);
    if (!messages.empty())
      os << "\n";
    os << diag.getLocation() << ": " << diag.str();
    for (const Diagnostic &note : diag.getNotes())
      os << "\n  note: " << note.str();
    return success();
  });
  return fn();
}

/// LLVM's -O`optLevel` pipeline for `machine`'s target: the loop vectorizer
/// sees the target's vector width, so the loops left scalar (pools and
/// elementwise ops of a model) vectorize. Unrolling and SLP vectorization
/// stay off: the conv kernels are vector code already, and with both on the
/// small-image kernels lost up to a third of their speed on AVX-512. The
/// cost, on AVX2, of leaving unrolling off is in docs/Models.md.
static llvm::Error optimizeModule(llvm::Module &module,
                                  llvm::TargetMachine *machine,
                                  unsigned optLevel) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.SLPVectorization = false;
  tuning.LoopVectorization = true;
  tuning.LoopInterleaving = true;
  llvm::PassBuilder builder(machine, tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel == 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager pm = builder.buildPerModuleDefaultPipeline(level);
  pm.run(module, mam);
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<Executable>>
Executable::compile(ModuleOp module, StringRef funcName,
                    const CompileOptions &options) {
  return compile(module, funcName, options, [](OpPassManager &) {});
}

llvm::Expected<std::unique_ptr<Executable>>
Executable::compile(ModuleOp module, StringRef funcName,
                    const CompileOptions &options, Frontend frontend) {
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error err = options.validate())
    return std::move(err);
  // An unknown CPU or feature is an error here; the pipeline's passes
  // resolve the same names to the same target.
  llvm::Expected<CpuTarget> target = resolveCpuTarget(
      options.targetCPU, options.targetFeatures, options.targetTriple);
  if (!target)
    return target.takeError();
  if (llvm::Triple(target->triple).getArch() !=
      llvm::Triple(llvm::sys::getProcessTriple()).getArch())
    return makeError("the JIT runs code on this machine, not on " +
                     target->triple +
                     ": compile ahead of time "
                     "(conv-compile) for another architecture");
  const bool cuda = options.device == Device::GPU;
  std::string cudaRuntime = options.cudaRuntimeLibrary.empty()
                                ? std::string(MLIR_CONV_CUDA_RUNTIME)
                                : options.cudaRuntimeLibrary;
  if (cuda && cudaRuntime.empty())
    return makeError("--device=cuda needs the CUDA runtime wrappers, and "
                     "mlir-conv was built without the CUDA toolkit");
  auto func = module.lookupSymbol<func::FuncOp>(funcName);
  if (!func) {
    std::string names;
    for (auto f : module.getOps<func::FuncOp>())
      names += (names.empty() ? "@" : ", @") + f.getSymName().str();
    return makeError("no function @" + funcName + " in the module" +
                     (names.empty() ? "" : " (it has " + names + ")"));
  }
  if (func.isExternal())
    return makeError("function @" + funcName + " has no body");

  std::unique_ptr<Executable> exe(new Executable());
  FunctionType type = func.getFunctionType();
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    auto spec = getTensorSpec(t, "argument " + llvm::Twine(i));
    if (!spec)
      return spec.takeError();
    exe->args.push_back(*spec);
  }
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    auto spec = getTensorSpec(t, "result " + llvm::Twine(i));
    if (!spec)
      return spec.takeError();
    exe->results.push_back(*spec);
  }
  exe->destinationPassing = llvm::all_of(
      exe->results, [](const TensorSpec &s) { return s.hasStaticShape(); });
  if (!exe->destinationPassing && exe->results.size() != 1)
    return makeError("function @" + funcName +
                     ": results with dynamic shapes are supported only for "
                     "functions with exactly one result");

  for (auto conv : func.getOps<Conv2DOp>())
    if (auto arg = dyn_cast<BlockArgument>(conv.getInput()))
      exe->argumentConvs.push_back({arg.getArgNumber(), conv.getGeometry()});

  // Lower a clone in the module's context, with what the pipeline needs.
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerConvPipelineDialects(registry);
  context->appendDialectRegistry(registry);
  OwningOpRef<ModuleOp> clone = module.clone();
  clone->lookupSymbol<func::FuncOp>(funcName)->setAttr("llvm.emit_c_interface",
                                                       UnitAttr::get(context));

  std::string diagnostics;
  PassManager pm(context, ModuleOp::getOperationName());
  if (cuda) {
    ConvToNVVMOptions pipelineOptions;
    setConvToNVVMOptions(pipelineOptions, options, exe->destinationPassing);
    buildConvToNVVMPipeline(pm, pipelineOptions);
  } else {
    frontend(pm);
    ConvToLLVMOptions pipelineOptions;
    setConvToLLVMOptions(pipelineOptions, options, exe->destinationPassing);
    buildConvToLLVMPipeline(pm, pipelineOptions);
  }
  {
    llvm::raw_string_ostream os(exe->pipeline);
    pm.printAsTextualPipeline(os, /*pretty=*/true);
  }
  if (failed(withDiagnostics(context, diagnostics,
                             [&] { return pm.run(*clone); })))
    return makeError("lowering @" + funcName + " failed" +
                     (diagnostics.empty() ? "" : ":\n" + diagnostics));
  exe->loweringRecords =
      takeConvLoweringRecords(SymbolTable::lookupSymbolIn(*clone, funcName));
  if (auto all =
          clone->getOperation()->getAttrOfType<DictionaryAttr>("conv.scratch"))
    if (auto types = all.getAs<ArrayAttr>(funcName))
      for (Attribute attr : types) {
        auto type = cast<MemRefType>(cast<TypeAttr>(attr).getValue());
        size_t bytes = (type.getElementTypeBitWidth() + 7) / 8;
        for (int64_t extent : type.getShape())
          bytes *= extent;
        exe->scratch.push_back(
            {llvm::SmallVector<int64_t, 4>(type.getShape()), bytes});
      }

  static std::once_flag nativeTargetOnce;
  std::call_once(nativeTargetOnce, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  ExecutionEngineOptions engineOptions;
  // LLVM's optimizer sees the target (its vector width and costs), so that
  // the loops left scalar (pools, elementwise ops of a model) vectorize.
  std::string lookupError;
  llvm::Triple triple(target->triple);
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  std::shared_ptr<llvm::TargetMachine> machine;
  if (llvmTarget)
    machine.reset(llvmTarget->createTargetMachine(
        triple, target->cpu, target->features, llvm::TargetOptions(),
        std::nullopt, std::nullopt,
        static_cast<llvm::CodeGenOptLevel>(std::min(options.optLevel, 3u))));
  // The engine keeps a reference: `optimize` lives until it is created.
  std::function<llvm::Error(llvm::Module *)> optimize =
      [&](llvm::Module *module) {
        return optimizeModule(*module, machine.get(), options.optLevel);
      };
  engineOptions.transformer = optimize;
  engineOptions.jitCodeGenOptLevel =
      static_cast<llvm::CodeGenOptLevel>(std::min(options.optLevel, 3u));
  SmallVector<StringRef, 2> libs = {MLIR_CONV_C_RUNNER_UTILS};
  if (options.threads > 1 && !cuda)
    libs.push_back(MLIR_CONV_OMP_LIB);
  if (cuda) {
    // Load it here for a clear message (e.g. no libcuda.so.1 without a GPU
    // driver); the engine then finds it loaded.
    std::string error;
    auto lib = llvm::sys::DynamicLibrary::getPermanentLibrary(
        cudaRuntime.c_str(), &error);
    if (!lib.isValid())
      return makeError("cannot load the CUDA runtime wrappers: " + error);
    exe->takeCudaError = reinterpret_cast<size_t (*)(char *, size_t)>(
        lib.getAddressOfSymbol("mlirConvCudaTakeError"));
    exe->cudaKernelMilliseconds = reinterpret_cast<double (*)()>(
        lib.getAddressOfSymbol("mlirConvCudaKernelMilliseconds"));
    if (!exe->takeCudaError || !exe->cudaKernelMilliseconds)
      return makeError(cudaRuntime + " is not mlir-conv's CUDA runtime");
    libs.push_back(cudaRuntime);
  }
  engineOptions.sharedLibPaths = libs;
  auto engine = ExecutionEngine::create(*clone, engineOptions);
  if (!engine)
    return engine.takeError();
  exe->engine = std::move(*engine);
  if (cuda) {
    // Global constructors load the kernels' PTX into the GPU.
    exe->engine->initialize();
    if (llvm::Error err = exe->checkCuda())
      return std::move(err);
  }
  auto entry = exe->engine->lookupPacked(("_mlir_ciface_" + funcName).str());
  if (!entry)
    return entry.takeError();
  exe->entry = *entry;
  exe->compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return std::move(exe);
}

llvm::Expected<std::unique_ptr<Executable>>
Executable::compileSource(MLIRContext &context, StringRef source,
                          StringRef funcName, const CompileOptions &options) {
  DialectRegistry registry;
  registerConvPipelineDialects(registry);
  context.appendDialectRegistry(registry);
  // MLIR's lexer ends at a NUL, not at the end of the StringRef: parse a
  // NUL-terminated copy, so a slice of a larger buffer is read alone (and an
  // unterminated buffer is not read past its end).
  std::string text = source.str();
  if (std::optional<size_t> offset = findExcessiveNesting(text))
    return makeError("invalid IR: brackets nest deeper than " +
                     llvm::Twine(kMaxNestingDepth) + " levels at offset " +
                     llvm::Twine(*offset));
  std::string diagnostics;
  OwningOpRef<ModuleOp> module;
  (void)withDiagnostics(&context, diagnostics, [&] {
    module = parseSourceString<ModuleOp>(text, &context);
    return success(static_cast<bool>(module));
  });
  if (!module)
    return makeError("invalid IR:\n" + diagnostics);
  return compile(*module, funcName, options);
}

llvm::Error Executable::checkInputs(ArrayRef<const Tensor *> inputs) const {
  if (inputs.size() != args.size())
    return makeError("expected " + llvm::Twine(args.size()) + " inputs, got " +
                     llvm::Twine(inputs.size()));
  for (auto [i, input] : llvm::enumerate(inputs))
    if (!args[i].accepts(input->dtype(), input->shape()))
      return makeError("input " + llvm::Twine(i) + " is " +
                       TensorSpec{input->dtype(),
                                  llvm::SmallVector<int64_t, 4>(input->shape())}
                           .str() +
                       " but argument " + llvm::Twine(i) + " is " +
                       args[i].str());
  // Dynamic H/W must leave every conv on an argument an output of >= 1x1.
  for (const ArgumentConv &conv : argumentConvs) {
    const ConvGeometry &g = conv.geometry;
    ArrayRef<int64_t> shape = inputs[conv.argument]->shape();
    InputDims d = getInputDims(g.inputLayout);
    std::optional<int64_t> oh = computeOutputExtent(
        shape[d.h], g.padTop, g.padBottom, g.dilationH, g.kernelH, g.strideH);
    std::optional<int64_t> ow = computeOutputExtent(
        shape[d.w], g.padLeft, g.padRight, g.dilationW, g.kernelW, g.strideW);
    auto text = [](std::optional<int64_t> v) {
      return v ? std::to_string(*v) : std::string("overflow");
    };
    if (!oh || !ow || *oh < 1 || *ow < 1)
      return makeError(
          "input " + llvm::Twine(conv.argument) + " (" +
          inputs[conv.argument]->shapeString() +
          ") is too small for the conv on it: its output would "
          "be " +
          text(oh) + "x" + text(ow) + " (kernel " + llvm::Twine(g.kernelH) +
          "x" + llvm::Twine(g.kernelW) + ", padding [" + llvm::Twine(g.padTop) +
          ", " + llvm::Twine(g.padBottom) + ", " + llvm::Twine(g.padLeft) +
          ", " + llvm::Twine(g.padRight) + "])");
  }
  return llvm::Error::success();
}

/// Calls the packed C-interface `entry`: a pointer to each argument, each
/// argument a pointer to a memref descriptor. A returned memref (`returned`,
/// when not null) comes first; out-params (`outputs`) come after the inputs,
/// and the scratch buffers last.
static void callEntry(void (*entry)(void **), ArrayRef<const Tensor *> inputs,
                      MutableArrayRef<Tensor> outputs,
                      ArrayRef<MemRefDescriptor> scratch,
                      MemRefDescriptor *returned) {
  llvm::SmallVector<MemRefDescriptor, 4> descs;
  for (const Tensor *input : inputs)
    descs.push_back(describe(*input));
  for (Tensor &output : outputs)
    descs.push_back(describe(output));
  llvm::append_range(descs, scratch);
  llvm::SmallVector<void *, 8> descPtrs, packed;
  if (returned)
    descPtrs.push_back(returned);
  for (MemRefDescriptor &desc : descs)
    descPtrs.push_back(&desc);
  for (void *&ptr : descPtrs)
    packed.push_back(&ptr);
  entry(packed.data());
}

llvm::Error Executable::checkCuda() const {
  if (!takeCudaError)
    return llvm::Error::success();
  char message[512];
  if (takeCudaError(message, sizeof(message)) == 0)
    return llvm::Error::success();
  return makeError(llvm::Twine("CUDA: ") + message);
}

std::optional<double> Executable::getDeviceKernelMilliseconds() const {
  if (!cudaKernelMilliseconds)
    return std::nullopt;
  return cudaKernelMilliseconds();
}

llvm::Error Executable::call(ArrayRef<const Tensor *> inputs,
                             MutableArrayRef<Tensor> outputs,
                             void *returned) const {
  auto set = takeScratch();
  if (!set)
    return set.takeError();
  llvm::SmallVector<MemRefDescriptor> descs;
  for (auto [spec, buffer] : llvm::zip_equal(scratch, *set))
    descs.push_back(describe(buffer, spec.shape));
  callEntry(entry, inputs, outputs, descs,
            static_cast<MemRefDescriptor *>(returned));
  giveBackScratch(std::move(*set));
  return checkCuda();
}

llvm::Error Executable::invokeInto(ArrayRef<const Tensor *> inputs,
                                   MutableArrayRef<Tensor> outputs) const {
  if (llvm::Error err = checkInputs(inputs))
    return err;
  if (outputs.size() != results.size())
    return makeError("expected " + llvm::Twine(results.size()) +
                     " outputs, got " + llvm::Twine(outputs.size()));
  for (auto [i, output] : llvm::enumerate(outputs))
    if (!results[i].accepts(output.dtype(), output.shape()))
      return makeError("output " + llvm::Twine(i) + " is " +
                       output.shapeString() + " but result " + llvm::Twine(i) +
                       " is " + results[i].str());
  if (destinationPassing)
    return call(inputs, outputs, nullptr);
  MemRefDescriptor returned;
  if (llvm::Error err = call(inputs, {}, &returned)) {
    std::free(returned.allocated);
    return err;
  }
  int64_t rank = results[0].shape.size();
  if (!llvm::equal(ArrayRef<int64_t>(returned.sizesAndStrides, rank),
                   outputs[0].shape())) {
    std::free(returned.allocated);
    return makeError("output 0 does not have the shape the function "
                     "returned");
  }
  takeReturnedMemRef(returned, rank, outputs[0]);
  return llvm::Error::success();
}

llvm::Expected<llvm::SmallVector<Tensor, 1>>
Executable::invoke(ArrayRef<const Tensor *> inputs) const {
  llvm::SmallVector<Tensor, 1> outputs;
  if (destinationPassing) {
    for (const TensorSpec &spec : results) {
      auto output = Tensor::create(spec.dtype, spec.shape);
      if (!output)
        return output.takeError();
      outputs.push_back(std::move(*output));
    }
    if (llvm::Error err = invokeInto(inputs, outputs))
      return std::move(err);
    return std::move(outputs);
  }
  if (llvm::Error err = checkInputs(inputs))
    return std::move(err);
  MemRefDescriptor returned;
  if (llvm::Error err = call(inputs, {}, &returned)) {
    std::free(returned.allocated);
    return std::move(err);
  }
  int64_t rank = results[0].shape.size();
  ArrayRef<int64_t> sizes(returned.sizesAndStrides, rank);
  if (llvm::any_of(sizes, [](int64_t s) { return s < 0; })) {
    std::free(returned.allocated);
    return makeError("the function returned a tensor with a negative extent");
  }
  auto output = Tensor::create(results[0].dtype, sizes);
  if (!output) {
    std::free(returned.allocated);
    return output.takeError();
  }
  outputs.push_back(std::move(*output));
  takeReturnedMemRef(returned, rank, outputs[0]);
  return std::move(outputs);
}
