#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ for longer than the smoke runs of the
# test suite (test/fuzz), one after the other, and prints for each the inputs
# tried and whether it found a crash. The corpus grows in build/fuzz-runs/corpus/
# (kept between runs); a crashing input is saved in build/fuzz-runs/artifacts/ and
# replays with `build/bin/TARGET FILE`.
#   scripts/fuzz.sh [SECONDS per target, default 300] [TARGET...]
# TARGETs: npy, parse, conv2d (default: all three).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(npy parse conv2d)
[ -x build/bin/conv-onnx-fuzzer ] && [ $# -eq 0 ] && targets+=(onnx)

if ! scripts/build.sh MlirConvFuzzers >/dev/null; then
  echo "fuzz.sh: cannot build the fuzzers (they need MLIR_CONV_ENABLE_FUZZERS:" \
    "clang with -fsanitize=fuzzer, Debian's libclang-rt-22-dev)" >&2
  exit 1
fi
status=0
for t in "${targets[@]}"; do
  case $t in
  npy) seeds=(fuzz/corpus/npy); extra=() ;;
  parse) seeds=(test/Dialect/Conv test/conv-opt/Inputs test/conv-run/Inputs examples)
         extra=(-dict=fuzz/conv.dict) ;;
  conv2d) seeds=(); extra=() ;;
  onnx) seeds=(build/fuzz-runs/seeds/onnx); extra=()
        mkdir -p "${seeds[0]}"
        for g in conv_relu depthwise grouped pools shape_chain head split_pad \
                 unsupported dynamic_batch; do
          /usr/bin/python3 utils/onnx_graphs.py "$g" "${seeds[0]}/$g.onnx"
        done ;;
  *) echo "fuzz.sh: unknown target '$t' (npy, parse, conv2d, onnx)" >&2; exit 1 ;;
  esac
  corpus=build/fuzz-runs/corpus/$t
  artifacts=build/fuzz-runs/artifacts/$t/
  log=build/fuzz-runs/$t.log
  mkdir -p "$corpus" "$artifacts"
  build/bin/conv-$t-fuzzer -max_total_time="$seconds" -timeout=60 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$artifacts" \
    "${extra[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  stats=$(grep "^conv-$t-fuzzer: " "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "conv-$t-fuzzer: ${runs:-?} inputs in ${seconds} s, no crash; corpus $(ls "$corpus" | wc -l) files"
  else
    status=1
    echo "conv-$t-fuzzer: CRASH (exit $rc) after ${runs:-?} inputs; see $log and $artifacts"
    grep -m3 -E "ERROR|runtime error|conv-$t-fuzzer: " "$log"
  fi
  [ -n "$stats" ] && echo "  $stats"
done
exit $status
