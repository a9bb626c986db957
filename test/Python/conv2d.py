# The Python module against a NumPy float64 reference conv: MAX and PyTorch
# layouts, every padding form, strides, dilations, groups, bias, every dtype;
# one compilation per input shape; calls from two threads; errors as
# ValueError with the C++ message.
# Tolerances: |y - ref| <= 1e-5 + 1e-5 |ref| (f32, sums of <= 72 products of
# values in [-1, 1); 1e-4 for 288 products through Winograd), 1e-12 (f64), 1e-2 + 4e-3 |ref| (f16: inputs rounded to
# f16 first, result rounded once), 1e-2 + 8e-3 |ref| (bf16, likewise).
# REQUIRES: python-bindings
# RUN: env PYTHONPATH=%conv_python_module_dir %conv_python %s | FileCheck %s

import threading

import numpy as np

import mlir_conv

rng = np.random.default_rng(0)


def reference(x, w, b, stride, pad, dilation, groups):
    """x NCHW, w OIHW, pad (top, bottom, left, right): NCHW float64 output."""
    x = np.pad(x.astype(np.float64),
               ((0, 0), (0, 0), (pad[0], pad[1]), (pad[2], pad[3])))
    w = w.astype(np.float64)
    n, _, h, wd = x.shape
    o, cg, kh, kw = w.shape
    oh = (h - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    og = o // groups
    out = np.zeros((n, o, oh, ow))
    for g in range(groups):
        xs = x[:, g * cg:(g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                r0, c0 = i * dilation[0], j * dilation[1]
                patch = xs[:, :, r0:r0 + stride[0] * (oh - 1) + 1:stride[0],
                           c0:c0 + stride[1] * (ow - 1) + 1:stride[1]]
                out[:, g * og:(g + 1) * og] += np.einsum(
                    "nchw,oc->nohw", patch, w[g * og:(g + 1) * og, :, i, j])
    return out + b.astype(np.float64)[None, :, None, None]


def check(label, conv, x, permute, stride, pad, dilation, groups, rtol, atol):
    y = conv(x)
    w, b = conv.weight, conv.bias
    if permute:
        ref = reference(x, w, b, stride, pad, dilation, groups)
    else:
        ref = reference(x.transpose(0, 3, 1, 2), w.transpose(3, 2, 0, 1), b,
                        stride, pad, dilation, groups).transpose(0, 2, 3, 1)
    err = np.abs(y.astype(np.float64) - ref)
    ok = y.shape == ref.shape and bool(np.all(err <= atol + rtol * np.abs(ref)))
    print(f"{label}: {y.dtype} {y.shape} {'ok' if ok else 'MISMATCH'}")


def random(shape, dtype):
    return rng.uniform(-1, 1, shape).astype(dtype)


# The seed's own example, as written: PyTorch layouts, ones in, zero weights
# and bias at first (so zeros out), then random weights against the
# reference.
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=3, out_channels=64,
                        has_bias=True, permute=True)
x = np.ones([1, 3, 32, 32], np.float32)
y = conv(x)
# CHECK: seed: (1, 64, 30, 30) float32 zeros: True
print(f"seed: {y.shape} {y.dtype} zeros: {not y.any()}")
conv.weight = random(conv.weight.shape, np.float32)
conv.bias = random(64, np.float32)
# CHECK-NEXT: seed: float32 (1, 64, 30, 30) ok
check("seed", conv, x, True, (1, 1), (0, 0, 0, 0), (1, 1), 1, 1e-5, 1e-5)

# MAX layouts: NHWC input, (kh, kw, in/groups, out) weight.
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=6, out_channels=4,
                        stride=(2, 1), padding=(1, 0, 2, 1), dilation=(1, 2),
                        num_groups=2, has_bias=True, name="max")
conv.weight = random(conv.weight.shape, np.float32)
conv.bias = random(4, np.float32)
# CHECK-NEXT: max: float32 (2, 4, 8, 4) ok
check("max", conv, random((2, 9, 9, 6), np.float32), False, (2, 1),
      (1, 0, 2, 1), (1, 2), 2, 1e-5, 1e-5)
# CHECK-NEXT: weight (3, 3, 3, 4), compilations 1
print(f"weight {conv.weight.shape}, compilations {conv.compilations}")
# CHECK-NEXT: max: float32 (2, 4, 8, 4) ok
check("max", conv, random((2, 9, 9, 6), np.float32), False, (2, 1),
      (1, 0, 2, 1), (1, 2), 2, 1e-5, 1e-5)
# CHECK-NEXT: max: float32 (1, 3, 3, 4) ok
check("max", conv, random((1, 7, 4, 6), np.float32), False, (2, 1),
      (1, 0, 2, 1), (1, 2), 2, 1e-5, 1e-5)
# CHECK-NEXT: compilations 2
print(f"compilations {conv.compilations}")

# freeze_weights: the weight and bias compiled into the kernel (prepared at
# compile time: the OIHW weight transposed, Winograd's filter transform for
# this 7x7 3x3 conv), the same numbers before and after new weights, and
# no kernel in the shared cache.
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=32, out_channels=32,
                        padding=1, has_bias=True, permute=True,
                        freeze_weights=True)
