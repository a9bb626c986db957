# What a PyTorch/NumPy user passes: dtypes as our names, NumPy's and
# PyTorch's names or NumPy dtype objects and scalar types; inputs and weights
# as NumPy arrays, objects with DLPack (__dlpack__), with __array__, or with
# the buffer protocol (a memoryview); a readable repr. Each result is
# compared with the same layer called on the NumPy array itself (exactly
# equal: the same kernel on the same values).
# REQUIRES: python-bindings
# RUN: env PYTHONPATH=%conv_python_module_dir %conv_python %s | FileCheck %s

import numpy as np

import mlir_conv

# CHECK: f16 f16 f16 bf16 bf16 f32 f32 f32 f64 f64 f64
names = []
for dtype in ["float16", np.float16, np.dtype("float16"), "bfloat16", "bf16",
              "float32", np.float32, "float", "float64", np.dtype(np.float64),
              "double"]:
    layer = mlir_conv.Conv2d(kernel_size=1, in_channels=1, out_channels=1,
                             dtype=dtype)
    names.append(repr(layer).split("dtype='")[1].split("'")[0])
print(" ".join(names))


class DLPackOnly:
    """Only the DLPack protocol (as a torch tensor or a JAX array has)."""

    def __init__(self, array):
        self.array = array

    def __dlpack__(self, stream=None):
        return self.array.__dlpack__()

    def __dlpack_device__(self):
        return self.array.__dlpack_device__()


class ArrayOnly:
    """Only __array__."""

    def __init__(self, array):
        self.array = array

    def __array__(self, dtype=None):
        return self.array


rng = np.random.default_rng(0)
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=4, out_channels=8,
                        padding=1, has_bias=True, name="c1")
weight = rng.uniform(-1, 1, conv.weight.shape).astype(np.float32)
bias = rng.uniform(-1, 1, 8).astype(np.float32)
conv.weight = DLPackOnly(weight)
conv.bias = ArrayOnly(bias)
# CHECK-NEXT: weights set: True True
print("weights set:", bool(np.array_equal(conv.weight, weight)),
      bool(np.array_equal(conv.bias, bias)))
x = rng.uniform(-1, 1, (1, 6, 6, 4)).astype(np.float32)
y = conv(x)
# CHECK-NEXT: dlpack: True
print("dlpack:", bool(np.array_equal(conv(DLPackOnly(x)), y)))
# CHECK-NEXT: __array__: True
print("__array__:", bool(np.array_equal(conv(ArrayOnly(x)), y)))
# CHECK-NEXT: buffer: True
print("buffer:", bool(np.array_equal(conv(memoryview(x)), y)))
# CHECK-NEXT: Conv2d(kernel_size=(3, 3), in_channels=4, out_channels=8, dtype='f32', stride=(1, 1), padding=(1, 1, 1, 1), dilation=(1, 1), num_groups=1, has_bias=True, permute=False, device='cpu', name='c1')
print(repr(conv))
# Something that is not an array of numbers is a TypeError naming its type.
# CHECK-NEXT: TypeError: expected a float16, float32 or float64 array, got object
try:
    conv(object())
except TypeError as e:
    print("TypeError:", e)
