//===- Winograd.cpp - Winograd F(2x2, 3x3) for 3x3 stride-1 convs ---------===//
//
// Part of mlir-conv. The second strategy of the vector lowering: a dense 3x3
// stride-1 NHWC/HWIO f32 conv computed as Y = A^T [U . V] A per 2x2 output
// tile, with U = G g G^T (the filter, 4x4 per channel pair) and V = B^T d B
// (the tile's 4x4 input patch): 16 products per tile and channel pair
// instead of 36. On tensors:
//
//   U[0, 0, c, e * OC + f]      = (G g[:, :, c, f] G^T)[e]   e = 4 x 4 index
//   V[0, n, t, e * IC + c]      = (B^T d(n, t, c) B)[e]      t = tile
//   M = conv.conv2d V, U groups = 16   (1x1: 16 GEMMs [T x IC] x [IC x OC],
//                                       lowered by the dense kernel)
//   Y[n, 2 th + i, 2 tw + j, f] = (A^T M[0, n, t, :, f] A)[i][j] + bias[f]
//
// The transforms are vector loops over channel vectors (IC and OC are
// multiples of the vector width); input taps outside the input read zero
// (clamped address, select). Partial tiles at odd output extents store only
// their real outputs. A fused elementwise epilogue is applied in the output
// transform. U, V and M are static scratch tensors (kept across calls by
// conv-hoist-scratch).
//
//===----------------------------------------------------------------------===//

#include "DirectConvEmitter.h"

#include "mlir-conv/Dialect/Conv/Transforms/Transforms.h"

using namespace mlir;
using namespace mlir::conv;
using namespace mlir::conv::detail;

namespace {

// The transforms' constant matrices (Lavin and Gray, F(2x2, 3x3)).
const double kBT[4][4] = {
    {1, 0, -1, 0}, {0, 1, 1, 0}, {0, -1, 1, 0}, {0, 1, 0, -1}};
const double kG[4][3] = {{1, 0, 0}, {.5, .5, .5}, {.5, -.5, .5}, {0, 0, 1}};
const double kAT[2][4] = {{1, 1, 1, 0}, {0, 1, -1, -1}};

/// `m` as a list of rows.
template <size_t R, size_t C>
SmallVector<SmallVector<double, 4>, 4> rows(const double (&m)[R][C]) {
  SmallVector<SmallVector<double, 4>, 4> out;
  for (size_t r = 0; r < R; ++r)
    out.emplace_back(m[r], m[r] + C);
  return out;
}

class WinogradEmitter {
public:
  WinogradEmitter(ImplicitLocOpBuilder &b, Conv2DOp op, int64_t vw,
                  linalg::GenericOp epilogue, const DirectConvOptions &options)
      : b(b), op(op), g(op.getGeometry()), vw(vw), epilogue(epilogue),
        options(options) {
    tilesH = llvm::divideCeil(g.outH(), 2);
    tilesW = llvm::divideCeil(g.outW(), 2);
    elementType = op.getInput().getType().getElementType();
    type = getAccumulatorType(elementType);
    icp = llvm::alignTo(g.inChannels, vw);
    ocp = llvm::alignTo(g.outChannels, vw);
    // Transforms of a few thousand vectors run sequentially: for them the
    // fork and join of three more OpenMP parallel regions cost more than the
    // second thread saves (docs/Lowering.md, Winograd).
    parallel = tilesH * tilesW * g.batch * (icp + ocp) >= 4096;
  }

