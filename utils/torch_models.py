#!/usr/bin/env python3
"""torchvision classification models, exported to ONNX and checked.

  export NAME DIR   writes DIR/NAME.onnx, DIR/input.npy and DIR/expected.npy
                    (PyTorch's output), with seeded random weights and
                    batch-norm statistics (so that folded biases are not 0)
  compare A B       prints the relative L2 error of B against A
  run NAME DIR      export, run through conv-run, compare (--conv-run PATH)

Needs python3-torch, python3-torchvision (Debian). Models are never stored in
the repository: they are made here, from the seed.
"""
import argparse
import os
import subprocess
import sys

import numpy as np


def export(name, out_dir, seed=0, opset=13):
    import torch
    import torchvision

    torch.manual_seed(seed)
    kwargs = {"weights": None}
    if name == "inception_v3":
        kwargs.update(aux_logits=False, init_weights=True)
    if name == "googlenet":
        kwargs.update(aux_logits=False, init_weights=True)
    model = getattr(torchvision.models, name)(**kwargs).eval()
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 2.0)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.5, 0.5)
    size = 299 if name == "inception_v3" else 224
    x = torch.randn(1, 3, size, size)
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=opset)
    with torch.no_grad():
        y = model(x)
    np.save(os.path.join(out_dir, "input.npy"), x.numpy())
    np.save(os.path.join(out_dir, "expected.npy"), y.numpy())
    return path


def rel_l2(expected, actual):
    expected = expected.astype(np.float64)
    actual = actual.astype(np.float64)
    return float(np.linalg.norm(actual - expected) /
                 max(np.linalg.norm(expected), 1e-30))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export")
    p.add_argument("name")
    p.add_argument("dir")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--opset", type=int, default=13)
    p = sub.add_parser("compare")
    p.add_argument("expected")
    p.add_argument("actual")
    p.add_argument("--tolerance", type=float, default=1e-4)
    p = sub.add_parser("run")
    p.add_argument("name")
    p.add_argument("dir")
    p.add_argument("--conv-run", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--opset", type=int, default=13)
    p.add_argument("--tolerance", type=float, default=1e-4)
    p.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    if args.command == "export":
        print(export(args.name, args.dir, args.seed, args.opset))
        return 0
    if args.command == "compare":
        err = rel_l2(np.load(args.expected), np.load(args.actual))
        ok = err <= args.tolerance
        print("rel_l2=%.3g %s" % (err, "OK" if ok else "FAIL"))
        return 0 if ok else 1
    path = export(args.name, args.dir, args.seed, args.opset)
    out = os.path.join(args.dir, "actual.npy")
    run = subprocess.run(
        [args.conv_run, path, "--input=@" + os.path.join(args.dir, "input.npy"),
         "--output=@" + out, "--threads=%d" % args.threads],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        print("%s: conv-run failed (exit %d)" % (args.name, run.returncode))
        return 1
    err = rel_l2(np.load(os.path.join(args.dir, "expected.npy")),
                 np.load(out))
    ok = err <= args.tolerance
    print("%s: rel_l2=%.3g %s" % (args.name, err, "OK" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
