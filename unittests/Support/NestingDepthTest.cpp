//===- NestingDepthTest.cpp - Tests of the bracket nesting check ----------===//
//
// Part of mlir-conv. What counts as a level, what does not, and where the
// first too-deep bracket is reported.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Support/NestingDepth.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "gtest/gtest.h"

#include <string>

using namespace mlir::conv;

namespace {

/// `depth` nested `[` and their `]`, after `prefix`.
std::string nestedArray(const std::string &prefix, unsigned depth) {
  return prefix + std::string(depth, '[') + std::string(depth, ']');
}

TEST(NestingDepthTest, EveryBracketKindCounts) {
  EXPECT_EQ(findExcessiveNesting("([{<x>}])", 4), std::nullopt);
  EXPECT_EQ(findExcessiveNesting("([{<x>}])", 3), 3u);
  EXPECT_EQ(findExcessiveNesting("(((", 2), 2u);
}

TEST(NestingDepthTest, ReportsTheFirstBracketOverTheLimit) {
  std::string text = nestedArray("a = ", kMaxNestingDepth + 5);
  EXPECT_EQ(findExcessiveNesting(text), 4u + kMaxNestingDepth);
  EXPECT_EQ(findExcessiveNesting(nestedArray("", kMaxNestingDepth)),
            std::nullopt);
}

TEST(NestingDepthTest, SiblingsDoNotAddUp) {
  std::string text;
  for (int i = 0; i < 1000; ++i)
    text += "tensor<1x2xf32> (a) [b] {c} ";
  EXPECT_EQ(findExcessiveNesting(text, 2), std::nullopt);
}

TEST(NestingDepthTest, ArrowsStringsAndCommentsAreNotBrackets) {
  // `->` and `>=` close nothing, so the depth stays 1 here.
  EXPECT_EQ(findExcessiveNesting("(a) -> (b) -> (c) d >= 0", 1), std::nullopt);
  EXPECT_EQ(findExcessiveNesting("<(x) -> (y)>", 1), 1u);
  // Brackets in strings (with escaped quotes) and comments are skipped.
  EXPECT_EQ(findExcessiveNesting(R"("[[[\"[[[" // ((((()", 0), std::nullopt);
  EXPECT_EQ(findExcessiveNesting("// ((((\n(", 0), 8u);
}

TEST(NestingDepthTest, UnbalancedClosersDoNotGoNegative) {
  EXPECT_EQ(findExcessiveNesting(")))]]]}}}((", 1), 10u);
}

TEST(NestingDepthTest, PrintsFileLineAndColumn) {
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("x\n  (((", "deep.mlir"),
      llvm::SMLoc());
  std::string message;
  llvm::raw_string_ostream os(message);
  EXPECT_FALSE(checkNestingDepth(sourceMgr, os, 2));
  EXPECT_EQ(message.substr(0, message.find('\n')),
            "deep.mlir:2:5: error: brackets nest deeper than 2 levels");
  message.clear();
  EXPECT_TRUE(checkNestingDepth(sourceMgr, os, 3));
  EXPECT_EQ(message, "");
}

} // namespace
