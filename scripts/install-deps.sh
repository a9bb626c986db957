#!/usr/bin/env bash
# Installs the Debian 12 packages mlir-conv builds, tests and benchmarks with:
# LLVM/MLIR 22 (shared libLLVM/libMLIR, mlir-opt, lit, FileCheck), clang 22,
# CMake + Ninja, GoogleTest, OpenMP, oneDNN (benchmark baseline), NumPy,
# pybind11 (the Python module), compiler-rt (libFuzzer and the sanitizer
# runtimes for fuzz/ and scripts/sanitize.sh), gnuplot (conv-bench --png), and
# the AArch64 cross compiler and qemu-user (AArch64 objects from conv-compile
# are linked and run in test/AOT), libonnx + protobuf (the ONNX importer), and
# PyTorch + torchvision + onnx for Python (the model tests export torchvision
# models to ONNX and compare with PyTorch's outputs).
set -euo pipefail

packages=(
  git cmake ninja-build clang-22 lld-22 clang-format-22
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libomp-22-dev
  libgtest-dev libdnnl-dev python3-numpy python3-dev pybind11-dev libclang-rt-22-dev
  gnuplot-nox gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx python3-torch
  python3-torchvision
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: run as root, or install sudo, to apt-get: ${missing[*]}" >&2
    exit 1
  fi
  sudo=sudo
fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
  --no-install-recommends "${missing[@]}" >/dev/null
