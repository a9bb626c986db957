//===- AsanOptions.cpp - ASan defaults of the fuzzers that link MLIR ------===//
//
// Part of mlir-conv. LLVM's BumpPtrAllocator is inline header code: compiled
// into our (instrumented) objects it poisons the slabs it allocates, while
// the copies inside the uninstrumented libMLIR.so hand that memory out
// without unpoisoning it. Every attribute or location MLIR then uniques into
// such a slab reads as a "use-after-poison". Ignoring manual poisoning
// removes exactly those false reports; heap overflows, use-after-free and
// leaks are still detected. scripts/sanitize.sh sets the same option.
//
//===----------------------------------------------------------------------===//

extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}
