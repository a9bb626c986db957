#!/bin/bash
# Runs on the lent GPU machine (no LLVM there), from the repo root, after
# bench/gpu/prepare_device.sh here: unpacks Debian's LLVM/MLIR 22 runtime
# next to our binaries, runs the conformance cases on the GPU through
# conv-run --device=cuda, a few conv-run GPU checks, and the cuDNN benchmark.
# Writes logs to ${OUT:-/tmp/out}.
set -uo pipefail
out=${OUT:-/tmp/out}
mkdir -p "$out"
root=$PWD
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv | tee "$out/gpu.txt"
# Debian's libraries go to /opt/deb; /usr/lib/llvm-22 (the paths built into
# conv-run) points there.
mkdir -p /opt/deb
for f in .dev/deb/*.deb; do dpkg -x "$f" /opt/deb; done
[ -e /usr/lib/llvm-22 ] || ln -s /opt/deb/usr/lib/llvm-22 /usr/lib/llvm-22
for l in /opt/deb/usr/lib/llvm-22/lib/*.so.22.1; do ln -sf "$l" "${l%.22.1}"; done
ln -sf /opt/deb/usr/lib/x86_64-linux-gnu/libLLVM.so.22.1 /opt/deb/usr/lib/llvm-22/lib/libLLVM.so.22.1
export LD_LIBRARY_PATH=/opt/deb/usr/lib/llvm-22/lib:/opt/deb/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
run=.dev/bin/conv-run
ldd $run | grep "not found" | tee "$out/missing-libs.txt"

echo "== conv-run GPU checks" | tee "$out/checks.txt"
for f in bench/gpu/checks/*.sh; do bash "$f" "$run" 2>&1 | tee -a "$out/checks.txt"; done

echo "== conformance on the GPU" | tee "$out/conformance.txt"
timeout 300 $run --conformance .dev/conformance --device=cuda 2>&1 | tail -40 | tee -a "$out/conformance.txt"

echo "== benchmark vs cuDNN" | tee "$out/bench.txt"
PYTHONUNBUFFERED=1 timeout 300 python3 bench/gpu/bench_cudnn.py .dev/kernels .dev/shapes/flops.txt \
  --markdown "$out/bench.md" 2>&1 | tee -a "$out/bench.txt"
