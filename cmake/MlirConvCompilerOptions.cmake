# Project-wide compiler options: warnings, -Werror, sanitizers and fuzzers.
option(MLIR_CONV_ENABLE_WERROR "Treat compiler warnings as errors" OFF)

add_compile_options(-Wall -Wextra -Wno-unused-parameter)
if(MLIR_CONV_ENABLE_WERROR)
  add_compile_options(-Werror)
endif()

# AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer over
# all of our code: libraries, tools and unit tests. libMLIR/libLLVM and the
# JIT-compiled kernels are not instrumented, but their heap use goes through
# the sanitizer's allocator, so double frees and leaks there are still seen.
# scripts/sanitize.sh builds build-asan/ with this and runs the suite.
option(MLIR_CONV_ENABLE_SANITIZERS
  "Build with -fsanitize=address,undefined (ASan + LSan + UBSan)" OFF)
if(MLIR_CONV_ENABLE_SANITIZERS)
  set(MLIR_CONV_SANITIZER_FLAGS
    -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  add_compile_options(${MLIR_CONV_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer targets under fuzz/ (clang's -fsanitize=fuzzer, from Debian's
# libclang-rt-22-dev). On by default where the compiler can link them.
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }
]] MLIR_CONV_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
option(MLIR_CONV_ENABLE_FUZZERS
  "Build the libFuzzer targets in fuzz/ (needs clang with -fsanitize=fuzzer)"
  ${MLIR_CONV_HAVE_LIBFUZZER})
if(MLIR_CONV_ENABLE_FUZZERS AND NOT MLIR_CONV_HAVE_LIBFUZZER)
  message(FATAL_ERROR "MLIR_CONV_ENABLE_FUZZERS is ON but ${CMAKE_CXX_COMPILER} "
    "cannot link -fsanitize=fuzzer (install libclang-rt-22-dev)")
endif()
