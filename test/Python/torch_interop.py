# PyTorch tensors straight into the layer (through DLPack, no copy on the way
# in), with torch dtypes; the results match torch.nn.functional.conv2d on
# the same data within 1e-5 + 1e-5 |ref| (f32 sums of 36 products of values
# in [-1, 1)).
# REQUIRES: python-bindings, python-torch
# RUN: env PYTHONPATH=%conv_python_module_dir %conv_python %s | FileCheck %s

import numpy as np
import torch

import mlir_conv

torch.manual_seed(0)
x = torch.rand(1, 4, 7, 7) * 2 - 1
w = torch.rand(8, 4, 3, 3) * 2 - 1
b = torch.rand(8) * 2 - 1
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=4, out_channels=8,
                        dtype=torch.float32, padding=1, has_bias=True,
                        permute=True)
conv.weight = w
conv.bias = b
y = conv(x)
ref = torch.nn.functional.conv2d(x.double(), w.double(), b.double(),
                                 padding=1).numpy()
ok = y.shape == ref.shape and bool(
    np.all(np.abs(y - ref) <= 1e-5 + 1e-5 * np.abs(ref)))
# CHECK: torch: (1, 8, 7, 7) ok
print(f"torch: {y.shape} {'ok' if ok else 'MISMATCH'}")
