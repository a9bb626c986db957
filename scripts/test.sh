#!/usr/bin/env bash
# Runs every test: installs dependencies, builds, checks formatting, then the
# lit suite (dialect, passes, pipelines, conv-run integration, conformance
# cases when ../shared/conformance exists) and the GoogleTest unit tests;
# then the integration tests (and conv-run's) again as an AVX2-only machine
# runs them (MLIR_CONV_HOST_CPU=haswell: "host" plans and compiles for
# Haswell). MLIR_CONV_SECOND_HOST_CPU names another CPU for that pass, or
# "none" to skip it.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
scripts/build.sh || exit 1
scripts/check-format.sh || exit 1

log=$(mktemp)
ninja -C build check-conv 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
second=${MLIR_CONV_SECOND_HOST_CPU:-haswell}
if [ "$second" != none ]; then
  echo "== integration tests again with MLIR_CONV_HOST_CPU=$second"
  MLIR_CONV_HOST_CPU=$second /usr/lib/llvm-22/bin/lit -sv \
    build/test/Integration build/test/conv-run 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi
# lit prints "Passed: N" etc. per suite; sum them into one closing line.
sum() { awk -v re="$1" '$0 ~ "^ *(" re ") *: *[0-9]+" {sub(/^[^:]*: */, ""); n += $1} END {print n + 0}' "$log"; }
passed=$(sum "Passed")
failed=$(sum "Failed|Unresolved|Timed Out|Unexpectedly Passed")
skipped=$(sum "Unsupported")
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
