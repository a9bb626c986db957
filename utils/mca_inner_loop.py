#!/usr/bin/env python3
"""Throughput of the dense kernel's inner loop without the hardware.

Compiles FILE.mlir with conv-compile to the target's assembly, takes the
innermost loop with the most FMAs (a block that branches back to its own
label), and runs llvm-mca on it for the target CPU. Prints the loop's
instruction and FMA counts, llvm-mca's cycles per iteration, the FMAs per
cycle that gives, and the bound set by the CPU's FMA pipes (--fma-pipes).
"""

import argparse
import os
import re
import subprocess
import sys

FMA = re.compile(r"^\s*(fmla|vfmadd\d+ps|vfmadd\d+pd)\b")
BRANCH = re.compile(r"^\s*(b\.\w+|cbn?z|tbn?z|b|j\w+)\s+.*?(\.?L\w+)\s*$")


def loops(asm, x86):
    """(label, instructions) of every block that branches to itself."""
    blocks, label, body = [], None, []
    for line in asm.splitlines():
        # Comments: `//` on AArch64 (where `#` starts an immediate), `#` on
        # x86 (AT&T syntax).
        code = line.split("//")[0]
        if x86:
            code = code.split("#")[0]
        code = code.rstrip()
        m = re.match(r"^(\.?L\w+|\w+):", code)
        if m:
            if label:
                blocks.append((label, body))
            label, body = m.group(1), []
        elif code.strip() and not code.strip().startswith("."):
            body.append(code.strip())
    if label:
        blocks.append((label, body))
    # A loop: a branch back to the block's own label; the instructions after
    # it (the fall-through, with no label of its own) are not part of it.
    found = []
    for label, body in blocks:
        for i, inst in enumerate(body):
            m = BRANCH.match(inst)
            if m and m.group(2) == label:
                found.append((label, body[:i + 1]))
                break
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file")
    p.add_argument("--conv-compile", required=True)
    p.add_argument("--llvm-mca", required=True)
    p.add_argument("--target-triple", required=True)
    p.add_argument("--target-cpu", required=True)
    p.add_argument("--fma-pipes", type=int, required=True)
    p.add_argument("--work", required=True)
    # Anything else is passed on to conv-compile (e.g. --winograd=never).
    a, flags = p.parse_known_args()
    os.makedirs(a.work, exist_ok=True)
    asm_path = os.path.join(a.work, "kernel.s")
    subprocess.run([a.conv_compile, a.file, "-o", asm_path, "--emit=asm",
                    "--header=" + os.path.join(a.work, "kernel.h"),
                    "--target-triple=" + a.target_triple,
                    "--target-cpu=" + a.target_cpu] + flags, check=True)
    with open(asm_path) as f:
        found = loops(f.read(), a.target_triple.startswith("x86"))
    if not found:
        sys.exit("mca_inner_loop: no loop in the assembly")
    label, body = max(found, key=lambda l: sum(bool(FMA.match(i))
                                                 for i in l[1]))
    fmas = sum(bool(FMA.match(i)) for i in body)
    loop_path = os.path.join(a.work, "loop.s")
    with open(loop_path, "w") as f:
        f.write("\n".join(body) + "\n")
    out = subprocess.run([a.llvm_mca, "-mtriple=" + a.target_triple,
                          "-mcpu=" + a.target_cpu, "-iterations=1000",
                          loop_path], check=True, capture_output=True,
                         text=True).stdout
    iterations = int(re.search(r"Iterations:\s+(\d+)", out).group(1))
    cycles = int(re.search(r"Total Cycles:\s+(\d+)", out).group(1))
    per_iteration = cycles / iterations
    rate = fmas / per_iteration
    print(f"inner loop {label}: {len(body)} instructions, {fmas} FMAs")
    print(f"llvm-mca {a.target_cpu}: {per_iteration:.2f} cycles/iteration, "
          f"{rate:.2f} FMAs/cycle, bound {a.fma_pipes} "
          f"({100 * rate / a.fma_pipes:.0f}% of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
