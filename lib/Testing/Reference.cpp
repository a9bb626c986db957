//===- Reference.cpp - Float64 reference conv2d and comparison ------------===//
//
// Part of mlir-conv. The reference copies its operands into canonical
// NCHW/OIHW double arrays, runs a direct loop nest whose innermost loop is a
// unit-stride (for stride 1) multiply-add over one output row with the
// padding bounds hoisted out, and scatters the result into the input layout.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Testing/Reference.h"
#include "mlir-conv/Dialect/Conv/IR/ConvGeometry.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

using namespace mlir::conv;
using namespace mlir::conv::runtime;
using namespace mlir::conv::testing;

/// All elements of `tensor` widened to double, in storage order.
static std::vector<double> toDoubles(const Tensor &tensor) {
  int64_t count = tensor.numElements();
  std::vector<double> result(static_cast<size_t>(count));
  const void *data = tensor.data();
  switch (tensor.dtype()) {
  case DType::F16:
    for (int64_t i = 0; i < count; ++i)
      result[i] = halfBitsToFloat(static_cast<const uint16_t *>(data)[i]);
    break;
  case DType::BF16:
    for (int64_t i = 0; i < count; ++i)
      result[i] = bf16BitsToFloat(static_cast<const uint16_t *>(data)[i]);
    break;
  case DType::F32:
    for (int64_t i = 0; i < count; ++i)
      result[i] = static_cast<const float *>(data)[i];
    break;
  case DType::F64:
    std::copy_n(static_cast<const double *>(data), count, result.begin());
    break;
  }
  return result;
}

/// Row-major strides of a rank-4 `shape`.
static std::array<int64_t, 4> getStrides(llvm::ArrayRef<int64_t> shape) {
  std::array<int64_t, 4> strides;
  int64_t stride = 1;
  for (int d = 3; d >= 0; --d) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}

/// The elements of the rank-4 `tensor` reordered so that the dimensions at
/// positions `perm[0..3]` become dimensions 0..3 (row-major, contiguous).
static std::vector<double> toCanonical(const Tensor &tensor,
                                       std::array<unsigned, 4> perm) {
  std::vector<double> source = toDoubles(tensor);
  llvm::ArrayRef<int64_t> shape = tensor.shape();
  std::array<int64_t, 4> strides = getStrides(shape);
  int64_t e0 = shape[perm[0]], e1 = shape[perm[1]], e2 = shape[perm[2]],
          e3 = shape[perm[3]];
  int64_t s0 = strides[perm[0]], s1 = strides[perm[1]], s2 = strides[perm[2]],
          s3 = strides[perm[3]];
  std::vector<double> result(source.size());
  size_t next = 0;
  for (int64_t i0 = 0; i0 < e0; ++i0)
    for (int64_t i1 = 0; i1 < e1; ++i1)
      for (int64_t i2 = 0; i2 < e2; ++i2) {
        const double *row = source.data() + i0 * s0 + i1 * s1 + i2 * s2;
        for (int64_t i3 = 0; i3 < e3; ++i3)
          result[next++] = row[i3 * s3];
      }
  return result;
}

/// Fatal error unless `shape` equals `expected`.
static void checkShape(const char *what, const Tensor &tensor,
                       llvm::ArrayRef<int64_t> expected) {
  if (tensor.shape() == expected)
    return;
  std::string expectedString;
  for (size_t i = 0; i < expected.size(); ++i)
    expectedString += (i ? "x" : "") + llvm::itostr(expected[i]);
  llvm::report_fatal_error(llvm::Twine("referenceConv2D: ") + what +
                           " has shape " + tensor.shapeString() +
                           ", the geometry says " + expectedString);
}

/// The range [lo, hi) of output positions o in [0, outExtent) for which
/// o * stride + offset lies in [0, inExtent).
static std::pair<int64_t, int64_t> getValidRange(int64_t offset, int64_t stride,
                                                 int64_t inExtent,
                                                 int64_t outExtent) {
  int64_t lo = llvm::divideCeilSigned(-offset, stride);
  int64_t hi = llvm::divideFloorSigned(inExtent - 1 - offset, stride) + 1;
  lo = std::max<int64_t>(lo, 0);
  hi = std::min<int64_t>(hi, outExtent);
  return {lo, std::max(lo, hi)};
}

