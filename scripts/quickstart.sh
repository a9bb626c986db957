#!/usr/bin/env bash
# Quick start: install dependencies, build, and JIT-run a ResNet-50 conv layer
# written in the conv dialect, checking it against a float64 reference and
# reporting its speed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh conv-opt conv-run
build/bin/conv-run examples/resnet50_3x3.mlir --check-reference --benchmark=20
