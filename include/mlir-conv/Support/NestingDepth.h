//===- NestingDepth.h - Reject input the MLIR parser cannot nest -*- C++
//-*-===//
//
// Part of mlir-conv. MLIR's parser recurses once per nested bracket and has
// no depth limit, so a few thousand nested `[` overflow the stack and crash
// the process (conv-parse-fuzzer found it). Every tool and API that parses
// text checks the nesting first and reports deep input as an error.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_SUPPORT_NESTINGDEPTH_H
#define MLIR_CONV_SUPPORT_NESTINGDEPTH_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <optional>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir::conv {

/// The deepest bracket nesting accepted. Real IR nests a few dozen levels;
/// the parser crashes somewhere between 3000 and 10000 (less under ASan).
constexpr unsigned kMaxNestingDepth = 256;

/// The offset of the first bracket (`(`, `[`, `{` or `<`) in `source` that
/// opens a level deeper than `maxDepth`, or nullopt if there is none. String
/// literals and `//` comments are skipped; `->` and `>=` close nothing.
std::optional<size_t>
findExcessiveNesting(llvm::StringRef source,
                     unsigned maxDepth = kMaxNestingDepth);

/// Checks the main buffer of `sourceMgr`; if it nests too deeply, prints
/// "FILE:LINE:COL: error: brackets nest deeper than 256 levels" with the
/// source line to `os` and returns false.
bool checkNestingDepth(const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os,
                       unsigned maxDepth = kMaxNestingDepth);

} // namespace mlir::conv

#endif // MLIR_CONV_SUPPORT_NESTINGDEPTH_H
