# -*- Python -*- lit configuration of mlir-conv.
import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "MLIR_CONV"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.conv_obj_root
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt", "Inputs"]

# FileCheck, not and count from the LLVM install; our tools from the build.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.conv_tools_dir, append_path=True)
llvm_config.use_default_substitutions()
llvm_config.add_tool_substitutions(["conv-opt", "conv-run", "conv-compile", "conv-capi-test"],
                                   [config.conv_tools_dir])
# The libFuzzer targets (MLIR_CONV_ENABLE_FUZZERS); test/fuzz smoke-runs them.
if config.conv_enable_fuzzers:
    config.available_features.add("fuzzers")
    llvm_config.add_tool_substitutions(
        ["conv-npy-fuzzer", "conv-parse-fuzzer", "conv-conv2d-fuzzer",
         "conv-onnx-fuzzer"],
        [config.conv_tools_dir])
# conv-bench is built when CMake finds oneDNN; --png runs gnuplot.
if os.path.exists(os.path.join(config.conv_tools_dir, "conv-bench")):
    config.available_features.add("conv-bench")
    llvm_config.add_tool_substitutions(["conv-bench"], [config.conv_tools_dir])
if shutil.which("gnuplot"):
    config.available_features.add("gnuplot")
# Built with MLIR_CONV_ENABLE_SANITIZERS (scripts/sanitize.sh).
if config.conv_enable_sanitizers:
    config.available_features.add("asan")

config.substitutions.append(("%conformance", config.conformance_dir))
config.substitutions.append(("%conv_src", config.conv_src_root))
config.substitutions.append(("%conv_build", config.conv_build_root))
# Configuring a separate CMake project (test/Install) like our own build.
config.substitutions.append(
    ("%cmake_configure",
     '"%s" -G "%s" -DCMAKE_MAKE_PROGRAM="%s" -DCMAKE_C_COMPILER="%s" '
     '-DCMAKE_CXX_COMPILER="%s"' %
     (config.cmake_command, config.cmake_generator, config.cmake_make_program,
      config.c_compiler, config.cxx_compiler)))
config.substitutions.append(("%cmake", '"%s"' % config.cmake_command))
# AArch64 objects cross-linked with Debian's gcc-aarch64-linux-gnu and run
# under qemu-user (test/AOT/aarch64.test).
if shutil.which("aarch64-linux-gnu-gcc") and shutil.which("qemu-aarch64"):
    config.available_features.add("aarch64-cross")
# The C compiler, for programs that link ahead-of-time objects (test/AOT).
config.substitutions.append(("%cc ", '"%s" ' % config.c_compiler))
config.substitutions.append(("%c_compiler", config.c_compiler))
config.substitutions.append(
    ("%llvm_mca", os.path.join(config.llvm_tools_dir, "llvm-mca")))
# Compiling a translation unit against our headers (test/Install).
config.substitutions.append(
    ("%cxx_with_includes",
     '"%s" -std=c++17 -I%s -I%s %s' %
     (config.cxx_compiler, os.path.join(config.conv_src_root, "include"),
      os.path.join(config.conv_build_root, "include"), " ".join(
          "-I" + d for d in config.mlir_include_dirs.split(";") if d))))
config.substitutions.append(
    ("%cc_with_includes",
     '"%s" -I%s %s' %
     (config.c_compiler, os.path.join(config.conv_src_root, "include"),
      " ".join("-I" + d for d in config.mlir_include_dirs.split(";") if d))))

# Debian's own mlir-opt (mlir-22-tools) and our plugin for it (test/Plugin).
stock_mlir_opt = os.path.join(config.llvm_tools_dir, "mlir-opt")
if os.path.isfile(stock_mlir_opt):
    config.available_features.add("stock-mlir-opt")
config.substitutions.append(("%stock_mlir_opt", stock_mlir_opt))
config.substitutions.append(
    ("%conv_plugin",
     os.path.join(config.conv_build_root, "lib", "libMlirConvPlugin.so")))

# The Python module (python/), when it was built, and the Python it is for.
if config.conv_python_module_dir:
    config.available_features.add("python-bindings")
    # PyTorch (Debian's python3-torch) for that Python: test/Python/torch_interop.py (named so that it does not shadow torch).
    if subprocess.run([config.conv_python, "-c", "import torch"],
                      capture_output=True).returncode == 0:
        config.available_features.add("python-torch")
# The ONNX importer, when libonnx was found; and the Python packages that
# make test models: onnx (small hand-built graphs) and torchvision (real
# networks, exported by torch.onnx and checked against PyTorch).
if os.path.exists(os.path.join(config.conv_tools_dir, "conv-import-onnx")):
    config.available_features.add("onnx-import")
    llvm_config.add_tool_substitutions(["conv-import-onnx"],
                                       [config.conv_tools_dir])
if config.conv_python:
    for module, feature in (("onnx", "python-onnx"),
                            ("torchvision", "python-torchvision")):
        if subprocess.run([config.conv_python, "-c", "import " + module],
                          capture_output=True).returncode == 0:
            config.available_features.add(feature)
config.substitutions.append(("%conv_python_module_dir",
                             config.conv_python_module_dir))
config.substitutions.append(("%conv_python", config.conv_python))

# What this machine can run: tests that execute code for a wider target
# than "host" require these.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        flags = next((l.split(":", 1)[1].split() for l in cpuinfo
                      if l.startswith("flags")), [])
except OSError:
    flags = []
if "avx2" in flags:
    config.available_features.add("avx2")
if "avx512f" in flags:
    config.available_features.add("avx512")
if "avx512_bf16" in flags:
    config.available_features.add("avx512bf16")

# "host" may be the CPU MLIR_CONV_HOST_CPU names
# (`MLIR_CONV_HOST_CPU=haswell` runs the suite as an AVX2 machine would).
llvm_config.with_system_environment(["MLIR_CONV_HOST_CPU"])
# An NVIDIA GPU with its driver, and our CUDA runtime wrappers: the GPU
# execution tests need both (they are skipped elsewhere).
if config.cuda_runtime and os.path.isfile(config.cuda_runtime) and \
        shutil.which("nvidia-smi"):
    try:
        if subprocess.run(["nvidia-smi", "-L"], capture_output=True,
                          timeout=30).returncode == 0:
            config.available_features.add("cuda-gpu")
    except (OSError, subprocess.TimeoutExpired):
        pass
if config.cuda_runtime:
    config.available_features.add("cuda-runtime")
# ptxas (CUDA toolkit) assembles the PTX we emit, where it is installed.
ptxas = shutil.which("ptxas") or "/usr/local/cuda/bin/ptxas"
if os.access(ptxas, os.X_OK):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
if os.path.isfile(os.path.join(config.conformance_dir, "FORMAT.md")):
    config.available_features.add("conformance")
