#!/usr/bin/env python3
"""Small ONNX graphs for the importer's tests, built with onnx.helper.

  onnx_graphs.py NAME OUT.onnx [--reference DIR]

With --reference (needs PyTorch), also writes DIR/input.npy and
DIR/expected.npy: the graph's output computed by torch.nn.functional.
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(7)


def init(name, shape):
    return numpy_helper.from_array(
        rng.uniform(-1, 1, shape).astype(np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def model(nodes, inputs, outputs, inits, opset=13):
    graph = helper.make_graph(
        nodes, "g",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
         for n, s in inputs],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
         for n, s in outputs],
        inits)
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)])


def conv_relu():
    """Strided conv with asymmetric pads, then ReLU."""
    m = model([helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv",
                                strides=[2, 2], pads=[1, 0, 2, 1]),
               helper.make_node("Relu", ["c"], ["y"], name="relu")],
              [("x", [1, 3, 9, 9])], [("y", [1, 8, 5, 4])],
              [init("w", [8, 3, 3, 3]), init("b", [8])])

    def ref(t, F, x):
        x = F.pad(x, (0, 1, 1, 2))
        return F.relu(F.conv2d(x, t["w"], t["b"], stride=2))
    return m, ref


def depthwise():
    """Depthwise conv with channel multiplier 2, SAME_UPPER padding."""
    m = model([helper.make_node("Conv", ["x", "w"], ["y"], name="dw",
                                group=4, auto_pad="SAME_UPPER")],
              [("x", [1, 4, 6, 6])], [("y", [1, 8, 6, 6])],
              [init("w", [8, 1, 3, 3])])

    def ref(t, F, x):
        return F.conv2d(x, t["w"], None, padding=1, groups=4)
    return m, ref


def grouped():
    """Grouped conv (2 groups): conv.conv2d, TOSA has none."""
    m = model([helper.make_node("Conv", ["x", "w", "b"], ["y"], name="grp",
                                group=2, pads=[1, 1, 1, 1],
                                dilations=[2, 2])],
              [("x", [1, 4, 7, 7])], [("y", [1, 6, 5, 5])],
              [init("w", [6, 2, 3, 3]), init("b", [6])])

    def ref(t, F, x):
        return F.conv2d(x, t["w"], t["b"], padding=1, dilation=2, groups=2)
    return m, ref


def pools():
    """MaxPool in ceil mode, AveragePool counting its pads, added."""
    m = model([helper.make_node("MaxPool", ["x"], ["a"], name="max",
                                kernel_shape=[3, 3], strides=[2, 2],
                                ceil_mode=1),
               helper.make_node("AveragePool", ["x"], ["b"], name="avg",
                                kernel_shape=[3, 3], strides=[2, 2],
                                pads=[1, 1, 1, 1], count_include_pad=1),
               helper.make_node("Add", ["a", "b"], ["y"], name="add")],
              [("x", [1, 2, 8, 8])], [("y", [1, 2, 4, 4])], [])

    def ref(t, F, x):
        a = F.max_pool2d(x, 3, 2, ceil_mode=True)
        b = F.avg_pool2d(x, 3, 2, padding=1, count_include_pad=True)
        return a + b
    return m, ref


def shape_chain():
    """Reshape whose shape comes from Shape -> Gather -> Unsqueeze -> Concat."""
    nodes = [
        helper.make_node("Shape", ["x"], ["s"], name="shape"),
        helper.make_node("Gather", ["s", "zero"], ["n"], name="gather",
                         axis=0),
        helper.make_node("Unsqueeze", ["n", "axes"], ["n1"], name="unsq"),
        helper.make_node("Concat", ["n1", "minus1"], ["shape2"],
                         name="concat", axis=0),
        helper.make_node("Reshape", ["x", "shape2"], ["y"], name="reshape"),
    ]
    m = model(nodes, [("x", [2, 3, 4])], [("y", [2, 12])],
              [ints("zero", 0), ints("axes", [0]), ints("minus1", [-1])])

    def ref(t, F, x):
        return x.reshape(2, 12)
    return m, ref


def head():
    """BatchNormalization, HardSwish, GlobalAveragePool, Flatten, Gemm,
    Softmax: a classifier head."""
    nodes = [
        helper.make_node("BatchNormalization",
                         ["x", "scale", "bias", "mean", "var"], ["bn"],
                         name="bn", epsilon=1e-3),
        helper.make_node("HardSwish", ["bn"], ["hs"], name="hswish"),
        helper.make_node("GlobalAveragePool", ["hs"], ["gap"], name="gap"),
        helper.make_node("Flatten", ["gap"], ["flat"], name="flat"),
        helper.make_node("Gemm", ["flat", "fc", "fcb"], ["logits"],
                         name="fc", transB=1, alpha=0.5),
        helper.make_node("Softmax", ["logits"], ["y"], name="softmax"),
    ]
    var = numpy_helper.from_array(
        rng.uniform(0.5, 2, [6]).astype(np.float32), "var")
    m = model(nodes, [("x", [1, 6, 5, 5])], [("y", [1, 10])],
              [init("scale", [6]), init("bias", [6]), init("mean", [6]), var,
               init("fc", [10, 6]), init("fcb", [10])], opset=14)

    def ref(t, F, x):
        bn = F.batch_norm(x, t["mean"], t["var"], t["scale"], t["bias"],
                          eps=1e-3)
        hs = F.hardswish(bn)
        flat = hs.mean((2, 3))
        return F.softmax(0.5 * flat @ t["fc"].T + t["fcb"], dim=1)
    return m, ref


def split_pad():
    """Split, Pad, Concat, Transpose, ReduceMean, Sigmoid, Div, Sub."""
    nodes = [
        helper.make_node("Split", ["x", "sizes"], ["a", "b"], name="split",
                         axis=1),
        helper.make_node("Pad", ["a", "pads", "pv"], ["ap"], name="pad"),
        helper.make_node("Sigmoid", ["b"], ["bs"], name="sig"),
        helper.make_node("Concat", ["ap", "bs"], ["c"], name="cat", axis=1),
        helper.make_node("Transpose", ["c"], ["t"], name="tr",
                         perm=[0, 1, 3, 2]),
        helper.make_node("ReduceMean", ["t"], ["m"], name="mean",
                         axes=[3], keepdims=1),
        helper.make_node("Div", ["t", "m"], ["d"], name="div"),
        helper.make_node("Sub", ["d", "t"], ["y"], name="sub"),
    ]
    m = model(nodes, [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])],
              [ints("sizes", [1, 2]), ints("pads", [0, 0, 0, 0, 0, 0, 0, 0]),
               numpy_helper.from_array(np.array(0.5, np.float32), "pv")])

    def ref(t, F, x):
        a, b = x[:, :1], x[:, 1:]
        c = torch_cat([a, b.sigmoid()])
        tr = c.transpose(2, 3)
        return tr / tr.mean(3, keepdim=True) - tr
    return m, ref


def unsupported():
    """An op the importer does not cover."""
    m = model([helper.make_node("Resize", ["x", "", "scales"], ["y"],
                                name="upsample", mode="nearest")],
              [("x", [1, 1, 2, 2])], [("y", [1, 1, 4, 4])],
              [numpy_helper.from_array(
                  np.array([1, 1, 2, 2], np.float32), "scales")])
    return m, None


def conv_rank2():
    """A Conv on a rank-2 input (libonnx's shape inference would crash)."""
    m = model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv")],
              [("x", [1, 4])], [("y", [1, 8])], [init("w", [8, 4, 3, 3])])
    return m, None


