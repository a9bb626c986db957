//===- embed-conv.cpp - Using the installed Conv2d layer ------------------===//
//
// Part of mlir-conv's examples. A MAX-style Conv2d layer (NHWC input, HWIO
// weight), run twice on one input shape (one compilation) and checked
// against a plain loop nest accumulating in double.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/API/Conv2d.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace mlir::conv;
using namespace mlir::conv::runtime;

/// Counts the elements of `y` (NHWC) farther than `atol` + 1e-5 * |ref| from
/// the conv of `x` (NHWC) with `w` (HWIO), `b`, stride 1 and padding `pad`,
/// and sets `maxError`.
static long long countMismatches(const Tensor &x, const Tensor &w,
                                 const Tensor &b, const Tensor &y, int64_t pad,
                                 double atol, double &maxError) {
  int64_t h = x.shape()[1], wd = x.shape()[2], c = x.shape()[3];
  int64_t kh = w.shape()[0], kw = w.shape()[1], oc = w.shape()[3];
  int64_t oh = y.shape()[1], ow = y.shape()[2];
  long long mismatches = 0;
  maxError = 0;
  for (int64_t i = 0; i < oh; ++i)
    for (int64_t j = 0; j < ow; ++j)
      for (int64_t o = 0; o < oc; ++o) {
        double sum = b.get(o);
        for (int64_t r = 0; r < kh; ++r)
          for (int64_t s = 0; s < kw; ++s) {
            int64_t ih = i + r - pad, iw = j + s - pad;
            if (ih < 0 || ih >= h || iw < 0 || iw >= wd)
              continue;
            for (int64_t k = 0; k < c; ++k)
              sum += x.get((ih * wd + iw) * c + k) *
                     w.get(((r * kw + s) * c + k) * oc + o);
          }
        double error = std::fabs(y.get((i * ow + j) * oc + o) - sum);
        maxError = std::max(maxError, error);
        mismatches += !(error <= atol + 1e-5 * std::fabs(sum));
      }
  return mismatches;
}

int main() {
  Conv2dOptions options;
  options.kernelSize = {3};
  options.inChannels = 16;
  options.outChannels = 32;
  options.padding = {1};
  options.hasBias = true;
  options.name = "embedded";
  auto layer = Conv2d::create(options);
  if (!layer) {
    std::fprintf(stderr, "embed-conv: error: %s\n",
                 llvm::toString(layer.takeError()).c_str());
    return 1;
  }
  if (llvm::Error err = layer->setWeight(
          Tensor::random(DType::F32, layer->weight().shape(), 1))) {
    std::fprintf(stderr, "embed-conv: error: %s\n",
                 llvm::toString(std::move(err)).c_str());
    return 1;
  }
  (void)layer->setBias(Tensor::random(DType::F32, {32}, 2));

  int failures = 0;
  for (uint64_t seed = 3; seed < 5; ++seed) {
    Tensor x = Tensor::random(DType::F32, {1, 12, 12, 16}, seed);
    auto y = (*layer)(x);
    if (!y) {
      std::fprintf(stderr, "embed-conv: error: %s\n",
                   llvm::toString(y.takeError()).c_str());
      return 1;
    }
    // f32 products summed over 3 * 3 * 16 terms of magnitude below 1.
    double atol = 1e-4, maxError;
    long long mismatches = countMismatches(x, layer->weight(), layer->bias(),
                                           *y, 1, atol, maxError);
    std::printf("output %s: %lld mismatches, max abs error %.3g (atol %.3g)\n",
                y->shapeString().c_str(), mismatches, maxError, atol);
    failures += mismatches != 0;
  }
  std::printf("compilations: %u\n",
              layer->getKernelCache().getNumCompilations());
  return failures ? 1 : 0;
}