  FailureOr<Value> emit(RewriterBase &rewriter);

private:
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value mul(Value x, int64_t c) {
    return c == 1 ? x : arith::MulIOp::create(b, x, cst(c)).getResult();
  }
  /// Vectors of the transforms, in the accumulator type.
  VectorType vecType() { return VectorType::get({vw}, type); }
  /// A vector of `t` at `idx`, widened to the accumulator type; lanes past
  /// the end of `t`'s last dimension read zero unless `inBounds`.
  Value read(Value t, ValueRange idx, bool inBounds = true) {
    Type et = cast<ShapedType>(t.getType()).getElementType();
    Value pad = arith::ConstantOp::create(b, et, b.getZeroAttr(et));
    Value v = vector::TransferReadOp::create(
        b, VectorType::get({vw}, et), t, idx, pad, ArrayRef<bool>{inBounds});
    return castFloatElements(b, b.getLoc(), v, type);
  }
  Value write(Value v, Value t, ValueRange idx, bool inBounds = true) {
    return vector::TransferWriteOp::create(b, v, t, idx,
                                           ArrayRef<bool>{inBounds})
        .getResult();
  }
  Value zeros() {
    return arith::ConstantOp::create(
        b, DenseElementsAttr::get(vecType(), b.getZeroAttr(type)));
  }
  /// sum_k m[k] * in[k] with adds and subtracts; the nonzero coefficients of
  /// a row share one magnitude, applied once.
  Value combine(ArrayRef<Value> in, ArrayRef<double> m);
  /// L . X . R^T for a grid X of vectors.
  SmallVector<SmallVector<Value, 4>, 4>
  transform(ArrayRef<SmallVector<Value, 4>> x,
            ArrayRef<SmallVector<double, 4>> l,
            ArrayRef<SmallVector<double, 4>> r);
  /// A forall over `counts` iterations (scf.for loops unless `parallel`),
  /// each writing the slice of `out` at `offsetsOf(ivs)` of `sizes`
  /// computed by `body`.
  Value forall(Value out, ArrayRef<int64_t> counts,
               ArrayRef<OpFoldResult> sizes,
               function_ref<SmallVector<OpFoldResult>(ValueRange)> offsetsOf,
               function_ref<Value(Value, ValueRange)> body);
  /// An scf.for over [lo, hi) step `step` threading `init`.
  Value loop(Value init, int64_t lo, int64_t hi, int64_t step,
             function_ref<Value(Value, Value)> body);

  Value filterTransform();
  /// U of a constant filter, computed at compile time (in double).
  Value foldFilterTransform(const ConstantBytes &bytes);
  Value inputTransform();
  Value outputTransform(Value m);
  /// The output tile (th, tw) of batch n, `rowsOut` x `colsOut` of its 2 x
  /// 2 outputs, for all channels, into `slice` ([1, rowsOut', OW, OC] at
  /// row 2 th) at column 2 tw.
  Value outputTile(Value slice, Value m, Value n, Value th, Value tw,
                   int64_t rowsOut, int64_t colsOut);

  ImplicitLocOpBuilder &b;
  Conv2DOp op;
  ConvGeometry g;
  int64_t vw;
  linalg::GenericOp epilogue;
  const DirectConvOptions &options;
  int64_t tilesH, tilesW;
  /// The conv's element type, and the transforms' and GEMMs' (f32 for
  /// f16/bf16).
  Type elementType, type;
  /// The channel counts rounded up to whole vectors: the strides of U, V
  /// and M's 16 groups (lanes past the real channels hold zeros).
  int64_t icp, ocp;
  /// Whether the transforms are scf.forall loops (OpenMP threads).
  bool parallel;
};

} // namespace

Value WinogradEmitter::combine(ArrayRef<Value> in, ArrayRef<double> m) {
  Value sum;
  double magnitude = 0;
  // Positive terms first, so that only an all-negative row needs a negf.
  for (bool positive : {true, false})
    for (auto [x, c] : llvm::zip(in, m)) {
      if (c == 0 || (c > 0) != positive)
        continue;
      magnitude = std::abs(c);
      if (!sum)
        sum = positive ? x : arith::NegFOp::create(b, x).getResult();
      else if (positive)
        sum = arith::AddFOp::create(b, sum, x);
      else
        sum = arith::SubFOp::create(b, sum, x);
    }
  assert(llvm::all_of(
             m, [&](double c) { return c == 0 || std::abs(c) == magnitude; }) &&
         "the nonzero coefficients of a row share one magnitude");
  if (magnitude != 1)
    sum = arith::MulFOp::create(
        b, sum,
        arith::ConstantOp::create(
            b, DenseElementsAttr::get(vecType(),
                                      b.getFloatAttr(type, magnitude))));
  return sum;
}

