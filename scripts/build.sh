#!/usr/bin/env bash
# Configures (once) and builds mlir-conv into build/ with clang 22 and Ninja.
# Warnings are errors when CI is set or MLIR_CONV_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."

werror=${MLIR_CONV_WERROR:-OFF}
if [ -n "${CI:-}" ]; then werror=ON; fi

if [ ! -f build/build.ninja ]; then
  cmake -G Ninja -S . -B build \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DMLIR_CONV_ENABLE_WERROR="$werror" >/dev/null
else
  cmake -S . -B build -DMLIR_CONV_ENABLE_WERROR="$werror" >/dev/null
fi
ninja -C build "$@"
