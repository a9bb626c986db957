#!/usr/bin/env bash
# Builds mlir-conv with AddressSanitizer + LeakSanitizer + UBSan into
# build-asan/ (MLIR_CONV_ENABLE_SANITIZERS=ON, fuzzers off: they are already
# sanitized in the normal build) and runs the whole lit suite (lit tests and
# GoogleTest unit tests) under it. Prints lit's summary; exits non-zero on any
# failure or sanitizer report. The last result is recorded in docs/Testing.md.
#   scripts/sanitize.sh [extra lit args, e.g. --filter Npy]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ ! -f build-asan/build.ninja ]; then
  cmake -G Ninja -S . -B build-asan \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DMLIR_CONV_ENABLE_SANITIZERS=ON -DMLIR_CONV_ENABLE_FUZZERS=OFF >/dev/null
fi
ninja -C build-asan conv-opt conv-run MlirConvUnitTests

# Every report aborts (SIGABRT), so it fails a test even where the test
# expects exit status 1 (`not` and the "rc=1" checks treat a crash as a
# failure). lit passes these variables through to the tests.
# allow_user_poisoning=0: LLVM's BumpPtrAllocator (inline, in headers)
# poisons its slabs when compiled with ASan, as our code is, but the
# allocators in the uninstrumented libMLIR.so hand that memory out without
# unpoisoning it, so every attribute MLIR uniques after our code touched the
# allocator is a false "use-after-poison". Real heap errors are still found:
# this only ignores manual poisoning.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:allow_user_poisoning=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$root/utils/lsan.supp:print_suppressions=0
/usr/lib/llvm-22/bin/lit -sv build-asan/test "$@"