SmallVector<SmallVector<Value, 4>, 4>
WinogradEmitter::transform(ArrayRef<SmallVector<Value, 4>> x,
                           ArrayRef<SmallVector<double, 4>> l,
                           ArrayRef<SmallVector<double, 4>> r) {
  SmallVector<SmallVector<Value, 4>, 4> tmp(l.size()), out(l.size());
  for (auto [i, li] : llvm::enumerate(l))
    for (size_t j = 0; j < x.front().size(); ++j) {
      SmallVector<Value, 4> column;
      for (const SmallVector<Value, 4> &row : x)
        column.push_back(row[j]);
      tmp[i].push_back(combine(column, li));
    }
  for (size_t i = 0; i < l.size(); ++i)
    for (const SmallVector<double, 4> &rk : r)
      out[i].push_back(combine(tmp[i], rk));
  return out;
}

Value WinogradEmitter::forall(
    Value out, ArrayRef<int64_t> counts, ArrayRef<OpFoldResult> sizes,
    function_ref<SmallVector<OpFoldResult>(ValueRange)> offsetsOf,
    function_ref<Value(Value, ValueRange)> body) {
  SmallVector<OpFoldResult> ubs;
  for (int64_t c : counts)
    ubs.push_back(b.getIndexAttr(c));
  return emitSliceLoops(b, out, ubs, sizes, offsetsOf, body, !parallel);
}

Value WinogradEmitter::loop(Value init, int64_t lo, int64_t hi, int64_t step,
                            function_ref<Value(Value, Value)> body) {
  if (hi <= lo)
    return init;
  auto forOp =
      scf::ForOp::create(b, cst(lo), cst(hi), cst(step), ValueRange{init});
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(forOp.getBody());
  scf::YieldOp::create(
      b, body(forOp.getRegionIterArgs()[0], forOp.getInductionVar()));
  return forOp.getResult(0);
}

Value WinogradEmitter::foldFilterTransform(const ConstantBytes &bytes) {
  int64_t ic = g.inChannels, oc = g.outChannels;
  // HWIO element (kh, kw, c, f) of the filter.
  auto tap = [&](int64_t kh, int64_t kw, int64_t c, int64_t f) {
    return bytes.at(elementType, ((kh * 3 + kw) * ic + c) * oc + f);
  };
  // U in the accumulator type (f64 or f32), written directly: a 2048 x 2048
  // filter's is 256 MB in f32.
  std::vector<double> u64(type.isF64() ? icp * 16 * ocp : 0, 0.0);
  std::vector<float> u32(type.isF64() ? 0 : icp * 16 * ocp, 0.0f);
  auto store = [&](int64_t index, double value) {
    if (type.isF64())
      u64[index] = value;
    else
      u32[index] = static_cast<float>(value);
  };
  for (int64_t c = 0; c < ic; ++c)
    for (int64_t f = 0; f < oc; ++f) {
      // G g G^T, in double.
      double gk[3][3], t[4][3] = {};
      for (int64_t k = 0; k < 3; ++k)
        for (int64_t j = 0; j < 3; ++j)
          gk[k][j] = tap(k, j, c, f);
      for (int64_t i = 0; i < 4; ++i)
        for (int64_t j = 0; j < 3; ++j)
          for (int64_t k = 0; k < 3; ++k)
            t[i][j] += kG[i][k] * gk[k][j];
      for (int64_t i = 0; i < 4; ++i)
        for (int64_t j = 0; j < 4; ++j) {
          double sum = 0;
          for (int64_t l = 0; l < 3; ++l)
            sum += t[i][l] * kG[j][l];
          store(c * 16 * ocp + (i * 4 + j) * ocp + f, sum);
        }
    }
  auto uType = RankedTensorType::get({1, 1, icp, 16 * ocp}, type);
  DenseElementsAttr attr;
  if (type.isF64())
    attr = DenseElementsAttr::get(uType, ArrayRef<double>(u64));
  else
    attr = DenseElementsAttr::get(uType, ArrayRef<float>(u32));
  return arith::ConstantOp::create(b, attr);
}