x = random((1, 32, 7, 7), np.float32)
for label in ("frozen", "refrozen"):
    conv.weight = random(conv.weight.shape, np.float32)
    conv.bias = random(32, np.float32)
    # CHECK-NEXT: frozen: float32 (1, 32, 7, 7) ok
    # CHECK-NEXT: refrozen: float32 (1, 32, 7, 7) ok
    check(label, conv, x, True, (1, 1), (1, 1, 1, 1), (1, 1), 1, 1e-4, 1e-4)
# CHECK-NEXT: compilations 0
print(f"compilations {conv.compilations}")

# PyTorch layouts (permute): NCHW input, OIHW weight; depthwise with a
# channel multiplier, f64, int padding.
conv = mlir_conv.Conv2d(kernel_size=(3, 2), in_channels=3, out_channels=6,
                        dtype="f64", padding=1, num_groups=3, has_bias=True,
                        permute=True)
conv.weight = random(conv.weight.shape, np.float64)
conv.bias = random(6, np.float64)
# CHECK-NEXT: weight (6, 1, 3, 2)
print(f"weight {conv.weight.shape}")
# CHECK-NEXT: torch: float64 (2, 6, 5, 6) ok
check("torch", conv, random((2, 3, 5, 5), np.float64), True, (1, 1),
      (1, 1, 1, 1), (1, 1), 3, 1e-12, 1e-12)

# f16, (pad_h, pad_w) padding, no bias: the bias reads as zeros.
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=4, out_channels=8,
                        dtype="f16", padding=(2, 0))
conv.weight = random(conv.weight.shape, np.float16)
# CHECK-NEXT: bias zeros: True
print(f"bias zeros: {not conv.bias.any()}")
# CHECK-NEXT: f16: float16 (1, 8, 4, 8) ok
check("f16", conv, random((1, 6, 6, 4), np.float16), False, (1, 1),
      (2, 2, 0, 0), (1, 1), 1, 4e-3, 1e-2)


def to_bf16(a):
    """Rounds float32 values to bfloat16 (nearest even), kept as float32."""
    bits = a.astype(np.float32).view(np.uint32)
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return bits.astype(np.uint32).view(np.float32)


# bf16 travels as float32: inputs are rounded to bf16 once, outputs widened.
conv = mlir_conv.Conv2d(kernel_size=2, in_channels=3, out_channels=5,
                        dtype="bf16", stride=2, has_bias=True)
conv.weight = random(conv.weight.shape, np.float32)
conv.bias = random(5, np.float32)
# CHECK-NEXT: weight is bf16: True
print(f"weight is bf16: {np.array_equal(conv.weight, to_bf16(conv.weight))}")
# CHECK-NEXT: bf16: float32 (1, 3, 3, 5) ok
check("bf16", conv, to_bf16(random((1, 7, 7, 3), np.float32)), False, (2, 2),
      (0, 0, 0, 0), (1, 1), 1, 8e-3, 1e-2)


# Calls from two Python threads at once (they run without the GIL).
conv = mlir_conv.Conv2d(kernel_size=3, in_channels=8, out_channels=8,
                        padding=1, has_bias=True)
conv.weight = random(conv.weight.shape, np.float32)
conv.bias = random(8, np.float32)
inputs = [random((1, 16, 16 + i, 8), np.float32) for i in range(2)]
outputs = [None, None]


def work(i):
    for _ in range(5):
        outputs[i] = conv(inputs[i])


threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i in range(2):
    ref = reference(inputs[i].transpose(0, 3, 1, 2),
                    conv.weight.transpose(3, 2, 0, 1), conv.bias, (1, 1),
                    (1, 1, 1, 1), (1, 1), 1).transpose(0, 2, 3, 1)
    ok = np.all(np.abs(outputs[i] - ref) <= 1e-5 + 1e-5 * np.abs(ref))
    # CHECK-NEXT: thread 0: ok
    # CHECK-NEXT: thread 1: ok
    print(f"thread {i}: {'ok' if ok else 'MISMATCH'}")
