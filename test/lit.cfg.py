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

config.substitutions.append(("%conformance", config.conformance_dir))
if os.path.isfile(os.path.join(config.conformance_dir, "FORMAT.md")):
    config.available_features.add("conformance")