Value WinogradEmitter::filterTransform() {
  // U: [1, 1, ICp, 16 * OCp], one forall iteration per input channel;
  // channels past IC (when IC is not a whole number of vectors) are zero.
  int64_t ic = g.inChannels, oc = g.outChannels;
  Value filter = op.getFilter();
  // A constant filter (a frozen model's) is transformed now, once.
  if (std::optional<ConstantBytes> bytes = getConstantBytes(filter))
    return foldFilterTransform(*bytes);
  // An OIHW argument is read as it is, [O][I * 9]: a channel's 9 taps of vw
  // output channels are the first columns of a vw x vw tile transpose (two
  // or three tiles when vw < 9), instead of a transpose of the whole filter
  // to HWIO per call, which writes the filter to memory once more
  // (docs/Lowering.md, Winograd).
  Value oihwRows;
  if (Value oihw = getOihwArgumentFilter(op))
    oihwRows = tensor::CollapseShapeOp::create(
        b, oihw, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  Value init =
      tensor::EmptyOp::create(b, ArrayRef<int64_t>{1, 1, icp, 16 * ocp}, type);
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(1),
                                     b.getIndexAttr(1),
                                     b.getIndexAttr(16 * ocp)};
  return forall(
      init, {icp}, sizes,
      [&](ValueRange iv) -> SmallVector<OpFoldResult> {
        return {b.getIndexAttr(0), b.getIndexAttr(0), iv[0], b.getIndexAttr(0)};
      },
      [&](Value slice, ValueRange iv) {
        Value c = iv[0], real;
        if (icp > ic) {
          real =
              arith::CmpIOp::create(b, arith::CmpIPredicate::slt, c, cst(ic));
          c = arith::MinSIOp::create(b, c, cst(ic - 1));
        }
        // The 9 taps of output channels [f, f + lanes).
        auto tapsOf = [&](Value f, int64_t lanes) {
          SmallVector<Value> flat;
          if (oihwRows) {
            for (int64_t j = 0; j * vw < 9; ++j) {
              SmallVector<Value> columns = readTransposedTile(
                  b, oihwRows, {}, f, add(mul(c, 9), cst(j * vw)), lanes, vw,
                  /*inBounds=*/false);
              for (int64_t k = 0; k < vw && j * vw + k < 9; ++k)
                flat.push_back(
                    castFloatElements(b, b.getLoc(), columns[k], type));
            }
          } else {
            for (int64_t t = 0; t < 9; ++t)
              flat.push_back(read(filter,
                                  ValueRange{cst(t / 3), cst(t % 3), c, f},
                                  lanes == vw));
          }
          SmallVector<SmallVector<Value, 4>, 4> taps(3);
          for (int64_t t = 0; t < 9; ++t)
            taps[t / 3].push_back(
                real ? arith::SelectOp::create(b, real, flat[t], zeros())
                           .getResult()
                     : flat[t]);
          return taps;
        };
        auto store = [&](Value row, Value f, int64_t lanes) {
          auto u = transform(tapsOf(f, lanes), rows(kG), rows(kG));
          for (int64_t e = 0; e < 16; ++e)
            row =
                write(u[e / 4][e % 4], row,
                      ValueRange{cst(0), cst(0), cst(0), add(f, cst(e * ocp))});
          return row;
        };
        // Whole vectors of output channels, then the last lanes (their
        // lanes past OC are zeros).
        int64_t ocMain = oc / vw * vw;
        Value row = loop(slice, 0, ocMain, vw,
                         [&](Value r, Value f) { return store(r, f, vw); });
        if (oc % vw)
          row = store(row, cst(ocMain), oc % vw);
        return row;
      });
}

