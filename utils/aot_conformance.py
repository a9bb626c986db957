#!/usr/bin/env python3
"""Ahead-of-time conformance: every conformance case through conv-compile.

All cases become the functions of one module (@case_<i>), which conv-compile
turns into one object file for the target and compile flags given after
`--`. A generated C driver, linked with that object by the given C compiler
(a cross compiler for another architecture) and run directly or under an
emulator (e.g. qemu-aarch64), reads each case's inputs, calls its function
and writes its output; the outputs are then compared with the cases'
expected.npy under their tolerances (FORMAT.md). Prints one line per failing
case and `N passed, M failed`; exits 1 on any failure.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys

import numpy as np

C_TYPES = {"f32": ("float", "F32", "<f4"), "f64": ("double", "F64", "<f8"),
           "f16": ("uint16_t", "F16", "<f2"), "bf16": ("uint16_t", "Bf16", "<u2")}


def find_cases(root):
    cases = []
    for dirpath, _, files in os.walk(root):
        if "case.json" in files:
            with open(os.path.join(dirpath, "case.json")) as f:
                cases.append((dirpath, json.load(f)))
    return sorted(cases, key=lambda c: c[0])


def tensor(shape, dtype):
    return "tensor<" + "x".join(str(d) for d in shape) + "x" + dtype + ">"


def function(i, meta):
    dt = meta["dtype"]
    x, w = tensor(meta["input_shape"], dt), tensor(meta["filter_shape"], dt)
    y = tensor(meta["output_shape"], dt)
    args = [f"%x: {x}", f"%w: {w}"]
    operands, types = "%x, %w", f"{x}, {w}"
    if meta["has_bias"]:
        b = tensor([meta["output_shape"][meta["input_layout"].index("C")]], dt)
        args.append(f"%b: {b}")
        operands += ", %b"
        types += f", {b}"
    attrs = (f"strides = {meta['strides']} dilations = {meta['dilations']} "
             f"padding = {meta['padding']} groups = {meta['groups']} "
             f"input_layout = {meta['input_layout']} "
             f"filter_layout = {meta['filter_layout']}")
    return (f"func.func @case_{i}({', '.join(args)}) -> {y} {{\n"
            f"  %y = conv.conv2d {operands} {attrs}\n      : {types} -> {y}\n"
            f"  return %y : {y}\n}}\n")


def driver(cases):
    """The C program: for each case, read its .bin inputs, call, write."""
    lines = ['#include "cases.h"', "#include <stdio.h>", "#include <stdlib.h>",
             "#include <string.h>", "",
             "static void *load(const char *dir, int i, const char *what,",
             "                  size_t bytes) {",
             "  char path[4096];",
             '  snprintf(path, sizeof path, "%s/%d.%s.bin", dir, i, what);',
             '  FILE *f = fopen(path, "rb");',
             "  void *data = malloc(bytes ? bytes : 1);",
             "  if (!f || fread(data, 1, bytes, f) != bytes) {",
             '    fprintf(stderr, "cannot read %s\\n", path);',
             "    exit(2);", "  }", "  fclose(f);", "  return data;", "}", "",
             "int main(int argc, char **argv) {",
             "  const char *dir = argc > 1 ? argv[1] : \".\";"]
    for i, (_, meta) in enumerate(cases):
        ctype, suffix, _ = C_TYPES[meta["dtype"]]
        size = 2 if meta["dtype"] in ("f16", "bf16") else (
            8 if meta["dtype"] == "f64" else 4)
        d4 = f"MlirConvMemRef4d{suffix}"
        shapes = [("x", meta["input_shape"]), ("w", meta["filter_shape"])]
        if meta["has_bias"]:
            shapes.append(
                ("b", [meta["output_shape"][meta["input_layout"].index("C")]]))
        shapes.append(("y", meta["output_shape"]))
        lines.append("  {")
        names = []
        for name, shape in shapes:
            n = int(np.prod(shape))
            rank = len(shape)
            desc = f"MlirConvMemRef{rank}d{suffix}"
            sizes = ", ".join(str(s) for s in shape)
            if name == "y":
                lines.append(f"    {ctype} *{name} = calloc({n}, {size});")
            else:
                lines.append(f"    {ctype} *{name} = load(dir, {i}, \"{name}\","
                             f" {n * size});")
            lines.append(f"    {desc} d{name};")
            lines.append(f"    {desc}Init(&d{name}, {name}, "
                         f"(const int64_t[]){{{sizes}}});")
            names.append(f"&d{name}")
        lines.append(f"    _mlir_ciface_case_{i}({', '.join(names)});")
        n = int(np.prod(meta["output_shape"]))
        lines.append("    char path[4096];")
        lines.append(f'    snprintf(path, sizeof path, "%s/{i}.out.bin", dir);')
        lines.append('    FILE *f = fopen(path, "wb");')
        lines.append(f"    fwrite(y, {size}, {n}, f);")
        lines.append("    fclose(f);")
        for name, _ in shapes:
            lines.append(f"    free({name});")
        lines.append("  }")
        del d4
    lines += ["  return 0;", "}", ""]
    return "\n".join(lines)


def decode(a, dtype):
    if dtype == "bf16":
        return (a.astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    return a.astype(np.float64)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conformance", required=True)
    parser.add_argument("--conv-compile", required=True)
    parser.add_argument("--cc", required=True,
                        help="C compiler (and flags) that links the object")
    parser.add_argument("--run", default="",
                        help="emulator the program runs under")
    parser.add_argument("--work", required=True)
    parser.add_argument("flags", nargs="*", help="conv-compile flags")
    args = parser.parse_args()

    cases = find_cases(args.conformance)
    if not cases:
        sys.exit(f"aot_conformance: no case.json under {args.conformance}")
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, "cases.mlir"), "w") as f:
        for i, (_, meta) in enumerate(cases):
            f.write(function(i, meta))
    for i, (d, meta) in enumerate(cases):
        names = ["input", "filter"] + (["bias"] if meta["has_bias"] else [])
        for name, short in zip(names, ["x", "w", "b"]):
            np.load(os.path.join(d, name + ".npy")).astype(
                C_TYPES[meta["dtype"]][2]).tofile(
                    os.path.join(args.work, f"{i}.{short}.bin"))
    with open(os.path.join(args.work, "main.c"), "w") as f:
        f.write(driver(cases))
    obj = os.path.join(args.work, "cases.o")
    subprocess.run([args.conv_compile, os.path.join(args.work, "cases.mlir"),
                    "-o", obj] + args.flags, check=True)
    exe = os.path.join(args.work, "main")
    subprocess.run(shlex.split(args.cc) + [
        "-std=c99", "-O1", "-I" + args.work, os.path.join(args.work, "main.c"),
        obj, "-lm", "-o", exe], check=True)
    subprocess.run(shlex.split(args.run) + [exe, args.work], check=True)

    failed = 0
    for i, (d, meta) in enumerate(cases):
        dtype = meta["dtype"]
        actual = decode(np.fromfile(os.path.join(args.work, f"{i}.out.bin"),
                                    dtype=C_TYPES[dtype][2]), dtype)
        expected = decode(np.load(os.path.join(d, "expected.npy")),
                          dtype).ravel()
        err = np.abs(actual - expected)
        ok = actual.shape == expected.shape and bool(
            np.all(err <= meta["atol"] + meta["rtol"] * np.abs(expected)))
        if not ok:
            failed += 1
            print(f"FAIL {meta['name']}: max abs error {np.nanmax(err):.3g}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
