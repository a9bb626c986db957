//===- conv-bench.cpp - Our JIT kernels beside oneDNN ---------------------===//
//
// Part of mlir-conv. For every shape of a shapes file: compile our kernel,
// set up oneDNN on the same data, check both agree, then time them in
// alternation and print ms, GFLOP/s, the ratio and the geometric mean.
//
//===----------------------------------------------------------------------===//

#include "Chart.h"
#include "CompileFlags.h"
#include "OneDNNConv.h"
#include "Shapes.h"

#include "mlir-conv/Runtime/ConvModule.h"
#include "mlir-conv/Runtime/Executable.h"
#include "mlir-conv/Testing/Reference.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::bench;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;
namespace cl = llvm::cl;

static cl::OptionCategory benchCategory("conv-bench options");

static cl::opt<std::string> shapesFile("shapes",
                                       cl::desc("Shapes file (benchdnn "
                                                "descriptors with id=, pad=, "
                                                "dil=)"),
                                       cl::init("../shared/bench/shapes.txt"),
                                       cl::cat(benchCategory));
static cl::opt<int> repeats("repeat",
                            cl::desc("Timed rounds per engine (median)"),
                            cl::init(7), cl::cat(benchCategory));
static cl::opt<double> roundMs("round-ms",
                               cl::desc("Minimum duration of one round"),
                               cl::init(30), cl::cat(benchCategory));
static cl::opt<std::string> markdown("markdown",
                                     cl::desc("Also write the table here"),
                                     cl::cat(benchCategory));
static cl::opt<std::string>
    png("png",
        cl::desc("Also write a PNG bar chart of the ratios here "
                 "(needs gnuplot)"),
        cl::cat(benchCategory));
static cl::opt<double>
    idleWait("wait-idle",
             cl::desc("Seconds to wait for a 1-minute load below 0.5"),
             cl::init(60), cl::cat(benchCategory));
static cl::opt<std::string> only("only", cl::desc("Run only this shape id"),
                                 cl::cat(benchCategory));
static cl::opt<bool> frozenFilter(
    "frozen-filter",
    cl::desc("Compile our kernel with the filter as a constant (a frozen "
             "model's weights, prepared at compile time; oneDNN's are "
             "reordered once, outside the timing, either way)"),
    cl::init(false), cl::cat(benchCategory));
static cl::opt<std::string>
    layout("layout",
           cl::desc("Our kernel's layouts: nhwc (NHWC input, HWIO filter) "
                    "or nchw (NCHW input, OIHW filter); oneDNN runs NHWC"),
           cl::init("nhwc"), cl::cat(benchCategory));

static double loadAverage() {
  auto buffer = llvm::MemoryBuffer::getFile("/proc/loadavg");
  double load = 0;
  if (buffer)
    llvm::to_float((*buffer)->getBuffer().split(' ').first, load);
  return load;
}

/// Median per-call milliseconds of `fn` over `repeats` rounds.
template <typename Fn> static double timeMs(Fn fn, int callsPerRound) {
  std::vector<double> rounds;
  for (int r = 0; r < repeats; ++r) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < callsPerRound; ++i)
      fn();
    rounds.push_back(std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - start)
                         .count() /
                     callsPerRound);
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

namespace {
struct Row {
  std::string id;
  double gflop, oursMs, dnnlMs, maxDiff;
  std::string dnnlImpl;
  /// Our kernel's compile time (pipeline and LLVM code generation).
  double compileMs;
};
} // namespace