Tensor mlir::conv::testing::referenceConv2D(const ConvGeometry &g,
                                            const Tensor &input,
                                            const Tensor &filter,
                                            const Tensor *bias) {
  const int64_t n = g.batch, ic = g.inChannels, ih = g.inH, iw = g.inW;
  const int64_t oc = g.outChannels, kh = g.kernelH, kw = g.kernelW;
  const int64_t sh = g.strideH, sw = g.strideW, dh = g.dilationH,
                dw = g.dilationW;
  const int64_t groups = g.groups;
  if (n < 0 || ic < 0 || ih < 0 || iw < 0 || oc < 0 || kh < 0 || kw < 0 ||
      sh < 1 || sw < 1 || dh < 1 || dw < 1 || groups < 1 || ic % groups != 0 ||
      oc % groups != 0)
    llvm::report_fatal_error("referenceConv2D: invalid or dynamic geometry");
  const int64_t oh = g.outH(), ow = g.outW();
  if (oh < 0 || ow < 0)
    llvm::report_fatal_error("referenceConv2D: negative output extent");
  const int64_t icg = ic / groups, ocg = oc / groups;

  checkShape("input", input, g.inputShape());
  checkShape("filter", filter, g.filterShape());
  if (bias)
    checkShape("bias", *bias, {oc});

  InputDims inDims = getInputDims(g.inputLayout);
  FilterDims fDims = getFilterDims(g.filterLayout);
  std::vector<double> x =
      toCanonical(input, {inDims.n, inDims.c, inDims.h, inDims.w});
  std::vector<double> w =
      toCanonical(filter, {fDims.o, fDims.i, fDims.h, fDims.w});
  std::vector<double> b = bias ? toDoubles(*bias) : std::vector<double>();

  // The output rows/columns each kernel row/column touches inside the input.
  std::vector<std::pair<int64_t, int64_t>> rowRanges, colRanges;
  for (int64_t ikh = 0; ikh < kh; ++ikh)
    rowRanges.push_back(getValidRange(ikh * dh - g.padTop, sh, ih, oh));
  for (int64_t ikw = 0; ikw < kw; ++ikw)
    colRanges.push_back(getValidRange(ikw * dw - g.padLeft, sw, iw, ow));

  // Canonical NCHW output, accumulated plane by plane.
  const int64_t planeSize = oh * ow;
  std::vector<double> out(static_cast<size_t>(n * oc * planeSize), 0.0);
  for (int64_t in = 0; in < n; ++in) {
    for (int64_t ioc = 0; ioc < oc; ++ioc) {
      double *plane = out.data() + (in * oc + ioc) * planeSize;
      int64_t group = ioc / ocg;
      for (int64_t iic = 0; iic < icg; ++iic) {
        const double *xPlane =
            x.data() + (in * ic + group * icg + iic) * ih * iw;
        const double *wPlane = w.data() + (ioc * icg + iic) * kh * kw;
        for (int64_t ikh = 0; ikh < kh; ++ikh) {
          int64_t rowOffset = ikh * dh - g.padTop;
          auto [ohLo, ohHi] = rowRanges[ikh];
          for (int64_t ikw = 0; ikw < kw; ++ikw) {
            double weight = wPlane[ikh * kw + ikw];
            int64_t colOffset = ikw * dw - g.padLeft;
            auto [owLo, owHi] = colRanges[ikw];
            for (int64_t ioh = ohLo; ioh < ohHi; ++ioh) {
              const double *xRow = xPlane + (ioh * sh + rowOffset) * iw;
              double *outRow = plane + ioh * ow;
              if (sw == 1) {
                const double *xStart = xRow + colOffset;
                for (int64_t iow = owLo; iow < owHi; ++iow)
                  outRow[iow] += weight * xStart[iow];
              } else {
                for (int64_t iow = owLo; iow < owHi; ++iow)
                  outRow[iow] += weight * xRow[iow * sw + colOffset];
              }
            }
          }
        }
      }
      if (bias)
        for (int64_t i = 0; i < planeSize; ++i)
          plane[i] = b[ioc] + plane[i];
    }
  }

  // Scatter into the input layout.
  Tensor result(DType::F64, g.outputShape());
  std::array<int64_t, 4> strides = getStrides(result.shape());
  int64_t sN = strides[inDims.n], sC = strides[inDims.c],
          sH = strides[inDims.h], sW = strides[inDims.w];
  auto *dst = static_cast<double *>(result.data());
  const double *src = out.data();
  for (int64_t in = 0; in < n; ++in)
    for (int64_t ioc = 0; ioc < oc; ++ioc)
      for (int64_t ioh = 0; ioh < oh; ++ioh) {
        double *row = dst + in * sN + ioc * sC + ioh * sH;
        for (int64_t iow = 0; iow < ow; ++iow)
          row[iow * sW] = *src++;
      }
  return result;
}

Comparison mlir::conv::testing::compareTensors(const Tensor &actual,
                                               const Tensor &expected,
                                               double rtol, double atol) {
  Comparison result;
  if (actual.numElements() != expected.numElements()) {
    result.numMismatches = -1;
    return result;
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> a = toDoubles(actual);
  std::vector<double> e = toDoubles(expected);
  double worstRatio = -1;
  for (size_t i = 0, end = a.size(); i < end; ++i) {
    double av = a[i], ev = e[i];
    double allowed = atol + rtol * std::fabs(ev);
    double error, ratio;
    bool match;
    if (av == ev || (std::isnan(av) && std::isnan(ev))) {
      error = 0;
      ratio = 0;
      match = true;
    } else if (std::isnan(av) || std::isnan(ev) || std::isinf(av) ||
               std::isinf(ev)) {
      // Unequal values where one is NaN or infinite never match.
      error = kInf;
      ratio = kInf;
      match = false;
    } else {
      error = std::fabs(av - ev);
      match = error <= allowed;
      ratio = allowed > 0 ? error / allowed : kInf;
    }
    if (!match)
      ++result.numMismatches;
    result.maxAbsError = std::max(result.maxAbsError, error);
    if (ratio > worstRatio) {
      worstRatio = ratio;
      result.worstIndex = static_cast<int64_t>(i);
      result.worstAbsError = error;
      result.worstAllowed = allowed;
      result.actualAtWorst = av;
      result.expectedAtWorst = ev;
    }
  }
  return result;
}

std::string mlir::conv::testing::formatIndex(llvm::ArrayRef<int64_t> shape,
                                             int64_t linearIndex) {
  llvm::SmallVector<int64_t, 4> index(shape.size(), 0);
  int64_t rest = linearIndex;
  for (size_t d = shape.size(); d-- > 0;) {
    if (shape[d] <= 0) {
      index[d] = rest;
      rest = 0;
      continue;
    }
    index[d] = rest % shape[d];
    rest /= shape[d];
  }
  std::string result = "[";
  for (size_t d = 0; d < index.size(); ++d) {
    if (d)
      result += ", ";
    result += llvm::itostr(index[d]);
  }
  return result + "]";
}
