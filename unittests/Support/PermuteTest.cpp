//===- PermuteTest.cpp - Tests of permuteElements -------------------------===//
//
// Part of mlir-conv.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Support/Permute.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <numeric>
#include <vector>

using namespace mlir::conv;

// OIHW [2][3][1][2] -> HWIO [1][2][3][2]: out[h][w][i][o] = in[o][i][h][w],
// with 2-byte elements (their values are their input positions).
TEST(PermuteTest, OihwToHwio) {
  std::vector<uint16_t> in(12), out(12);
  std::iota(in.begin(), in.end(), 0);
  permuteElements(reinterpret_cast<const char *>(in.data()),
                  reinterpret_cast<char *>(out.data()), sizeof(uint16_t),
                  {2, 3, 1, 2}, {2, 3, 1, 0});
  for (int w = 0; w < 2; ++w)
    for (int i = 0; i < 3; ++i)
      for (int o = 0; o < 2; ++o)
        EXPECT_EQ(out[(w * 3 + i) * 2 + o], (o * 3 + i) * 2 + w)
            << "w " << w << " i " << i << " o " << o;
}
