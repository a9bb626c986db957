//===- NestingDepth.cpp - Reject input the MLIR parser cannot nest --------===//
//
// Part of mlir-conv. A single lexical pass over the text, counting brackets
// outside string literals and comments.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Support/NestingDepth.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir::conv;

std::optional<size_t> mlir::conv::findExcessiveNesting(llvm::StringRef source,
                                                       unsigned maxDepth) {
  size_t depth = 0;
  for (size_t i = 0, e = source.size(); i < e; ++i) {
    char c = source[i];
    switch (c) {
    case '"':
      // Skip the string literal, escapes included.
      for (++i; i < e && source[i] != '"'; ++i)
        if (source[i] == '\\')
          ++i;
      break;
    case '/':
      if (i + 1 < e && source[i + 1] == '/')
        while (i < e && source[i] != '\n')
          ++i;
      break;
    case '(':
    case '[':
    case '{':
    case '<':
      if (++depth > maxDepth)
        return i;
      break;
    case '>':
      // `->` and `>=` are not brackets.
      if ((i > 0 && source[i - 1] == '-') ||
          (i + 1 < e && source[i + 1] == '='))
        break;
      [[fallthrough]];
    case ')':
    case ']':
    case '}':
      // Unbalanced closers are the parser's to report.
      if (depth > 0)
        --depth;
      break;
    default:
      break;
    }
  }
  return std::nullopt;
}

bool mlir::conv::checkNestingDepth(const llvm::SourceMgr &sourceMgr,
                                   llvm::raw_ostream &os, unsigned maxDepth) {
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  std::optional<size_t> offset =
      findExcessiveNesting(buffer->getBuffer(), maxDepth);
  if (!offset)
    return true;
  sourceMgr.PrintMessage(
      os, llvm::SMLoc::getFromPointer(buffer->getBufferStart() + *offset),
      llvm::SourceMgr::DK_Error,
      "brackets nest deeper than " + llvm::Twine(maxDepth) + " levels");
  return false;
}
