#!/usr/bin/python3
"""Writes one MLIR file per benchmark shape (NHWC input, HWIO filter, f32)
from a benchdnn-style shapes file: `shapes_to_mlir.py SHAPES.txt OUTDIR`.
Prints `id flops` per shape."""
import os
import re
import sys


def parse(line):
    desc, *extras = line.split()
    vals = {k: int(v) for k, v in re.findall(r'([a-z]+)(\d+)', desc.split('n"')[0])}
    kv = dict(e.split('=', 1) for e in extras)
    pad = [int(p) for p in kv['pad'].split(',')]
    dil = [int(d) for d in kv['dil'].split(',')]
    return kv['id'], vals, pad, dil, int(kv['flops'])


def main():
    shapes, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for line in open(shapes):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        sid, v, pad, dil, flops = parse(line)
        g, n, ic, ih, iw = v['g'], v['mb'], v['ic'], v['ih'], v['iw']
        oc, oh, ow, kh, kw = v['oc'], v['oh'], v['ow'], v['kh'], v['kw']
        x = f'tensor<{n}x{ih}x{iw}x{ic}xf32>'
        w = f'tensor<{kh}x{kw}x{ic // g}x{oc}xf32>'
        y = f'tensor<{n}x{oh}x{ow}x{oc}xf32>'
        with open(os.path.join(out, sid + '.mlir'), 'w') as f:
            f.write(f'func.func @conv(%x: {x}, %w: {w}) -> {y} {{\n'
                    f'  %y = conv.conv2d %x, %w strides = [{v["sh"]}, {v["sw"]}] '
                    f'dilations = [{dil[0]}, {dil[1]}] padding = {pad} groups = {g}\n'
                    f'       : {x}, {w} -> {y}\n'
                    f'  return %y : {y}\n}}\n')
        print(sid, flops)


if __name__ == '__main__':
    main()