def dynamic_batch():
    """An input whose batch is a symbolic dim."""
    m = model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
              [("x", ["N", 2])], [("y", ["N", 2])], [])
    return m, None


GRAPHS = {f.__name__: f for f in (conv_relu, depthwise, grouped, pools,
                                  shape_chain, head, split_pad, unsupported,
                                  conv_rank2, dynamic_batch)}


def torch_cat(parts):
    import torch
    return torch.cat(parts, dim=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=sorted(GRAPHS))
    parser.add_argument("out")
    parser.add_argument("--reference")
    args = parser.parse_args()
    m, ref = GRAPHS[args.name]()
    onnx.save(m, args.out)
    if args.reference:
        import os
        import torch
        import torch.nn.functional as F
        tensors = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy())
                   for i in m.graph.initializer}
        dims = [d.dim_value for d in
                m.graph.input[0].type.tensor_type.shape.dim]
        x = torch.from_numpy(
            rng.uniform(-2, 2, dims).astype(np.float32))
        with torch.no_grad():
            y = ref(tensors, F, x)
        os.makedirs(args.reference, exist_ok=True)
        np.save(os.path.join(args.reference, "input.npy"), x.numpy())
        np.save(os.path.join(args.reference, "expected.npy"), y.numpy())
    return 0


if __name__ == "__main__":
    sys.exit(main())
