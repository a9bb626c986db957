// Hand-written AVX-512 kernels for the interior of dw3x3s2_112 (NHWC,
// 112x112x96 -> 56x56x96), to tell the kernel's structure from the memory
// roofline: 0 and 1 are filter-stationary (9 taps x 2 vectors in registers,
// 4 pixels per block; 1 with a software prefetch), 2 is the block the
// planner chooses (6 vectors x 2 pixels, filter from memory). Medians of
// 300 calls. bench/RESULTS.md: 82 us, 82 us, 86 us.
//
//   clang -O3 -march=native bench/probes/dw3x3s2_kernels.c -o /tmp/dw
//   /tmp/dw
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define H 112
#define W 112
#define C 96
#define OH 56
#define OW 56
static double now() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}
float *x, *w, *y;
// interior-only timing approximation: ow in [1, OW), oh in [1, OH): 4-pixel
// blocks, 2 vectors, filter in regs
static void kernelA4(int pf) {
  for (int oh = 1; oh < OH; oh++) {
    for (int cb = 0; cb < C; cb += 32) {
      __m512 f[9][2];
      for (int t = 0; t < 9; t++) {
        f[t][0] = _mm512_loadu_ps(w + t * C + cb);
        f[t][1] = _mm512_loadu_ps(w + t * C + cb + 16);
      }
      for (int ow = 1; ow + 4 <= OW; ow += 4) {
        __m512 a[4][2];
        for (int i = 0; i < 4; i++) {
          a[i][0] = _mm512_setzero_ps();
          a[i][1] = _mm512_setzero_ps();
        }
        for (int kh = 0; kh < 3; kh++) {
          int ih = 2 * oh - 1 + kh;
          const float *row = x + ((size_t)ih * W) * C + cb;
          if (pf && cb == 0) {
            _mm_prefetch(
                (const char *)(row + (size_t)(2 * ow + 15 + 2 * W) * C),
                _MM_HINT_T0);
          }
          __m512 c0[9], c1[9];
          for (int k = 0; k < 9; k++) {
            int iw = 2 * ow - 1 + k;
            c0[k] = _mm512_loadu_ps(row + (size_t)iw * C);
            c1[k] = _mm512_loadu_ps(row + (size_t)iw * C + 16);
          }
          for (int i = 0; i < 4; i++)
            for (int kw = 0; kw < 3; kw++) {
              a[i][0] =
                  _mm512_fmadd_ps(c0[2 * i + kw], f[kh * 3 + kw][0], a[i][0]);
              a[i][1] =
                  _mm512_fmadd_ps(c1[2 * i + kw], f[kh * 3 + kw][1], a[i][1]);
            }
        }
        for (int i = 0; i < 4; i++) {
          _mm512_storeu_ps(y + ((size_t)oh * OW + ow + i) * C + cb, a[i][0]);
          _mm512_storeu_ps(y + ((size_t)oh * OW + ow + i) * C + cb + 16,
                           a[i][1]);
        }
      }
    }
  }
}
static void
kernelB62(void) { // 6 vectors x 2 pixels, filter from memory (ours now)
  for (int oh = 1; oh < OH; oh++)
    for (int ow = 1; ow + 2 <= OW; ow += 2) {
      __m512 a[2][6];
      for (int i = 0; i < 2; i++)
        for (int j = 0; j < 6; j++)
          a[i][j] = _mm512_setzero_ps();
      for (int kh = 0; kh < 3; kh++) {
        int ih = 2 * oh - 1 + kh;
        const float *row = x + ((size_t)ih * W) * C;
        for (int j = 0; j < 6; j++) {
          __m512 c[5];
          for (int k = 0; k < 5; k++)
            c[k] = _mm512_loadu_ps(row + (size_t)(2 * ow - 1 + k) * C + 16 * j);
          for (int kw = 0; kw < 3; kw++) {
            __m512 f = _mm512_loadu_ps(w + (kh * 3 + kw) * C + 16 * j);
            a[0][j] = _mm512_fmadd_ps(c[kw], f, a[0][j]);
            a[1][j] = _mm512_fmadd_ps(c[2 + kw], f, a[1][j]);
          }
        }
      }
      for (int i = 0; i < 2; i++)
        for (int j = 0; j < 6; j++)
          _mm512_storeu_ps(y + ((size_t)oh * OW + ow + i) * C + 16 * j,
                           a[i][j]);
    }
}
int main() {
  x = aligned_alloc(64, sizeof(float) * H * W * C);
  w = aligned_alloc(64, sizeof(float) * 9 * C);
  y = aligned_alloc(64, sizeof(float) * OH * OW * C);
  for (size_t i = 0; i < (size_t)H * W * C; i++)
    x[i] = (i % 13) * 0.1f;
  for (int i = 0; i < 9 * C; i++)
    w[i] = (i % 7) * 0.1f;
  for (int k = 0; k < 3; k++) {
    double ts[300];
    for (int r = 0; r < 300; r++) {
      double t = now();
      if (k == 0)
        kernelA4(0);
      else if (k == 1)
        kernelA4(1);
      else
        kernelB62();
      ts[r] = now() - t;
    }
    for (int i = 0; i < 300; i++)
      for (int j = i + 1; j < 300; j++)
        if (ts[j] < ts[i]) {
          double z = ts[i];
          ts[i] = ts[j];
          ts[j] = z;
        }
    printf("%d: median %.1f us\n", k, ts[150] * 1e6);
  }
}
