#!/usr/bin/env python3
"""Whole torchvision models: mlir-conv (conv-run on the exported ONNX model)
beside PyTorch frozen (torch.jit.freeze + optimize_for_inference, its oneDNN
path), batch 1, f32, in one run.

  models.py --conv-run build/bin/conv-run [--threads 1] [--iterations 20]
            [--models resnet50,mobilenet_v2] [--repeats 3] [--no-plugin]

For each model: PyTorch's median ms, ours, the ratio (PyTorch / ours: > 1
means we are faster), our cold compile time, and the relative L2 error of our
output against PyTorch's. --no-plugin also times the same pipeline with the
convs left to upstream tosa-to-linalg (conv-run --upstream-convs): what the
plugin is worth inside a compiler. Models are exported into a temporary
directory, never stored.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "utils"))
import torch_models  # noqa: E402

DEFAULT = ("resnet18,resnet50,mobilenet_v2,mobilenet_v3_large,efficientnet_b0,"
           "densenet121,shufflenet_v2_x1_0,resnext50_32x4d,squeezenet1_0,vgg11,"
           "inception_v3")


def torch_frozen_ms(name, threads, iterations):
    import torch
    import torchvision
    torch.set_num_threads(threads)
    kwargs = {"weights": None}
    if name in ("inception_v3", "googlenet"):
        kwargs.update(aux_logits=False, init_weights=True)
    model = getattr(torchvision.models, name)(**kwargs).eval()
    size = 299 if name == "inception_v3" else 224
    x = torch.randn(1, 3, size, size)
    with torch.no_grad():
        frozen = torch.jit.optimize_for_inference(
            torch.jit.freeze(torch.jit.trace(model, x)))
        for _ in range(3):
            frozen(x)
        times = []
        for _ in range(iterations):
            start = time.perf_counter()
            frozen(x)
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def ours(conv_run, path, inputs, out, threads, iterations, extra=()):
    run = subprocess.run(
        [conv_run, path, "--input=@" + inputs, "--output=@" + out,
         "--threads=%d" % threads, "--benchmark=%d" % iterations] + list(extra),
        capture_output=True, text=True, check=True)
    compiled = float(re.search(r"compiled in ([0-9.]+) ms", run.stdout)[1])
    median = float(re.search(r"median_ms=([0-9.]+)", run.stdout)[1])
    return median, compiled


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conv-run", required=True)
    parser.add_argument("--models", default=DEFAULT)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3,
                        help="alternating repeats; medians reported")
    parser.add_argument("--no-plugin", action="store_true")
    args = parser.parse_args()

    print("| model | PyTorch frozen ms | mlir-conv ms | PyTorch/ours | "
          "compile s | rel. L2 |" + (" no plugin ms |" if args.no_plugin
                                     else ""))
    print("|---|---|---|---|---|---|" + ("---|" if args.no_plugin else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.models.split(","):
            d = os.path.join(tmp, name)
            path = torch_models.export(name, d)
            inputs = os.path.join(d, "input.npy")
            out = os.path.join(d, "actual.npy")
            theirs, mine, compile_ms = [], [], []
            for _ in range(args.repeats):
                theirs.append(torch_frozen_ms(name, args.threads,
                                              args.iterations))
                ms, c = ours(args.conv_run, path, inputs, out, args.threads,
                             args.iterations)
                mine.append(ms)
                compile_ms.append(c)
            err = torch_models.rel_l2(
                np.load(os.path.join(d, "expected.npy")), np.load(out))
            t, m = statistics.median(theirs), statistics.median(mine)
            row = "| %s | %.2f | %.2f | %.2fx | %.2f | %.1e |" % (
                name, t, m, t / m, min(compile_ms) / 1e3, err)
            if args.no_plugin:
                ms, _ = ours(args.conv_run, path, inputs, out, args.threads,
                             1, ["--upstream-convs"])
                row += " %.1f |" % ms
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