# CHECK-NEXT: compilations 2
print(f"compilations {conv.compilations}")


def error(fn):
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(f"{type(e).__name__}: {e}")
    else:
        print("no error")


# CHECK-NEXT: ValueError: Conv2d 'c1': in_channels (6) must be divisible by num_groups (4)
error(lambda: mlir_conv.Conv2d(kernel_size=3, in_channels=6, out_channels=8,
                               num_groups=4, name="c1"))
# device="gpu" runs on an NVIDIA GPU; without one, forward raises a
# ValueError that says why (no driver, no device, or no CUDA in the build).
gpu = mlir_conv.Conv2d(kernel_size=3, in_channels=2, out_channels=4,
                       padding=1, has_bias=True, permute=True, device="gpu")
gpu.weight = random(gpu.weight.shape, np.float32)
gpu.bias = random(4, np.float32)
try:
    check("gpu", gpu, random((1, 2, 5, 5), np.float32), True, (1, 1),
          (1, 1, 1, 1), (1, 1), 1, 1e-5, 1e-5)
except ValueError as e:
    print("gpu: float32 (1, 4, 5, 5) ok" if "CUDA" in str(e) else f"gpu: {e}")
# CHECK-NEXT: gpu: float32 (1, 4, 5, 5) ok
# Compile options by the tools' names (keyword-only): the linalg strategy on
# two threads, and exact direct kernels for a Haswell, give the same conv.
for label, kwargs in [("linalg-2t", dict(strategy="linalg", threads=2)),
                      ("exact-haswell", dict(exact=True, winograd="never",
                                             target_cpu="haswell"))]:
    conv = mlir_conv.Conv2d(kernel_size=3, in_channels=4, out_channels=8,
                            padding=1, has_bias=True, **kwargs)
    conv.weight = random(conv.weight.shape, np.float32)
    conv.bias = random(8, np.float32)
    # CHECK-NEXT: linalg-2t: float32 (1, 6, 6, 8) ok
    # CHECK-NEXT: exact-haswell: float32 (1, 6, 6, 8) ok
    check(label, conv, random((1, 6, 6, 4), np.float32), False, (1, 1),
          (1, 1, 1, 1), (1, 1), 1, 1e-5, 1e-5)
# CHECK-NEXT: ValueError: strategy must be 'direct' or 'linalg', got 'fast'
error(lambda: mlir_conv.Conv2d(kernel_size=1, in_channels=2, out_channels=3,
                               strategy="fast"))
# CHECK-NEXT: ValueError: Conv2d: winograd=always contradicts exact
error(lambda: mlir_conv.Conv2d(kernel_size=1, in_channels=2, out_channels=3,
                               winograd="always", exact=True))
# CHECK-NEXT: ValueError: Conv2d: unknown target CPU 'pentium9'
error(lambda: mlir_conv.Conv2d(kernel_size=1, in_channels=2, out_channels=3,
                               target_cpu="pentium9"))
# CHECK-NEXT: ValueError: Conv2d: padding must have 1, 2 or 4 values, got 3
error(lambda: mlir_conv.Conv2d(kernel_size=3, in_channels=6, out_channels=8,
                               padding=(1, 2, 3)))
# CHECK-NEXT: ValueError: dtype must be float16 ('f16'), bfloat16 ('bf16'), float32 ('f32') or float64 ('f64'), as a name, a NumPy dtype or a torch dtype; got 'i8'
error(lambda: mlir_conv.Conv2d(kernel_size=3, in_channels=6, out_channels=8,
                               dtype="i8"))
conv = mlir_conv.Conv2d(kernel_size=1, in_channels=2, out_channels=3)
# CHECK-NEXT: ValueError: Conv2d: expected an input of dtype f32, got f64
error(lambda: conv(np.zeros((1, 2, 2, 2))))
# CHECK-NEXT: ValueError: Conv2d: expected 2 input channels (dim 3 of NHWC), got shape [1, 2, 2, 5]
error(lambda: conv(np.zeros((1, 2, 2, 5), np.float32)))
# CHECK-NEXT: TypeError: expected a float16, float32 or float64 array, got int64
error(lambda: conv(np.zeros((1, 2, 2, 2), np.int64)))
# CHECK-NEXT: ValueError: Conv2d: expected a weight of shape [1, 1, 2, 3] and dtype f32, got [3, 2] f32
error(lambda: setattr(conv, "weight", np.zeros((3, 2), np.float32)))
# CHECK-NEXT: ValueError: Conv2d: has_bias is false: the layer has no bias
error(lambda: setattr(conv, "bias", np.zeros(3, np.float32)))