Value WinogradEmitter::inputTransform() {
  // V: [1, N, T, 16 * ICp], one forall iteration per (n, tile row).
  int64_t ic = g.inChannels;
  Value input = op.getInput();
  Value init = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{1, g.batch, tilesH * tilesW, 16 * icp}, type);
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(1),
                                     b.getIndexAttr(tilesW),
                                     b.getIndexAttr(16 * icp)};
  Value zero = zeros();
  // Index `i` clamped into [0, size) and whether it was inside.
  auto clamp = [&](Value i, int64_t size, Value &valid) {
    Value inside = arith::AndIOp::create(
        b, arith::CmpIOp::create(b, arith::CmpIPredicate::sge, i, cst(0)),
        arith::CmpIOp::create(b, arith::CmpIPredicate::slt, i, cst(size)));
    valid = inside;
    return arith::SelectOp::create(b, inside, i, cst(0)).getResult();
  };
  return forall(
      init, {g.batch, tilesH}, sizes,
      [&](ValueRange iv) -> SmallVector<OpFoldResult> {
        return {b.getIndexAttr(0), iv[0], mul(iv[1], tilesW),
                b.getIndexAttr(0)};
      },
      [&](Value slice, ValueRange iv) {
        Value n = iv[0];
        Value row0 = arith::SubIOp::create(b, mul(iv[1], 2), cst(g.padTop));
        SmallVector<Value, 4> ih, rowValid;
        for (int64_t i = 0; i < 4; ++i) {
          Value valid;
          ih.push_back(clamp(add(row0, cst(i)), g.inH, valid));
          rowValid.push_back(valid);
        }
        return loop(slice, 0, tilesW, 1, [&](Value out, Value tw) {
          Value col0 = arith::SubIOp::create(b, mul(tw, 2), cst(g.padLeft));
          SmallVector<Value, 4> iw, colValid;
          for (int64_t j = 0; j < 4; ++j) {
            Value valid;
            iw.push_back(clamp(add(col0, cst(j)), g.inW, valid));
            colValid.push_back(valid);
          }
          return loop(out, 0, icp, vw, [&](Value o, Value c) {
            SmallVector<SmallVector<Value, 4>, 4> d(4);
            for (int64_t i = 0; i < 4; ++i)
              for (int64_t j = 0; j < 4; ++j) {
                Value x =
                    read(input, ValueRange{n, ih[i], iw[j], c}, ic % vw == 0);
                Value valid =
                    arith::AndIOp::create(b, rowValid[i], colValid[j]);
                d[i].push_back(arith::SelectOp::create(b, valid, x, zero));
              }
            auto v = transform(d, rows(kBT), rows(kBT));
            for (int64_t e = 0; e < 16; ++e)
              o = write(v[e / 4][e % 4], o,
                        ValueRange{cst(0), cst(0), tw, add(c, cst(e * icp))});
            return o;
          });
        });
      });
}

Value WinogradEmitter::outputTile(Value slice, Value m, Value n, Value th,
                                  Value tw, int64_t rowsOut, int64_t colsOut) {
  int64_t oc = g.outChannels;
  bool whole = oc % vw == 0;
  Value tile = add(mul(th, tilesW), tw);
  Value bias = op.getBias();
  return loop(slice, 0, ocp, vw, [&](Value out, Value f) {
    SmallVector<SmallVector<Value, 4>, 4> mt(4);
    for (int64_t e = 0; e < 16; ++e)
      mt[e / 4].push_back(
          read(m, ValueRange{cst(0), n, tile, add(f, cst(e * ocp))}));
    auto y = transform(mt, rows(kAT), rows(kAT));
    Value biasVec = bias ? read(bias, ValueRange{f}, whole) : Value();
    for (int64_t i = 0; i < rowsOut; ++i)
      for (int64_t j = 0; j < colsOut; ++j) {
        Value v = y[i][j];
        if (biasVec)
          v = arith::AddFOp::create(b, v, biasVec);
        v = castFloatElements(b, b.getLoc(), v, elementType);
        Value col = add(mul(tw, 2), cst(j));
        if (epilogue)
          v = applyEpilogueToVector(
              b, epilogue, op.getResult(), v,
              ValueRange{n, add(mul(th, 2), cst(i)), col, f}, whole);
        // Lanes past OC are masked off (the tensor's last dimension).
        out = write(v, out, ValueRange{cst(0), cst(i), col, f}, whole);
      }
    return out;
  });
}

