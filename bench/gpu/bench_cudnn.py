#!/usr/bin/env python3
"""Our ahead-of-time conv kernels beside cuDNN (through PyTorch), in one run,
on one NVIDIA GPU: `bench_cudnn.py KERNELS_DIR FLOPS_TXT [--markdown OUT]`.

KERNELS_DIR/<shape>/<variant>/kernels.json (+ .ptx) come from
`conv-run --emit-gpu-kernels` (bench/gpu/prepare_device.sh). Each kernel is
loaded with CuPy (the driver JIT-compiles the PTX) and launched on the same
random f32 data as cuDNN. Both are timed with CUDA events over back-to-back
launches (after a warm-up), 5 repeats, median. cuDNN runs in f32 without
TF32, NCHW and channels_last (NHWC), with cudnn.benchmark on (it picks its
fastest algorithm); the better of the two is the baseline. Asymmetric
padding: cuDNN gets the input pre-padded (not timed). Every variant's output
is checked against a float64 conv (relative L2 error < 1e-5).
"""
import argparse
import glob
import json
import os
import statistics
import time

import cupy
import numpy as np
import torch
import torch.nn.functional as F

torch.backends.cudnn.allow_tf32 = False
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.benchmark = True


def time_ms(fn, iters, repeats=5):
    for _ in range(10):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start = torch.cuda.Event(enable_timing=True)
        stop = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(iters):
            fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop) / iters)
    return statistics.median(times)


def reference(k, x, w):
    """float64 conv of NHWC x, HWIO w -> NHWC."""
    t, b, l, r = k['padding']
    xd = F.pad(x.double().permute(0, 3, 1, 2), (l, r, t, b))
    wd = w.double().permute(3, 2, 0, 1)
    y = F.conv2d(xd, wd, None, k['strides'], 0, k['dilations'], k['groups'])
    return y.permute(0, 2, 3, 1)


