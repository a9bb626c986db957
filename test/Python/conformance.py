# Every conformance case (../shared/conformance, FORMAT.md) through the
# Python layer API: mlir_conv.Conv2d built from case.json's attributes with
# the case's layouts (NHWC input: MAX layouts; NCHW: permute=True; filters
# in another layout are transposed with NumPy to the layer's), weights and
# bias set from the .npy files, the output compared with expected.npy at the
# case's rtol/atol. bf16 cases: bit patterns widened to float32 (the layer's
# bf16 arrays are float32 holding bf16 values).
# REQUIRES: python-bindings, conformance
# RUN: env PYTHONPATH=%conv_python_module_dir %conv_python %s %conformance | FileCheck %s
# CHECK-NOT: FAIL
# CHECK: 168 passed, 0 failed

import json
import os
import sys

import numpy as np

import mlir_conv

TO_HWIO = {"HWIO": (0, 1, 2, 3), "OIHW": (2, 3, 1, 0), "OHWI": (1, 2, 3, 0)}
TO_OIHW = {"HWIO": (3, 2, 0, 1), "OIHW": (0, 1, 2, 3), "OHWI": (0, 3, 1, 2)}


def load(path, dtype):
    a = np.load(path)
    if dtype == "bf16":
        return (a.astype(np.uint32) << 16).view(np.float32)
    return a


def run(case_dir):
    c = json.load(open(os.path.join(case_dir, "case.json")))
    dtype = c["dtype"]
    nchw = c["input_layout"] == "NCHW"
    x = load(os.path.join(case_dir, "input.npy"), dtype)
    w = load(os.path.join(case_dir, "filter.npy"), dtype)
    expected = load(os.path.join(case_dir, "expected.npy"), dtype)
    w = w.transpose((TO_OIHW if nchw else TO_HWIO)[c["filter_layout"]])
    kh, kw = (w.shape[2], w.shape[3]) if nchw else (w.shape[0], w.shape[1])
    ic = x.shape[1] if nchw else x.shape[3]
    oc = w.shape[0] if nchw else w.shape[3]
    conv = mlir_conv.Conv2d(kernel_size=(kh, kw), in_channels=ic,
                            out_channels=oc, dtype=dtype,
                            stride=tuple(c["strides"]),
                            padding=tuple(c["padding"]),
                            dilation=tuple(c["dilations"]),
                            num_groups=c["groups"], has_bias=c["has_bias"],
                            permute=nchw, name=c["name"])
    conv.weight = np.ascontiguousarray(w)
    if c["has_bias"]:
        conv.bias = load(os.path.join(case_dir, "bias.npy"), dtype)
    y = conv(np.ascontiguousarray(x)).astype(np.float64)
    e = expected.astype(np.float64)
    if y.shape != e.shape:
        return f"shape {y.shape}, expected {e.shape}"
    bad = np.abs(y - e) > c["atol"] + c["rtol"] * np.abs(e)
    if bad.any():
        i = np.unravel_index(np.argmax(np.abs(y - e)), e.shape)
        return (f"{int(bad.sum())} elements out of tolerance; worst at "
                f"{list(i)}: got {y[i]}, expected {e[i]}")
    return None


passed = failed = 0
for root, _, files in sorted(os.walk(sys.argv[1])):
    if "case.json" not in files:
        continue
    try:
        problem = run(root)
    except ValueError as err:
        problem = str(err)
    if problem:
        failed += 1
        print(f"FAIL {os.path.basename(root)}: {problem}")
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