static int fail(const llvm::Twine &message) {
  llvm::errs() << "conv-bench: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  // Our kernels' libomp (loaded by the JIT later) would otherwise spin for
  // 200 ms after each parallel region and steal the core oneDNN's next call
  // runs on; libgomp (oneDNN) spins for well under a millisecond.
  setenv("KMP_BLOCKTIME", "1", /*overwrite=*/0);
  llvm::InitLLVM y(argc, argv);
  // libLLVM registers a hidden --threads of its own; ours replaces it.
  if (cl::Option *other = cl::getRegisteredOptions().lookup("threads"))
    other->removeArgument();
  static cl::list<int> threadCounts("threads",
                                    cl::desc("Thread counts to run (e.g. 1,2)"),
                                    cl::CommaSeparated, cl::cat(benchCategory));
  // --target-cpu also caps oneDNN to the target's ISA.
  static tools::CpuCompileFlags compileFlags(benchCategory);
  cl::HideUnrelatedOptions(benchCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "conv-bench: mlir-conv kernels beside oneDNN\n");
  CompileOptions baseOptions;
  compileFlags.apply(baseOptions);
  if (llvm::Error err = baseOptions.validate())
    return fail(llvm::toString(std::move(err)));
  if (threadCounts.empty())
    threadCounts.push_back(1);
  if (layout != "nhwc" && layout != "nchw")
    return fail("--layout (" + layout + ") must be nhwc or nchw");
  bool nchw = layout == "nchw";
  auto shapes = readShapes(shapesFile);
  if (!shapes)
    return fail(llvm::toString(shapes.takeError()));
  // Both engines run the target's ISA: ours compiled for it, oneDNN capped
  // to it (an AVX2 target is measured on an AVX-512 machine too).
  llvm::Expected<CpuTarget> target =
      resolveCpuTarget(baseOptions.targetCPU, baseOptions.targetFeatures,
                       baseOptions.targetTriple);
  if (!target)
    return fail(llvm::toString(target.takeError()));
  llvm::Expected<std::string> cap = capOneDNNToTarget(*target);
  std::string capText;
  if (cap) {
    capText = "oneDNN capped to " + *cap;
  } else {
    capText = llvm::toString(cap.takeError());
  }

  // Wait for a quiet machine: timings of other jobs' cores are meaningless.
  auto waitStart = std::chrono::steady_clock::now();
  double load = loadAverage();
  while (load > 0.5 && std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - waitStart)
                               .count() < idleWait) {
    std::this_thread::sleep_for(std::chrono::seconds(2));
    load = loadAverage();
  }
  std::string header =
      llvm::formatv("load average at start: {0:f2}{1}\ntarget: {2}; {3}\n",
                    load, load > 0.5 ? " (NOT idle: numbers are noisy)" : "",
                    target->str(), capText)
          .str();
  if (nchw || frozenFilter)
    header += llvm::formatv("ours: {0}{1}\n",
                            nchw ? "NCHW input, OIHW filter" : "NHWC, HWIO",
                            frozenFilter ? ", filter frozen (a constant)" : "")
                  .str();
  llvm::outs() << header;

  MLIRContext context;
  std::string table;
  llvm::raw_string_ostream md(table);
  md << header << "\n";
  int failures = 0;
  std::vector<std::string> chartShapes;
  std::vector<RatioSeries> chartSeries;
  for (int threads : threadCounts) {
    setOneDNNThreads(threads);
    std::vector<Row> rows;
    md << "\n### " << threads << " thread" << (threads > 1 ? "s" : "")
       << "\n\n| shape | GFLOP | ours ms | ours GFLOP/s | oneDNN ms | oneDNN "
          "GFLOP/s | speedup (oneDNN ms / ours ms) | oneDNN impl | our "
          "compile ms |\n|---|---|---|---|---|---|"
          "---|---|---|\n";
    for (const Shape &s : *shapes) {
      if (!only.empty() && s.id != only)
        continue;
      const ConvGeometry &g = s.geometry;
      ConvGeometry ourGeometry = g;
      if (nchw) {
        ourGeometry.inputLayout = InputLayout::NCHW;
        ourGeometry.filterLayout = FilterLayout::OIHW;
      }
      Tensor x = Tensor::random(DType::F32, g.inputShape(), 1);
      Tensor w = Tensor::random(DType::F32, g.filterShape(), 2);
      // The same data in our layouts: NHWC -> NCHW, HWIO -> OIHW.
      std::optional<Tensor> xNchw, wOihw;
      if (nchw) {
        xNchw.emplace(x.permuted({0, 3, 1, 2}));
        wOihw.emplace(w.permuted({3, 2, 0, 1}));
      }
      const Tensor &ourX = nchw ? *xNchw : x;
      const Tensor &ourW = nchw ? *wOihw : w;
      OwningOpRef<ModuleOp> module =
          buildConvModule(context, ourGeometry, DType::F32);
      if (frozenFilter) {
        auto func = module->lookupSymbol<func::FuncOp>("conv");
        if (failed(freezeArgument(func, 1, ourW)))
          return fail(s.id + ": cannot freeze the filter");
      }
      SmallVector<const Tensor *> ourArgs = {&ourX};
      if (!frozenFilter)
        ourArgs.push_back(&ourW);
      CompileOptions options = baseOptions;
      options.threads = threads;
      auto exe = Executable::compile(*module, "conv", options);
      if (!exe)
        return fail(s.id + ": " + llvm::toString(exe.takeError()));
      llvm::SmallVector<Tensor, 1> ours;
      ours.emplace_back(DType::F32, ourGeometry.outputShape());
      Tensor theirs(DType::F32, g.outputShape());
      auto dnnl = OneDNNConv::create(g, x, w, theirs);
      if (!dnnl)
        return fail(s.id + ": " + llvm::toString(dnnl.takeError()));
      if (auto err = (*exe)->invokeInto(ourArgs, ours))
        return fail(s.id + ": " + llvm::toString(std::move(err)));
      (*dnnl)->run();
      std::optional<Tensor> oursNhwc;
      if (nchw)
        oursNhwc.emplace(ours[0].permuted({0, 2, 3, 1}));
      // Two f32 engines summing K products of values in [-1, 1) in different
      // orders differ by rounding that grows with K (about 1.9e-4 at K =
      // 4608); a wrong kernel is off by O(sqrt(K)).
      double atol = std::max(1e-4, 3e-7 * g.reductionSize());
      Comparison cmp =
          compareTensors(nchw ? *oursNhwc : ours[0], theirs, 1e-4, atol);
      if (!cmp.passed()) {
        ++failures;
        llvm::errs() << s.id << ": ours and oneDNN differ (max "
                     << cmp.maxAbsError << ")\n";
      }
      // Rounds of at least --round-ms, alternating the engines.
      auto runOurs = [&] { (void)(*exe)->invokeInto(ourArgs, ours); };
      auto runDnnl = [&] { (*dnnl)->run(); };
      double probe = timeMs(runDnnl, 1);
      int calls = std::max(1, int(roundMs / std::max(probe, 1e-3)));
      double oursMs = 0, dnnlMs = 0;
      std::vector<double> o, d;
      for (int k = 0; k < 3; ++k) {
        o.push_back(timeMs(runOurs, calls));
        d.push_back(timeMs(runDnnl, calls));
      }
      std::sort(o.begin(), o.end());
      std::sort(d.begin(), d.end());
      oursMs = o[1];
      dnnlMs = d[1];
      Row row{s.id,
              g.flops() * 1e-9,
              oursMs,
              dnnlMs,
              cmp.maxAbsError,
              (*dnnl)->implementation(),
              (*exe)->getCompileSeconds() * 1e3};
      rows.push_back(row);
      std::string line = llvm::formatv(
          "| {0} | {1:f4} | {2:f4} | {3:f1} | {4:f4} | {5:f1} | {6:f2} | {7} | "
          "{8:f0} |",
          row.id, row.gflop, row.oursMs, row.gflop / row.oursMs * 1e3,
          row.dnnlMs, row.gflop / row.dnnlMs * 1e3, row.dnnlMs / row.oursMs,
          row.dnnlImpl, row.compileMs);
      llvm::outs() << threads << "T " << line << "\n";
      llvm::outs().flush();
      md << line << "\n";
    }
    double logSum = 0;
    chartShapes.clear();
    chartSeries.push_back({threads, {}});
    for (const Row &r : rows) {
      logSum += std::log(r.dnnlMs / r.oursMs);
      chartShapes.push_back(r.id);
      chartSeries.back().ratios.push_back(r.dnnlMs / r.oursMs);
    }
    double geomean = rows.empty() ? 0 : std::exp(logSum / rows.size());
    std::string summary =
        llvm::formatv("geometric mean speedup, oneDNN ms / ours ms ({0} "
                      "thread{1}, {2} shapes): {3:f3}",
                      threads, threads > 1 ? "s" : "", rows.size(), geomean);
    std::vector<double> compileMs;
    for (const Row &r : rows)
      compileMs.push_back(r.compileMs);
    std::sort(compileMs.begin(), compileMs.end());
    if (!compileMs.empty())
      summary += llvm::formatv(
          "\ncompile time of our kernels ({0} shapes): "
          "median {1:f0} ms, max {2:f0} ms",
          compileMs.size(), compileMs[compileMs.size() / 2], compileMs.back());
    llvm::outs() << summary << "\n";
    md << "\n" << summary << "\n";
  }
  if (!markdown.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream os(markdown, ec);
    if (ec)
      return fail(markdown + ": " + ec.message());
    os << table;
  }
  if (!png.empty())
    if (llvm::Error err = writeRatioChart(png, chartShapes, chartSeries))
      return fail(llvm::toString(std::move(err)));
  return failures ? 1 : 0;
}
