// bf16 convs through the vdpbf16ps kernel, compiled for Cooper Lake (an
// AVX512-BF16 target, whatever "host" means) on machines that run it, against the
// float64 reference: padding borders (the input pair is masked), a stride,
// an odd channel count (the 7x7 stem's 3), a 14-pixel row (one block of the
// whole row), and a grouped dense conv (each group's channel pairs).
// --report names the kernel.
// REQUIRES: avx512bf16
// RUN: rm -rf %t && split-file %s %t
// RUN: conv-run %t/padded.mlir --target-cpu=cooperlake --check-reference --report | FileCheck %s --check-prefix=PADDED
// PADDED: kernel=dense {{.*}} bf16-dot
// PADDED: reference check: PASS
// RUN: conv-run %t/odd.mlir --target-cpu=cooperlake --check-reference --report | FileCheck %s --check-prefix=ODD
// ODD: kernel=dense {{.*}} bf16-dot flat-taps
// ODD: reference check: PASS
// The stem's shape scaled down (7x7, stride 2, padding 3, 3 channels):
// interior blocks pair (kw, c) flattened, border blocks per kw; also with
// 1-pixel blocks (every block a border or an interior one) and on 2 threads.
// RUN: conv-run %t/stem.mlir --target-cpu=cooperlake --check-reference --report | FileCheck %s --check-prefix=STEM
// RUN: conv-run %t/stem.mlir --target-cpu=cooperlake --check-reference --ow-block=1 --oc-vectors=1 | FileCheck %s --check-prefix=STEM
// RUN: conv-run %t/stem.mlir --target-cpu=cooperlake --check-reference --threads=2 | FileCheck %s --check-prefix=STEM
// STEM: reference check: PASS
// 5 channels x 3 columns = 15 products (7 pairs and a half), with dilation
// along H only.
// RUN: conv-run %t/odd5.mlir --target-cpu=cooperlake --check-reference --report | FileCheck %s --check-prefix=ODD5
// ODD5: kernel=dense {{.*}} bf16-dot flat-taps
// ODD5: reference check: PASS
// RUN: conv-run %t/row14.mlir --target-cpu=cooperlake --check-reference --report | FileCheck %s --check-prefix=ROW14
// ROW14: kernel=dense ow=14 oc=2x16 bf16-dot
// ROW14: reference check: PASS
// RUN: conv-run %t/grouped.mlir --target-cpu=cooperlake --check-reference --report | FileCheck %s --check-prefix=GROUPED
// GROUPED: kernel=dense {{.*}} bf16-dot
// GROUPED: reference check: PASS

//--- padded.mlir
func.func @padded(%x: tensor<2x11x13x10xbf16>, %w: tensor<3x3x10x48xbf16>, %b: tensor<48xbf16>) -> tensor<2x6x7x48xbf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<2x11x13x10xbf16>, tensor<3x3x10x48xbf16>, tensor<48xbf16> -> tensor<2x6x7x48xbf16>
  return %y : tensor<2x6x7x48xbf16>
}

//--- grouped.mlir
func.func @grouped(%x: tensor<1x9x9x8xbf16>, %w: tensor<3x3x4x64xbf16>) -> tensor<1x9x9x64xbf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 2
      : tensor<1x9x9x8xbf16>, tensor<3x3x4x64xbf16> -> tensor<1x9x9x64xbf16>
  return %y : tensor<1x9x9x64xbf16>
}

//--- odd.mlir
func.func @odd(%x: tensor<1x20x20x3xbf16>, %w: tensor<7x7x3x32xbf16>, %b: tensor<32xbf16>) -> tensor<1x10x10x32xbf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [3, 3, 3, 3]
      : tensor<1x20x20x3xbf16>, tensor<7x7x3x32xbf16>, tensor<32xbf16> -> tensor<1x10x10x32xbf16>
  return %y : tensor<1x10x10x32xbf16>
}

//--- row14.mlir
func.func @row14(%x: tensor<1x14x14x32xbf16>, %w: tensor<3x3x32x64xbf16>) -> tensor<1x14x14x64xbf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x14x14x32xbf16>, tensor<3x3x32x64xbf16> -> tensor<1x14x14x64xbf16>
  return %y : tensor<1x14x14x64xbf16>
}

//--- stem.mlir
func.func @stem(%x: tensor<1x40x38x3xbf16>, %w: tensor<7x7x3x32xbf16>, %b: tensor<32xbf16>) -> tensor<1x20x19x32xbf16> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [3, 3, 3, 3]
      : tensor<1x40x38x3xbf16>, tensor<7x7x3x32xbf16>, tensor<32xbf16> -> tensor<1x20x19x32xbf16>
  return %y : tensor<1x20x19x32xbf16>
}

//--- odd5.mlir
func.func @odd5(%x: tensor<2x12x17x5xbf16>, %w: tensor<2x3x5x20xbf16>) -> tensor<2x10x15x20xbf16> {
  %y = conv.conv2d %x, %w dilations = [2, 1]
      : tensor<2x12x17x5xbf16>, tensor<2x3x5x20xbf16> -> tensor<2x10x15x20xbf16>
  return %y : tensor<2x10x15x20xbf16>
}
