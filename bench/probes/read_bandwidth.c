// Sequential AVX-512 read bandwidth of a buffer of the given size (bytes),
// best of 50 passes: what a memory-bound layer can at most stream from the
// cache level the buffer fits in. bench/RESULTS.md uses it for the roofline
// of dw3x3s2_112.
//
//   clang -O2 -march=native bench/probes/read_bandwidth.c -o /tmp/bw
//   /tmp/bw 4816896      # dw3x3s2_112's input: ~100 GB/s here (L3)
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}
int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s BYTES\n", argv[0]);
    return 1;
  }
  size_t n = atol(argv[1]) / 4;
  float *a = aligned_alloc(64, n * 4);
  for (size_t i = 0; i < n; i++)
    a[i] = i;
  __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  double best = 1e9;
  for (int r = 0; r < 50; r++) {
    double t = now();
    for (size_t i = 0; i + 64 <= n; i += 64) {
      s0 = _mm512_add_ps(s0, _mm512_load_ps(a + i));
      s1 = _mm512_add_ps(s1, _mm512_load_ps(a + i + 16));
      s2 = _mm512_add_ps(s2, _mm512_load_ps(a + i + 32));
      s3 = _mm512_add_ps(s3, _mm512_load_ps(a + i + 48));
    }
    t = now() - t;
    if (t < best)
      best = t;
  }
  float out[16];
  _mm512_storeu_ps(out,
                   _mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
  printf("%zu bytes: %.1f GB/s (%.1f us) %f\n", n * 4, n * 4 / best / 1e9,
         best * 1e6, out[0]);
}
