#!/bin/bash
# Prepares .dev/ (git-ignored) for a run of bench/gpu/device.sh on a machine
# with an NVIDIA GPU and no LLVM: our binaries, the Debian LLVM/MLIR runtime
# packages, ahead-of-time kernels of the benchmark shapes (several tilings
# each) and a copy of the conformance cases.
#   bench/gpu/prepare_device.sh [VARIANTS]   (after scripts/build.sh)
# VARIANTS: space-separated reg-m,reg-n,tile-k,split-k tuples (0 = choose),
# and "igemm" for the default tiling without the direct depthwise kernel.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
shared=${SHARED:-$root/../shared}
variants=${1:-"0,0,0,0 4,4,16,1 2,4,16,1 1,4,16,1 2,4,8,1 2,4,16,0 1,4,16,0"}
rm -rf .dev && mkdir -p .dev/bin .dev/lib .dev/deb .dev/kernels .dev/shapes
grep -qx '/.dev/' .git/info/exclude 2>/dev/null || echo '/.dev/' >> .git/info/exclude
cp build/bin/conv-run .dev/bin/
cp build/lib/libmlir_conv_cuda_runtime.so .dev/lib/
(cd .dev/deb && apt-get download libllvm22 libmlir-22 libz3-4 >/dev/null)
cp -r "$shared/conformance" .dev/conformance
/usr/bin/python3 bench/gpu/shapes_to_mlir.py "$shared/bench/shapes.txt" .dev/shapes > .dev/shapes/flops.txt
while read -r id flops; do
  for v in $variants; do
    if [ "$v" = igemm ]; then
      build/bin/conv-run .dev/shapes/$id.mlir --emit-gpu-kernels=.dev/kernels/$id/igemm \
        --gpu-depthwise-kernel=false > /dev/null || true
      continue
    fi
    IFS=, read -r m n k s <<< "$v"
    build/bin/conv-run .dev/shapes/$id.mlir --emit-gpu-kernels=.dev/kernels/$id/m${m}n${n}k${k}s${s} \
      --gpu-reg-m=$m --gpu-reg-n=$n --gpu-tile-k=$k --gpu-split-k=$s > /dev/null || true
  done
done < .dev/shapes/flops.txt
du -sh .dev