def run_variant(path, x, w):
    manifest = json.load(open(os.path.join(path, 'kernels.json')))
    if not manifest['kernels']:
        return None
    k = manifest['kernels'][0]
    module = cupy.RawModule(path=os.path.join(path, k['ptx']))
    kernel = module.get_function(k['name'])
    out = torch.full(k['output'], float('nan'), device='cuda')
    buffers = {'input': x, 'filter': w, 'output': out}
    args = tuple(cupy.uint64(buffers[a].data_ptr()) for a in k['args'])
    grid, block = tuple(k['grid']), tuple(k['block'])
    stream = cupy.cuda.ExternalStream(torch.cuda.current_stream().cuda_stream)

    zero = k.get('zero_output', False)

    def launch():
        if zero:  # split-K kernels add into a zeroed output (timed too)
            out.zero_()
        kernel(grid, block, args, stream=stream)

    launch()
    torch.cuda.synchronize()
    ref = reference(k, x, w)
    err = (torch.linalg.norm(out.double() - ref) / torch.linalg.norm(ref)).item()
    if not np.isfinite(err):
        err = float('inf')
    return k, launch, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('kernels')
    ap.add_argument('flops')
    ap.add_argument('--markdown')
    ap.add_argument('--iters', type=int, default=200)
    a = ap.parse_args()
    # Bring the GPU out of its idle clocks before timing anything (seen on an
    # H100: the first shapes of a process ran up to 3x slower, ours and
    # cuDNN's alike).
    a_ = torch.randn(4096, 4096, device='cuda')
    start = time.time()
    while time.time() - start < 2.0:
        a_ = a_ @ a_
        a_ /= a_.norm()
    torch.cuda.synchronize()
    props = torch.cuda.get_device_properties(0)
    print(f'# device: {props.name}, {props.multi_processor_count} SMs; '
          f'torch {torch.__version__}, cuDNN {torch.backends.cudnn.version()}')
    rows = []
    for line in open(a.flops):
        sid, flops = line.split()
        flops = float(flops)
        variants = sorted(glob.glob(os.path.join(a.kernels, sid, '*')))
        torch.manual_seed(0)
        first = json.load(open(os.path.join(variants[0], 'kernels.json')))['kernels']
        if not first:
            print(f'{sid}: no GPU kernel')
            continue
        k0 = first[0]
        x = torch.randn(k0['input'], device='cuda')
        w = torch.randn(k0['filter'], device='cuda') / np.sqrt(np.prod(k0['filter'][:3]))
        ours = {}
        worst_err = 0.0
        for v in variants:
            r = run_variant(v, x, w)
            if r is None:
                continue
            k, launch, err = r
            worst_err = max(worst_err, err)
            ours[os.path.basename(v)] = (time_ms(launch, a.iters), k['tiling'], err)
        # cuDNN on the same data.
        t, b, l, r = k0['padding']
        x_nchw = x.permute(0, 3, 1, 2).contiguous()
        if (t, l) != (b, r):
            x_nchw = F.pad(x_nchw, (l, r, t, b)).contiguous()
            pad = 0
        else:
            pad = (t, l)
        w_oihw = w.permute(3, 2, 0, 1).contiguous()
        x_cl = x_nchw.contiguous(memory_format=torch.channels_last)
        w_cl = w_oihw.contiguous(memory_format=torch.channels_last)
        conv = lambda xx, ww: F.conv2d(xx, ww, None, k0['strides'], pad,
                                       k0['dilations'], k0['groups'])
        cudnn_nchw = time_ms(lambda: conv(x_nchw, w_oihw), a.iters)
        cudnn_nhwc = time_ms(lambda: conv(x_cl, w_cl), a.iters)
        cudnn = min(cudnn_nchw, cudnn_nhwc)
        default = ours.get('m0n0k0s0')
        best_name = min(ours, key=lambda n: ours[n][0])
        best = ours[best_name]
        rows.append((sid, flops, default, best_name, best, cudnn_nchw, cudnn_nhwc,
                     cudnn, worst_err))
        print(f'{sid:12s} ours(default) {default[0]*1e3:8.1f} us {default[1]}  '
              f'best {best_name} {best[0]*1e3:8.1f} us | cuDNN nchw '
              f'{cudnn_nchw*1e3:8.1f} us nhwc {cudnn_nhwc*1e3:8.1f} us | '
              f'speedup {cudnn/default[0]:5.2f}x (best variant {cudnn/best[0]:5.2f}x) '
              f'| max rel err {worst_err:.1e}', flush=True)
        for n in sorted(ours):
            print(f'    {n:10s} {ours[n][0]*1e3:8.1f} us  {ours[n][1]}  err {ours[n][2]:.1e}')
    header = ('| shape | ours (default tiling) µs | GFLOP/s | cuDNN best µs | GFLOP/s '
              '| cuDNN / ours | best variant µs | rel. err |\n'
              '|---|---|---|---|---|---|---|---|\n')
    lines = []
    for sid, flops, default, best_name, best, cn, ch, cudnn, err in rows:
        lines.append(f'| {sid} | {default[0]*1e3:.1f} | {flops/default[0]/1e6:.0f} | '
                     f'{cudnn*1e3:.1f} | {flops/cudnn/1e6:.0f} | {cudnn/default[0]:.2f}x | '
                     f'{best[0]*1e3:.1f} ({best_name}) | {err:.1e} |')
    ratios = [r[7] / r[2][0] for r in rows]
    geo = float(np.exp(np.mean(np.log(ratios)))) if ratios else 0
    text = header + '\n'.join(lines) + f'\n\nGeometric mean cuDNN/ours: {geo:.3f}x\n'
    print(text)
    if a.markdown:
        open(a.markdown, 'w').write(text)
    if any(r[8] > 1e-5 for r in rows):
        raise SystemExit('FAIL: a kernel is off the float64 reference')


if __name__ == '__main__':
    main()
