# -*- Python -*- lit configuration of mlir-conv.
import os

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
llvm_config.add_tool_substitutions(["conv-opt", "conv-run"],
                                   [config.conv_tools_dir])
# The libFuzzer targets (MLIR_CONV_ENABLE_FUZZERS); test/fuzz smoke-runs them.
if config.conv_enable_fuzzers:
    config.available_features.add("fuzzers")
    llvm_config.add_tool_substitutions(
        ["conv-npy-fuzzer", "conv-parse-fuzzer", "conv-conv2d-fuzzer"],
        [config.conv_tools_dir])
# Built with MLIR_CONV_ENABLE_SANITIZERS (scripts/sanitize.sh).
if config.conv_enable_sanitizers:
    config.available_features.add("asan")

config.substitutions.append(("%conformance", config.conformance_dir))
config.substitutions.append(("%conv_src", config.conv_src_root))

# What the host CPU can run: tests that execute code for a wider target
# than the host's require these.
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
if os.path.isfile(os.path.join(config.conformance_dir, "FORMAT.md")):
    config.available_features.add("conformance")