Value WinogradEmitter::outputTransform(Value m) {
  // Y: forall (n, tile row) writing [1, 2, OW, OC]; an odd last output row
  // is a second forall writing [1, 1, OW, OC]. Odd last columns likewise.
  int64_t outH = g.outH(), outW = g.outW(), oc = g.outChannels;
  Value init = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{g.batch, outH, outW, oc}, elementType);
  auto rowsOf = [&](Value out, int64_t thBegin, int64_t count,
                    int64_t rowsOut) {
    SmallVector<OpFoldResult> sizes = {
        b.getIndexAttr(1), b.getIndexAttr(rowsOut), b.getIndexAttr(outW),
        b.getIndexAttr(oc)};
    return forall(
        out, {g.batch, count}, sizes,
        [&](ValueRange iv) -> SmallVector<OpFoldResult> {
          return {iv[0], mul(add(iv[1], cst(thBegin)), 2), b.getIndexAttr(0),
                  b.getIndexAttr(0)};
        },
        [&](Value slice, ValueRange iv) {
          Value th = add(iv[1], cst(thBegin));
          Value full = loop(slice, 0, outW / 2, 1, [&](Value s, Value tw) {
            return outputTile(s, m, iv[0], th, tw, rowsOut, 2);
          });
          if (outW % 2 == 0)
            return full;
          return outputTile(full, m, iv[0], th, cst(outW / 2), rowsOut, 1);
        });
  };
  Value out = init;
  if (outH / 2 > 0)
    out = rowsOf(out, 0, outH / 2, 2);
  if (outH % 2 != 0)
    out = rowsOf(out, outH / 2, 1, 1);
  return out;
}

FailureOr<Value> WinogradEmitter::emit(RewriterBase &rewriter) {
  Value u = filterTransform();
  Value v = inputTransform();
  // On threads, the GEMMs run over the tile rows as output rows, rows
  // outermost, so each thread multiplies the tiles its input transform
  // wrote and its output transform reads (docs/Lowering.md, Winograd).
  auto rowsOf = [&](Value t, int64_t channels) -> Value {
    // [1, N, T, C] -> [1, N, tilesH, tilesW, C] -> [1, N * tilesH, tilesW, C]
    Value split = tensor::ExpandShapeOp::create(
        b, RankedTensorType::get({1, g.batch, tilesH, tilesW, channels}, type),
        t, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}, {4}});
    return tensor::CollapseShapeOp::create(
        b, split, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
  };
  // Split by rows, every thread reads all of U but keeps its own V and M;
  // split by output channels (the dense kernel's default), each reads half
  // of U but half of V and M cross between the cores. Rows win when U is
  // at most half of V and M together (docs/Lowering.md, Winograd).
  int64_t tiles = g.batch * tilesH * tilesW;
  bool byRows =
      parallel && options.threads > 1 && 2 * icp * ocp <= tiles * (icp + ocp);
  if (byRows)
    v = rowsOf(v, 16 * icp);
  Conv2DAttrs attrs;
  attrs.groups = 16;
  auto gemm = Conv2DOp::create(b, v, u, Value(), attrs);
  // The 16 GEMMs as one grouped 1x1 conv, lowered by the dense kernel.
  // Small GEMMs run on one thread too: spread over two, their operands and
  // results cross between the cores' caches (docs/Lowering.md, Winograd).
  DirectConvOptions gemmOptions = getWinogradGemmOptions(options);
  gemmOptions.sequential = !parallel;
  gemmOptions.rowsOuter = byRows;
  FailureOr<Value> m = lowerConv2DToVector(rewriter, gemm, gemmOptions);
  if (failed(m))
    return failure();
  if (byRows) {
    // Back to [1, N, T, 16 OCp] for the output transform.
    Value split = tensor::ExpandShapeOp::create(
        b, RankedTensorType::get({1, g.batch, tilesH, tilesW, 16 * ocp}, type),
        *m, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    m = tensor::CollapseShapeOp::create(
            b, split, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}, {4}})
            .getResult();
  }

  return outputTransform(*m);
}

