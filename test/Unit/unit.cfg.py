# -*- Python -*- Runs the GoogleTest unit tests under lit.
import os

import lit.formats

config.name = "MLIR_CONV_UNIT"
config.suffixes = []
config.test_source_root = os.path.join(config.conv_obj_root, "..", "unittests")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest("bin", "Tests")
