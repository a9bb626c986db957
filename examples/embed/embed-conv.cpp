//===- embed-conv.cpp - Using the installed Conv2d layer ------------------===//
//
// Part of mlir-conv's examples. A MAX-style Conv2d layer (NHWC input, HWIO
// weight), run twice on one input shape (one compilation) and checked
// against the float64 reference conv.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/API/Conv2d.h"
#include "mlir-conv/Runtime/Conformance.h"
#include "mlir-conv/Runtime/Reference.h"

#include <cstdio>

using namespace mlir::conv;
using namespace mlir::conv::runtime;

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
    const Conv2DAttrs &a = layer->getAttrs();
    ConvGeometry g = ConvGeometry::fromShapes(
        x.shape(), layer->weight().shape(), a.strides, a.dilations, a.padding,
        a.groups, true, a.inputLayout, a.filterLayout);
    ReferenceCheck check =
        checkAgainstReference(g, {&x, &layer->weight(), &layer->bias()}, *y);
    std::printf("output %s: %lld mismatches, max abs error %.3g (atol %.3g)\n",
                y->shapeString().c_str(),
                static_cast<long long>(check.comparison.numMismatches),
                check.comparison.maxAbsError, check.tolerance.atol);
    failures += !check.comparison.passed();
  }
  std::printf("compilations: %u\n",
              layer->getKernelCache().getNumCompilations());
  return failures ? 1 : 0;
}
