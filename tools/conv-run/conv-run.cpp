//===- conv-run.cpp - JIT-run functions of the conv dialect ---------------===//
//
// Part of mlir-conv. A thin main over lib/Runtime: parse flags, compile one
// function, feed it .npy or generated inputs, check, time and save results.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Dialect/Conv/IR/ConvOps.h"
#include "mlir-conv/InitAll.h"
#include "mlir-conv/Pipelines/ModelPipeline.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Runtime/GpuKernels.h"
#include "mlir-conv/Runtime/Npy.h"
#include "mlir-conv/Target/CpuTarget.h"
#include "mlir-conv/Testing/Conformance.h"
#include "mlir-conv/Testing/Driver.h"

#include "CompileFlags.h"
#include "InputFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;
namespace cl = llvm::cl;

/// Our options; --help hides the ones libLLVM registers.
static cl::OptionCategory runCategory("conv-run options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::init(""), cl::cat(runCategory));
static cl::opt<std::string>
    functionName("function",
                 cl::desc("Function to run (default: the only "
                          "function of the module)"),
                 cl::cat(runCategory));
static cl::list<std::string>
    inputs("input",
           cl::desc("An argument: @FILE.npy, or SHAPExDTYPE for "
                    "seeded random data (default: random data of "
                    "the argument's type)"),
           cl::cat(runCategory));
static cl::opt<std::string>
    expectedOutput("expected-output",
                   cl::desc("@FILE.npy to compare result 0 with"),
                   cl::cat(runCategory));
static cl::opt<double> relTol("rtol", cl::desc("Relative tolerance"),
                              cl::init(-1), cl::cat(runCategory));
static cl::opt<double> absTol("atol", cl::desc("Absolute tolerance"),
                              cl::init(-1), cl::cat(runCategory));
static cl::opt<std::string> output("output",
                                   cl::desc("@FILE.npy to write result 0 to"),
                                   cl::cat(runCategory));
static cl::opt<int>
    benchmarkIterations("benchmark", cl::desc("Time N calls after a warm-up"),
                        cl::init(0), cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of generated inputs"),
                              cl::init(1), cl::cat(runCategory));
static cl::opt<bool>
    checkReference("check-reference",
                   cl::desc("Compare result 0 with the float64 reference conv "
                            "(functions made of one conv.conv2d)"),
                   cl::cat(runCategory));
static cl::opt<bool>
    printReport("report",
                cl::desc("Print how each conv is lowered (strategy, "
                         "kernel, register block, threads)"),
                cl::cat(runCategory));
static cl::opt<bool> printOutput("print-output",
                                 cl::desc("Print the results' values"),
                                 cl::cat(runCategory));
static cl::opt<std::string>
    caseDir("case", cl::desc("Run one conformance case directory"),
            cl::cat(runCategory));
static cl::opt<std::string>
    conformanceDir("conformance",
                   cl::desc("Run every conformance case under a directory"),
                   cl::cat(runCategory));
static cl::opt<bool> printPipeline(
    "print-pipeline",
    cl::desc("Compile, then print the pass pipeline that lowered the "
             "function (what `conv-opt --pass-pipeline=...` replays) and exit "
             "without running it"),
    cl::cat(runCategory));
static cl::opt<bool> printTarget(
    "print-target",
    cl::desc("Print the target CPU --target-cpu/--target-features resolve to "
             "(vector width, registers, caches, features) and exit"),
    cl::cat(runCategory));

static cl::opt<std::string> emitGpuKernels(
    "emit-gpu-kernels",
    cl::desc("Ahead of time: lower the function for the GPU and write its "
             "kernels' PTX and launch parameters (kernels.json) to DIR, "
             "without running anything (needs no GPU)"),
    cl::value_desc("DIR"), cl::cat(runCategory));

static cl::opt<bool> upstreamConvs(
    "upstream-convs",
    cl::desc("Models (TOSA or .onnx): leave the convs to upstream "
             "tosa-to-linalg instead of raising them to conv.conv2d (what "
             "the plugin is worth inside a compiler)"),
    cl::cat(runCategory));

/// --threads (registered in main: libLLVM has a hidden option of that name).
static unsigned numThreads = 1;

/// Reports `message` as conv-run's error and returns the exit status.
static int fail(const llvm::Twine &message) {
  llvm::errs() << "conv-run: error: " << message << "\n";
  return EXIT_FAILURE;
}
static int fail(llvm::Error err) {
  return fail(llvm::toString(std::move(err)));
}

/// The flags of CompileOptions, made in main.
static tools::CpuCompileFlags *cpuFlags;
static tools::GpuCompileFlags *gpuFlags;

static CompileOptions getCompileOptions() {
  CompileOptions options;
  cpuFlags->apply(options);
  gpuFlags->apply(options);
  options.threads = numThreads;
  if (options.cudaRuntimeLibrary.empty()) {
    // An installed or copied tree: bin/conv-run beside lib/.
    std::string exe = llvm::sys::fs::getMainExecutable(
        nullptr, reinterpret_cast<void *>(&getCompileOptions));
    SmallString<256> lib(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
    llvm::sys::path::append(lib, "lib", "libmlir_conv_cuda_runtime.so");
    if (llvm::sys::fs::exists(lib))
      options.cudaRuntimeLibrary = lib.str().str();
  }
  return options;
}

/// Prints the comparison `what` and returns whether it passed.
static bool report(StringRef what, const Comparison &cmp, double rtolUsed,
                   double atolUsed, ArrayRef<int64_t> shape) {
  llvm::outs() << what << ": " << (cmp.passed() ? "PASS" : "FAIL")
               << llvm::formatv(" (max_abs_err={0:e2}, atol={1:e2}, "
                                "rtol={2:e2})",
                                cmp.maxAbsError, atolUsed, rtolUsed)
                      .str()
               << "\n";
  if (!cmp.passed())
    llvm::outs() << "  " << cmp.numMismatches
                 << " elements out of tolerance; worst at "
                 << formatIndex(shape, cmp.worstIndex) << ": got "
                 << cmp.actualAtWorst << ", expected " << cmp.expectedAtWorst
                 << "\n";
  return cmp.passed();
}

/// Prints the benchmark line for `flops` per call.
static int printBenchmark(const Executable &exe, ArrayRef<const Tensor *> args,
                          double flops) {
  auto timing = benchmark(exe, args, benchmarkIterations);
  if (!timing)
    return fail(timing.takeError());
  double gflops = timing->medianMs > 0 ? flops / (timing->medianMs * 1e6) : 0;
  llvm::outs() << llvm::formatv(
      "benchmark: median_ms={0:f4} best_ms={1:f4} gflops={2:f2}",
      timing->medianMs, timing->bestMs, gflops);
  if (timing->kernelMedianMs >= 0)
    llvm::outs() << llvm::formatv(
        " kernel_median_ms={0:f4} kernel_gflops={1:f2}", timing->kernelMedianMs,
        timing->kernelMedianMs > 0 ? flops / (timing->kernelMedianMs * 1e6)
                                   : 0);
  llvm::outs() << "\n";
  return EXIT_SUCCESS;
}

static int runCase(MLIRContext &context) {
  auto c = loadConvCase(caseDir);
  if (!c)
    return fail(c.takeError());
  auto result = runConvCase(context, *c, getCompileOptions());
  if (!result)
    return fail(result.takeError());
  bool ok = report("case " + c->name, result->comparison, c->rtol, c->atol,
                   c->outputShape);
  if (benchmarkIterations > 0) {
    SmallVector<const Tensor *> args;
    for (const Tensor &t : result->inputs)
      args.push_back(&t);
    if (printBenchmark(*result->executable, args, c->geometry.flops()))
      return EXIT_FAILURE;
  }
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int runFile(MLIRContext &context) {
  llvm::Expected<OwningOpRef<ModuleOp>> parsed =
      tools::parseInputFile(inputFile, context);
  if (!parsed)
    return fail(parsed.takeError());
  OwningOpRef<ModuleOp> module = std::move(*parsed);

  std::string name = functionName;
  if (name.empty()) {
    auto funcs = llvm::to_vector(module->getOps<func::FuncOp>());
    if (funcs.empty())
      return fail("the module has no functions");
    if (funcs.size() != 1)
      return fail("the module has " + llvm::Twine(funcs.size()) +
                  " functions: pass --function=NAME");
    name = funcs[0].getSymName().str();
  }
  if (!emitGpuKernels.empty()) {
    std::vector<std::string> records;
    auto count = exportGpuKernels(*module, name, getCompileOptions(),
                                  emitGpuKernels, &records);
    if (!count)
      return fail(count.takeError());
    llvm::outs() << "@" << name << ": wrote " << *count << " GPU kernel"
                 << (*count == 1 ? "" : "s") << " to " << emitGpuKernels
                 << "\n";
    if (printReport) {
      CompileOptions gpu = getCompileOptions();
      gpu.device = Device::GPU;
      llvm::outs() << reportConvLowering(records, gpu);
    }
    return EXIT_SUCCESS;
  }
  // A network in TOSA (an imported model) goes through the model pipeline.
  bool model = containsTosaOps(*module);
  TosaModelToConvOptions modelOptions;
  modelOptions.raiseConvs = !upstreamConvs;
  auto exe = model ? Executable::compile(*module, name, getCompileOptions(),
                                         [&](OpPassManager &pm) {
                                           buildTosaModelToConvPipeline(
                                               pm, modelOptions);
                                         })
                   : Executable::compile(*module, name, getCompileOptions());
  if (!exe)
    return fail(exe.takeError());
  if (printPipeline) {
    // Compiled, not run: the target need not be this machine's.
    if (printReport)
      llvm::outs() << reportConvLowering((*exe)->getLoweringRecords(),
                                         getCompileOptions());
    llvm::outs() << (*exe)->getPipeline() << "\n";
    return EXIT_SUCCESS;
  }
  ArrayRef<TensorSpec> specs = (*exe)->getArgumentSpecs();
  if (!inputs.empty() && inputs.size() != specs.size())
    return fail("@" + name + " takes " + llvm::Twine(specs.size()) +
                " arguments, got " + llvm::Twine(inputs.size()) +
                " --input values");

  std::vector<Tensor> tensors;
  SmallVector<const Tensor *> args;
  for (auto [i, spec] : llvm::enumerate(specs)) {
    auto t =
        makeInput(inputs.empty() ? "" : StringRef(inputs[i]), spec, seed + i);
    if (!t)
      return fail("input " + llvm::Twine(i) + ": " +
                  llvm::toString(t.takeError()));
    tensors.push_back(std::move(*t));
  }
  for (const Tensor &t : tensors)
    args.push_back(&t);

  auto results = (*exe)->invoke(args);
  if (!results)
    return fail(results.takeError());
  llvm::outs() << llvm::formatv("@{0}: compiled in {1:f1} ms\n", name,
                                (*exe)->getCompileSeconds() * 1e3);
  if (printReport)
    llvm::outs() << reportConvLowering((*exe)->getLoweringRecords(),
                                       getCompileOptions());
  for (auto [i, r] : llvm::enumerate(*results)) {
    llvm::outs()
        << "result[" << i << "]: "
        << TensorSpec{r.dtype(), SmallVector<int64_t, 4>(r.shape())}.str();
    if (printOutput) {
      llvm::outs() << " = ";
      printTensor(llvm::outs(), r);
    }
    llvm::outs() << "\n";
  }

  bool ok = true;
  if (results->empty()) {
    if (checkReference || !expectedOutput.empty() || !output.empty())
      return fail("@" + name + " has no results to check or write");
    return benchmarkIterations > 0 &&
                   printBenchmark(**exe, args,
                                  countConvFlops(*module, name, args))
               ? EXIT_FAILURE
               : EXIT_SUCCESS;
  }
  const Tensor &result0 = (*results)[0];
  if (checkReference) {
    auto g = getSingleConvGeometry(*module, name, args);
    if (!g)
      return fail(g.takeError());
    ReferenceCheck check = checkAgainstReference(*g, args, result0);
    double r = relTol >= 0 ? relTol : check.tolerance.rtol;
    double a = absTol >= 0 ? absTol : check.tolerance.atol;
    ok &= report("reference check",
                 compareTensors(result0, check.reference, r, a), r, a,
                 result0.shape());
  }
  if (!expectedOutput.empty()) {
    StringRef path = expectedOutput;
    path.consume_front("@");
    auto expected = readNpy(path, result0.dtype());
    if (!expected)
      return fail(expected.takeError());
    if (expected->dtype() != result0.dtype())
      return fail("expected output " + path + " is " +
                  getDTypeName(expected->dtype()) + " but result 0 is " +
                  getDTypeName(result0.dtype()));
    if (expected->shape() != result0.shape())
      return fail("expected output " + path + " is " + expected->shapeString() +
                  " but result 0 is " + result0.shapeString());
    double r = relTol >= 0 ? relTol : 1e-5, a = absTol >= 0 ? absTol : 1e-6;
    ok &=
        report("expected-output check",
               compareTensors(result0, *expected, r, a), r, a, result0.shape());
  }
  if (!output.empty()) {
    StringRef path = output;
    path.consume_front("@");
    if (llvm::Error err = writeNpy(path, result0))
      return fail(std::move(err));
  }
  if (benchmarkIterations > 0 &&
      printBenchmark(**exe, args, countConvFlops(*module, name, args)))
    return EXIT_FAILURE;
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

int main(int argc, char **argv) {
  llvm::InitLLVM y(argc, argv);
  if (cl::Option *other = cl::getRegisteredOptions().lookup("threads"))
    other->removeArgument();
  static cl::opt<unsigned, /*ExternalStorage=*/true> threads(
      "threads", cl::desc("Threads one call uses (OpenMP)"),
      cl::location(numThreads), cl::init(1), cl::cat(runCategory));
  static tools::CpuCompileFlags cpu(runCategory);
  static tools::GpuCompileFlags gpu(runCategory);
  cpuFlags = &cpu;
  gpuFlags = &gpu;
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "conv-run: JIT-compile and run a function of the conv dialect\n\n"
      "  conv-run FILE.mlir [--function=NAME] [--input=@x.npy ...]\n"
      "  conv-run --case DIR [--benchmark=N]\n"
      "  conv-run --conformance DIR\n");
  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  if (printTarget) {
    CompileOptions options = getCompileOptions();
    llvm::Expected<CpuTarget> target = resolveCpuTarget(
        options.targetCPU, options.targetFeatures, options.targetTriple);
    if (!target)
      return fail(llvm::toString(target.takeError()));
    llvm::outs() << "target: " << target->str() << "\n"
                 << "features: " << target->features << "\n";
    return EXIT_SUCCESS;
  }

  if (llvm::Error err = getCompileOptions().validate())
    return fail(std::move(err));
  int modes = !caseDir.empty() + !conformanceDir.empty() + !inputFile.empty();
  if (modes != 1)
    return fail("give exactly one of FILE.mlir, --case DIR or "
                "--conformance DIR");
  if (!caseDir.empty())
    return runCase(context);
  if (!conformanceDir.empty() && findConvCases(conformanceDir).empty())
    return fail("no case.json under '" + conformanceDir + "'");
  if (!conformanceDir.empty() && !emitGpuKernels.empty())
    return exportConformanceKernels(context, conformanceDir,
                                    getCompileOptions(), emitGpuKernels,
                                    llvm::outs())
               ? EXIT_FAILURE
               : EXIT_SUCCESS;
  if (!conformanceDir.empty())
    return runConformance(context, conformanceDir, getCompileOptions(),
                          llvm::outs())
               ? EXIT_FAILURE
               : EXIT_SUCCESS;
  return runFile(context);
}
