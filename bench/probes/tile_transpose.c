// The layout transposes around an NCHW conv lowered in NHWC: a [C][H*W]
// f32 plane set to [H*W][C] in 16 x 16 tiles (16 row reads, the 64-shuffle
// AVX-512 network of unpacklo/hi, shuffle_f32x4, 16 row writes: what
// lowerLayoutTransposeToVectors emits), and with the same reads and writes
// but no shuffles, best of 200 passes. bench/RESULTS.md uses it for what
// the NCHW Winograd layers pay for their input and result transposes.
//
//   clang -O2 -march=native bench/probes/tile_transpose.c -o /tmp/tt
//   /tmp/tt 64 3136      # 3x3_56's input (or result): C = 64, H*W = 56*56
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void transpose16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4)
    for (int j = 0; j < 2; ++j) {
      r[i + j] = _mm512_castpd_ps(_mm512_unpacklo_pd(
          _mm512_castps_pd(t[i + j]), _mm512_castps_pd(t[i + j + 2])));
      r[i + j + 2] = _mm512_castpd_ps(_mm512_unpackhi_pd(
          _mm512_castps_pd(t[i + j]), _mm512_castps_pd(t[i + j + 2])));
    }
  for (int i = 0; i < 16; i += 8)
    for (int j = 0; j < 4; ++j) {
      t[i + j] = _mm512_shuffle_f32x4(r[i + j], r[i + j + 4], 0x88);
      t[i + j + 4] = _mm512_shuffle_f32x4(r[i + j], r[i + j + 4], 0xdd);
    }
  for (int j = 0; j < 8; ++j) {
    r[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
    r[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xdd);
  }
}

static double run(const float *src, float *dst, long c, long p, int shuffle) {
  double best = 1e9;
  for (int pass = 0; pass < 200; ++pass) {
    double t0 = now();
    for (long c0 = 0; c0 < c; c0 += 16)
      for (long p0 = 0; p0 < p; p0 += 16) {
        __m512 r[16];
        for (int i = 0; i < 16; ++i)
          r[i] = _mm512_loadu_ps(src + (c0 + i) * p + p0);
        if (shuffle)
          transpose16(r);
        for (int i = 0; i < 16; ++i)
          _mm512_storeu_ps(dst + (p0 + i) * c + c0, r[i]);
      }
    double t = now() - t0;
    if (t < best)
      best = t;
  }
  return best;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s C HW (multiples of 16)\n", argv[0]);
    return 1;
  }
  long c = atol(argv[1]), p = atol(argv[2]);
  float *src = aligned_alloc(64, c * p * 4),
        *dst = aligned_alloc(64, c * p * 4);
  for (long i = 0; i < c * p; ++i)
    src[i] = (float)i;
  double moves = run(src, dst, c, p, 0);
  double full = run(src, dst, c, p, 1);
  // Check one element of the transpose.
  if (dst[(p - 1) * c + (c - 1)] != src[(c - 1) * p + (p - 1)]) {
    fprintf(stderr, "wrong transpose\n");
    return 1;
  }
  printf("C=%ld HW=%ld: %ld tiles, transpose %.4f ms, same reads and writes "
         "without shuffles %.4f ms\n",
         c, p, (c / 16) * (p / 16), full * 1e3, moves * 1e3);
  return 0;
}
