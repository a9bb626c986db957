# mlir_conv.compile_onnx: an ONNX model compiled once, called many times on
# NumPy arrays or torch tensors, against PyTorch's output (relative L2 error
# <= 1e-4); symbolic dims given by name; errors as ValueError.
# REQUIRES: python-bindings, onnx-import, python-torchvision, python-onnx
# RUN: rm -rf %t && mkdir -p %t
# RUN: env PYTHONPATH=%conv_python_module_dir:%conv_src/utils %conv_python %s %t | FileCheck %s

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

import mlir_conv
import torch
import torch_models

out = sys.argv[1]
path = torch_models.export("resnet18", out)
x = np.load(os.path.join(out, "input.npy"))
expected = np.load(os.path.join(out, "expected.npy"))

model = mlir_conv.compile_onnx(path, threads=2)
# CHECK: <mlir_conv.Model '{{.*}}resnet18.onnx': (tensor<1x3x224x224xf32>) -> (tensor<1x1000xf32>)>
print(model)
# CHECK-NEXT: numpy: ok
print("numpy:", "ok" if torch_models.rel_l2(expected, model(x)) <= 1e-4
      else "FAIL")
# CHECK-NEXT: torch: ok
print("torch:", "ok" if torch_models.rel_l2(
    expected, model(torch.from_numpy(x))) <= 1e-4 else "FAIL")
# One line per conv: resnet18's 20, and its classifier (a Gemm with constant
# weights runs as a 1x1 conv).
# CHECK-NEXT: lowering records: 21
print("lowering records:", len(model.lowering))

# A symbolic batch: given by name, and two outputs returned as a tuple.
graph = helper.make_graph(
    [helper.make_node("Relu", ["x"], ["y"]),
     helper.make_node("Sigmoid", ["x"], ["z"])], "g",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3]),
     helper.make_tensor_value_info("z", TensorProto.FLOAT, ["batch", 3])])
onnx.save(helper.make_model(graph), os.path.join(out, "two.onnx"))
two = mlir_conv.compile_onnx(os.path.join(out, "two.onnx"), dims={"batch": 2})
v = np.array([[-1, 0, 2], [3, -4, 5]], dtype=np.float32)
y, z = two(v)
# CHECK-NEXT: relu: ok sigmoid: ok
print("relu:", "ok" if np.array_equal(y, np.maximum(v, 0)) else "FAIL",
      "sigmoid:", "ok" if np.allclose(z, 1 / (1 + np.exp(-v)), rtol=1e-6)
      else "FAIL")

for call in (lambda: mlir_conv.compile_onnx(os.path.join(out, "two.onnx")),
             lambda: two(v, v),
             lambda: mlir_conv.compile_onnx(os.path.join(out, "none.onnx"))):
    try:
        call()
    except ValueError as err:
        print("ValueError:", err)
# CHECK-NEXT: ValueError: {{.*}}two.onnx: input 'x' has the symbolic dim 'batch': give its extent (conv-import-onnx --dim=batch=EXTENT)
# CHECK-NEXT: ValueError: the model takes 1 input(s), got 2
# CHECK-NEXT: ValueError: cannot read {{.*}}none.onnx: No such file or directory
