#!/usr/bin/env bash
# Fails if any tracked C/C++ file is not clang-formatted (LLVM style).
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=$(command -v clang-format-22 || command -v clang-format)
bad=$(git ls-files '*.cpp' '*.h' '*.c' | while read -r f; do
  "$fmt" --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$bad" ]; then
  echo "Not clang-formatted (run $fmt -i on them):"
  echo "$bad"
  exit 1
fi