DirectConvOptions
mlir::conv::detail::getWinogradGemmOptions(const DirectConvOptions &options) {
  // Blocks forced for the conv (ow-block, ...) do not carry over to its
  // GEMMs, whose rows are tiles.
  DirectConvOptions gemm = options;
  gemm.owBlock = gemm.ocVectors = gemm.ohBlock = gemm.cBlock = 0;
  // U, just written by the filter transform, is read as it is.
  gemm.packFilterBlocks = false;
  return gemm;
}

bool mlir::conv::winogradApplies(const ConvGeometry &g, Type elementType,
                                 const DirectConvOptions &options) {
  return g.inputLayout == InputLayout::NHWC &&
         g.filterLayout == FilterLayout::HWIO && isa<FloatType>(elementType) &&
         options.vectorBits > 0 && g.kernelH == 3 && g.kernelW == 3 &&
         g.strideH == 1 && g.strideW == 1 && g.dilationH == 1 &&
         g.dilationW == 1 && g.groups == 1 && !ShapedType::isDynamic(g.batch) &&
         !ShapedType::isDynamic(g.inH) && !ShapedType::isDynamic(g.inW) &&
         g.batch >= 1 && g.outH() >= 1 && g.outW() >= 1;
}

bool mlir::conv::winogradPays(const ConvGeometry &g, Type elementType,
                              const DirectConvOptions &options,
                              bool constantFilter) {
  // Only channel counts of whole vectors (padded lanes would be wasted
  // GEMM work), and not bf16, whose direct kernel has vdpbf16ps (2x f32).
  int64_t vw = getVectorWidth(elementType, options);
  if (elementType.isBF16() || g.inChannels % vw != 0 || g.outChannels % vw != 0)
    return false;
  // The GEMMs take 16 products per 2x2 tile where the direct kernel takes
  // 36; the filter transform writes and reads 16 IC x OC values per call
  // whatever the image size. Measured against the direct kernel, it paid
  // from 25 output tiles up and lost at 16 (3x3_7, whose 512 x 512 filter
  // transform writes 16 MB), hence the threshold of 20 (docs/Lowering.md,
  // Winograd).
  int64_t tiles =
      llvm::divideCeil(g.outH(), 2) * llvm::divideCeil(g.outW(), 2) * g.batch;
  if (!constantFilter)
    return tiles >= 20;
  // A constant filter is transformed at compile time (and its U laid out in
  // the GEMMs' blocks), so Winograd pays wherever its 16 products per tile
  // are clearly fewer than the direct kernel's, which skips the padding
  // taps. With frozen 512 -> 512 filters it paid on 7x7, 5x5 and 4x4
  // outputs (256 products against 361, 144 against 169, 64 against 100)
  // and lost on 3x3 (64 against 49) and 2x2 (16 against 16), hence the
  // 9/10 (docs/Lowering.md, Winograd).
  auto validTaps = [](int64_t out, int64_t in, int64_t pad) {
    int64_t count = 0;
    for (int64_t o = 0; o < out; ++o)
      for (int64_t k = 0; k < 3; ++k)
        count += o - pad + k >= 0 && o - pad + k < in;
    return count;
  };
  int64_t direct = validTaps(g.outH(), g.inH, g.padTop) *
                   validTaps(g.outW(), g.inW, g.padLeft) * g.batch;
  return 10 * tiles * 16 <= 9 * direct;
}

FailureOr<Value>
mlir::conv::lowerConv2DToWinograd(RewriterBase &rewriter, Conv2DOp op,
                                  const DirectConvOptions &options) {
  ConvGeometry g = op.getGeometry();
  Type type = op.getInput().getType().getElementType();
  if (!winogradApplies(g, type, options))
    return rewriter.notifyMatchFailure(op, "Winograd does not apply");
  linalg::GenericOp epilogue = getFusableEpilogue(op);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(epilogue ? epilogue.getOperation()
                                      : op.getOperation());
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  WinogradEmitter emitter(b, op, getVectorWidth(type, options), epilogue,
                          options);
  FailureOr<Value> result = emitter.emit(rewriter);
  if (failed(result))
    return failure();
  return replaceConvAndEpilogue(rewriter, op, epilogue, *result);
}
