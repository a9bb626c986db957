/* Links the object conv-compile wrote for Inputs/convs.mlir, calls each
   function through the generated header, and counts the outputs farther
   than 1e-5 + 1e-5 |ref| (f32; 1e-12 for f64) from a plain C loop nest
   accumulating in double. */
#include "convs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double next(unsigned *seed) {
  *seed = *seed * 1103515245u + 12345u;
  return ((*seed >> 8) & 0xffff) / 32768.0 - 1.0;
}

/* NCHW input, OIHW filter, NCHW output; any strides, padding, groups. */
static double ref(const double *x, const double *w, const double *b, int C,
                  int H, int W, int OC, int KH, int KW, int sh, int sw, int top,
                  int left, int groups, int n, int o, int i, int j) {
  int cg = C / groups, og = OC / groups, g = o / og;
  double sum = b ? b[o] : 0;
  for (int c = 0; c < cg; ++c)
    for (int r = 0; r < KH; ++r)
      for (int s = 0; s < KW; ++s) {
        int ih = i * sh - top + r, iw = j * sw - left + s;
        if (ih < 0 || ih >= H || iw < 0 || iw >= W)
          continue;
        sum += x[((n * C + g * cg + c) * H + ih) * W + iw] *
               w[((o * cg + c) * KH + r) * KW + s];
      }
  return sum;
}

/* Double NCHW/OIHW copies of an NHWC image `x` and a 3x3 HWIO filter `w`. */
static void to_nchw_oihw(const float *x, const float *w, double *xd, double *wd,
                         int H, int W, int C, int OC) {
  for (int h = 0; h < H; ++h)
    for (int v = 0; v < W; ++v)
      for (int c = 0; c < C; ++c)
        xd[(c * H + h) * W + v] = x[(h * W + v) * C + c];
  for (int r = 0; r < 9; ++r)
    for (int c = 0; c < C; ++c)
      for (int o = 0; o < OC; ++o)
        wd[(o * C + c) * 9 + r] = w[(r * C + c) * OC + o];
}

static int nhwc(void) {
  enum { H = 6, W = 7, C = 3, OC = 8 };
  static float x[H * W * C], w[3 * 3 * C * OC], b[OC], y[H * W * OC];
  static double xd[C * H * W], wd[OC * C * 9], bd[OC];
  unsigned seed = 1;
  for (int i = 0; i < H * W * C; ++i)
    x[i] = (float)next(&seed);
  for (int i = 0; i < 9 * C * OC; ++i)
    w[i] = (float)next(&seed);
  for (int i = 0; i < OC; ++i)
    bd[i] = b[i] = (float)next(&seed);
  /* The reference's NCHW/OIHW copies. */
  to_nchw_oihw(x, w, xd, wd, H, W, C, OC);
  MlirConvMemRef4dF32 dx, dw, dy;
  MlirConvMemRef1dF32 db;
  MlirConvMemRef4dF32Init(&dx, x, (const int64_t[]){1, H, W, C});
  MlirConvMemRef4dF32Init(&dw, w, (const int64_t[]){3, 3, C, OC});
  MlirConvMemRef1dF32Init(&db, b, (const int64_t[]){OC});
  MlirConvMemRef4dF32Init(&dy, y, (const int64_t[]){1, H, W, OC});
  _mlir_ciface_nhwc(&dx, &dw, &db, &dy);
  int bad = 0;
  for (int i = 0; i < H; ++i)
    for (int j = 0; j < W; ++j)
      for (int o = 0; o < OC; ++o) {
        double e =
            ref(xd, wd, bd, C, H, W, OC, 3, 3, 1, 1, 1, 1, 1, 0, o, i, j);
        bad += !(fabs(y[(i * W + j) * OC + o] - e) <= 1e-5 + 1e-5 * fabs(e));
      }
  printf("nhwc: %d mismatches of %d\n", bad, H * W * OC);
  return bad;
}

static int nchw_grouped(void) {
  enum { N = 2, C = 4, H = 9, W = 9, OC = 6, OH = 4, OW = 4 };
  static double x[N * C * H * W], w[OC * 2 * 9], y[N * OC * OH * OW];
  unsigned seed = 2;
  for (int i = 0; i < N * C * H * W; ++i)
    x[i] = next(&seed);
  for (int i = 0; i < OC * 2 * 9; ++i)
    w[i] = next(&seed);
  MlirConvMemRef4dF64 dx, dw, dy;
  MlirConvMemRef4dF64Init(&dx, x, (const int64_t[]){N, C, H, W});
  MlirConvMemRef4dF64Init(&dw, w, (const int64_t[]){OC, 2, 3, 3});
  MlirConvMemRef4dF64Init(&dy, y, (const int64_t[]){N, OC, OH, OW});
  _mlir_ciface_nchw_grouped(&dx, &dw, &dy);
  int bad = 0;
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < OC; ++o)
      for (int i = 0; i < OH; ++i)
        for (int j = 0; j < OW; ++j) {
          double e =
              ref(x, w, NULL, C, H, W, OC, 3, 3, 2, 2, 0, 1, 2, n, o, i, j);
          bad += !(fabs(y[((n * OC + o) * OH + i) * OW + j] - e) <= 1e-12);
        }
  printf("nchw_grouped: %d mismatches of %d\n", bad, N * OC * OH * OW);
  return bad;
}

static int winograd(void) {
  enum { H = 20, W = 20, C = 16, OC = 16 };
  static float x[H * W * C], w[9 * C * OC], y[H * W * OC];
  static double xd[C * H * W], wd[OC * C * 9];
  unsigned seed = 3;
  for (int i = 0; i < H * W * C; ++i)
    x[i] = (float)next(&seed);
  for (int i = 0; i < 9 * C * OC; ++i)
    w[i] = (float)next(&seed);
  to_nchw_oihw(x, w, xd, wd, H, W, C, OC);
  MlirConvMemRef4dF32 dx, dw, dy;
  MlirConvMemRef4dF32Init(&dx, x, (const int64_t[]){1, H, W, C});
  MlirConvMemRef4dF32Init(&dw, w, (const int64_t[]){3, 3, C, OC});
  MlirConvMemRef4dF32Init(&dy, y, (const int64_t[]){1, H, W, OC});
  _mlir_ciface_winograd(&dx, &dw, &dy);
  int bad = 0;
  /* Sums of 144 products of values in [-1, 1) through the transforms. */
  for (int i = 0; i < H; ++i)
    for (int j = 0; j < W; ++j)
      for (int o = 0; o < OC; ++o) {
        double e =
            ref(xd, wd, NULL, C, H, W, OC, 3, 3, 1, 1, 1, 1, 1, 0, o, i, j);
        bad += !(fabs(y[(i * W + j) * OC + o] - e) <= 1e-4 + 1e-5 * fabs(e));
      }
  printf("winograd: %d mismatches of %d\n", bad, H * W * OC);
  return bad;
}

int main(void) {
  int bad = nhwc() + nchw_grouped() + winograd();
  return bad ? 1 : 0;
}
