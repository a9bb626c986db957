#!/usr/bin/env python3
"""Differential testing of mlir-conv: random conv2d configurations, each run
through conv-run with a random lowering and checked against the float64
reference (the FORMAT.md tolerance). Any failure prints a reproducer: the IR
file and the conv-run command.

  utils/difftest.py --conv-run build/bin/conv-run --count 200 --seed 7

Covers every layout pair, f32/f16/bf16/f64, groups (dense, grouped,
depthwise, channel multipliers), strides, dilations, asymmetric and
over-wide padding, sizes that are not multiples of any block or vector
width, 1x1 outputs, bias on/off, dynamic N/H/W, and the direct strategy's
forced blocks, reduction blocks and threads as well as the linalg strategy.
Standard library only.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

INPUT_DIMS = {"NHWC": "nhwc", "NCHW": "nchw"}


def shape_in(layout, n, c, h, w):
    return {"NHWC": [n, h, w, c], "NCHW": [n, c, h, w]}[layout]


def shape_filter(layout, o, i, kh, kw):
    return {"HWIO": [kh, kw, i, o], "OIHW": [o, i, kh, kw],
            "OHWI": [o, kh, kw, i]}[layout]


def tensor(shape, dtype, dynamic=()):
    dims = ["?" if i in dynamic else str(d) for i, d in enumerate(shape)]
    return "tensor<" + "x".join(dims + [dtype]) + ">"


def random_case(rng):
    """One random conv: (mlir text, conv-run arguments)."""
    dtype = rng.choice(["f32", "f32", "f16", "bf16", "f64"])
    in_layout = rng.choice(["NHWC", "NCHW"])
    f_layout = rng.choice(["HWIO", "OIHW", "OHWI"])
    kind = rng.choice(["dense", "dense", "grouped", "depthwise", "winograd"])
    if kind == "winograd":
        # What Winograd F(2x2, 3x3) applies to: dense 3x3 stride 1 (channel
        # counts of whole vectors or not: padded).
        groups = 1
        ic, oc = rng.choice([3, 8, 16, 32]), rng.choice([5, 16, 32, 48])
    elif kind == "dense":
        groups = 1
        ic, oc = rng.randint(1, 24), rng.randint(1, 40)
    elif kind == "grouped":
        groups = rng.randint(2, 4)
        ic = groups * rng.randint(1, 6)
        oc = groups * rng.randint(1, 12)
    else:
        groups = ic = rng.randint(1, 20)
        oc = ic * rng.randint(1, 3)
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    sh, sw = rng.randint(1, 3), rng.randint(1, 3)
    dh, dw = rng.randint(1, 3), rng.randint(1, 3)
    if kind == "winograd":
        kh = kw = 3
        sh = sw = dh = dw = 1
    pad = [rng.randint(0, 4) for _ in range(4)]
    n = rng.randint(1, 2)
    # Sizes with an output of at least 1x1 (padding may exceed the kernel).
    h = max(1, dh * (kh - 1) + 1 - pad[0] - pad[1] + rng.randint(0, 12))
    w = max(1, dw * (kw - 1) + 1 - pad[2] - pad[3] + rng.randint(0, 14))
    oh = (h + pad[0] + pad[1] - dh * (kh - 1) - 1) // sh + 1
    ow = (w + pad[2] + pad[3] - dw * (kw - 1) - 1) // sw + 1
    if oh < 1 or ow < 1:
        return None
    bias = rng.random() < 0.5
    in_shape = shape_in(in_layout, n, ic, h, w)
    out_shape = shape_in(in_layout, n, oc, oh, ow)
    f_shape = shape_filter(f_layout, oc, ic // groups, kh, kw)
    dynamic = set()
    if rng.random() < 0.25 and kind != "winograd":
        pos = {"NHWC": (0, 1, 2), "NCHW": (0, 2, 3)}[in_layout]
        dynamic = set(rng.sample(pos, rng.randint(1, 3)))
    args = [tensor(in_shape, dtype, dynamic), tensor(f_shape, dtype)]
    if bias:
        args.append(tensor([oc], dtype))
    params = ", ".join(f"%a{i}: {t}" for i, t in enumerate(args))
    operands = ", ".join(f"%a{i}" for i in range(len(args)))
    result = tensor(out_shape, dtype, dynamic)
    attrs = (f"strides = [{sh}, {sw}] dilations = [{dh}, {dw}] "
             f"padding = [{', '.join(map(str, pad))}] groups = {groups} "
             f"input_layout = {in_layout} filter_layout = {f_layout}")
    text = (f"func.func @conv({params}) -> {result} {{\n"
            f"  %y = conv.conv2d {operands} {attrs} : "
            f"{', '.join(args)} -> {result}\n"
            f"  return %y : {result}\n}}\n")
    cmd = ["--check-reference", f"--seed={rng.randint(1, 1000)}"]
    cmd += [f"--input={'x'.join(map(str, in_shape))}x{dtype}",
            f"--input={'x'.join(map(str, f_shape))}x{dtype}"]
    if bias:
        cmd.append(f"--input={oc}x{dtype}")
    lowering = rng.choice(["default", "default", "linalg", "blocks",
                           "c-block", "threads", "winograd"])
    if kind == "winograd" and lowering not in ("linalg", "winograd"):
        cmd.append(rng.choice(["--winograd=always", "--winograd=never"]))
    if lowering == "winograd":
        cmd.append("--winograd=always")
        if rng.random() < 0.5:
            cmd.append("--threads=2")
    elif lowering == "linalg":
        cmd.append("--strategy=linalg")
    elif lowering == "blocks":
        cmd += [f"--ow-block={rng.randint(1, 9)}",
                f"--oc-vectors={rng.randint(1, 4)}"]
        if rng.random() < 0.3:
            cmd.append(f"--oh-block={rng.randint(1, 3)}")
    elif lowering == "c-block":
        cmd.append(f"--c-block={rng.randint(1, 8)}")
    elif lowering == "threads":
        cmd.append("--threads=2")
    return text, cmd


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conv-run", default="conv-run")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="directory to keep the IR files in")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    workdir = args.keep or tempfile.mkdtemp(prefix="difftest-")
    os.makedirs(workdir, exist_ok=True)
    passed = failed = 0
    while passed + failed < args.count:
        case = random_case(rng)
        if case is None:
            continue
        text, cmd = case
        path = os.path.join(workdir, f"case{passed + failed}.mlir")
        with open(path, "w") as f:
            f.write(text)
        run = subprocess.run([args.conv_run, path] + cmd, capture_output=True,
                             text=True)
        if run.returncode == 0 and "reference check: PASS" in run.stdout:
            passed += 1
            continue
        failed += 1
        print(f"FAIL case {passed + failed - 1} (exit {run.returncode}):")
        print(text, end="")
        print("reproduce: " + " ".join([args.conv_run, path] + cmd))
        print((run.stdout + run.stderr).strip()[-2000:])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
