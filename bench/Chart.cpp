//===- Chart.cpp - A PNG bar chart of conv-bench's ratios -----------------===//
//
// Part of mlir-conv's conv-bench: the ratios as a gnuplot clustered
// histogram.
//
//===----------------------------------------------------------------------===//

#include "Chart.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir::conv::bench;

/// `text` as a gnuplot single-quoted string.
static std::string quote(llvm::StringRef text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

llvm::Error
mlir::conv::bench::writeRatioChart(llvm::StringRef path,
                                   llvm::ArrayRef<std::string> shapes,
                                   llvm::ArrayRef<RatioSeries> series) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  auto gnuplot = llvm::sys::findProgramByName("gnuplot");
  if (!gnuplot)
    return error("--png needs gnuplot (Debian: apt-get install gnuplot-nox)");
  if (series.empty() || shapes.empty())
    return error("--png: no results to plot");

  std::string script;
  llvm::raw_string_ostream os(script);
  os << "set terminal png size "
     << std::max<size_t>(640, 120 + 70 * shapes.size()) << ",520 noenhanced\n"
     << "set output " << quote(path) << "\n"
     << "set title 'mlir-conv against oneDNN (above 1: ours is faster)'\n"
     << "set ylabel 'oneDNN ms / ours ms'\n"
     << "set style data histogram\n"
     << "set style histogram cluster gap 1\n"
     << "set style fill solid border -1\n"
     << "set boxwidth 0.9\n"
     << "set xtics rotate by -45 nomirror\n"
     << "set yrange [0:*]\n"
     << "set grid ytics\n"
     << "set key top left\n"
     << "set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2\n"
     << "plot ";
  for (auto [i, s] : llvm::enumerate(series))
    os << (i ? ", " : "") << "'-' using 2" << (i ? "" : ":xtic(1)") << " title "
       << quote(llvm::formatv("{0} thread{1}", s.threads,
                              s.threads > 1 ? "s" : "")
                    .str());
  os << "\n";
  for (const RatioSeries &s : series) {
    for (auto [shape, ratio] : llvm::zip_equal(shapes, s.ratios))
      os << "\"" << shape << "\" " << llvm::formatv("{0:f3}", ratio) << "\n";
    os << "e\n";
  }

  llvm::SmallString<128> scriptPath;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "conv-bench-chart", "gp", fd, scriptPath))
    return error("--png: cannot create a temporary file: " + ec.message());
  {
    llvm::raw_fd_ostream file(fd, /*shouldClose=*/true);
    file << script;
  }
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*gnuplot, {*gnuplot, scriptPath},
                                     std::nullopt, {}, 0, 0, &message);
  llvm::sys::fs::remove(scriptPath);
  if (rc != 0)
    return error("--png: gnuplot failed" +
                 (message.empty() ? "" : ": " + message));
  return llvm::Error::success();
}
