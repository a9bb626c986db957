// Filters that are arguments, copied per call into blocks of the register
// block's output channels (`filter-blocks` in the report), give the float64
// reference's numbers: output channels that are not a multiple of the
// block (the last block's copy reads zeros past OC), a grouped dense conv
// (blocks within each group's channels), f16 (copied as f16, accumulated in
// f32), NCHW input (the channels-first kernel), stride 2 with asymmetric
// padding, 1 and 2 threads, AVX2 and this machine's target.
// RUN: rm -rf %t && split-file %s %t

//--- dense.mlir
// RUN: conv-run %t/dense.mlir --report --check-reference | FileCheck %s --check-prefixes=BLOCKS,PASS
// RUN: conv-run %t/dense.mlir --check-reference --threads=2 | FileCheck %s --check-prefix=PASS
// RUN: conv-run %t/dense.mlir --check-reference --target-cpu=haswell --report | FileCheck %s --check-prefixes=BLOCKS8,PASS
// RUN: conv-run %t/dense.mlir --check-reference --oc-vectors=3 --ow-block=2 | FileCheck %s --check-prefix=PASS
// BLOCKS: strategy=direct kernel=dense {{.*}}filter-blocks
// BLOCKS8: strategy=direct kernel=dense {{.*}}x8 filter-blocks
func.func @dense(%x: tensor<1x15x9x37xf32>, %w: tensor<3x3x37x44xf32>, %b: tensor<44xf32>) -> tensor<1x8x5x44xf32> {
  %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 2, 0] : tensor<1x15x9x37xf32>, tensor<3x3x37x44xf32>, tensor<44xf32> -> tensor<1x8x5x44xf32>
  return %y : tensor<1x8x5x44xf32>
}

//--- grouped.mlir
// RUN: conv-run %t/grouped.mlir --report --check-reference | FileCheck %s --check-prefixes=BLOCKS,PASS
// RUN: conv-run %t/grouped.mlir --check-reference --threads=2 --target-cpu=haswell | FileCheck %s --check-prefix=PASS
func.func @grouped(%x: tensor<1x7x7x64xf32>, %w: tensor<3x3x32x64xf32>) -> tensor<1x7x7x64xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] groups = 2 : tensor<1x7x7x64xf32>, tensor<3x3x32x64xf32> -> tensor<1x7x7x64xf32>
  return %y : tensor<1x7x7x64xf32>
}

//--- f16.mlir
// RUN: conv-run %t/f16.mlir --report --check-reference --winograd=never | FileCheck %s --check-prefixes=BLOCKS,PASS
func.func @f16(%x: tensor<1x9x9x24xf16>, %w: tensor<1x1x24x20xf16>) -> tensor<1x9x9x20xf16> {
  %y = conv.conv2d %x, %w : tensor<1x9x9x24xf16>, tensor<1x1x24x20xf16> -> tensor<1x9x9x20xf16>
  return %y : tensor<1x9x9x20xf16>
}

//--- nchw.mlir
// RUN: conv-run %t/nchw.mlir --report --check-reference --winograd=never | FileCheck %s --check-prefixes=BLOCKS-NCHW,PASS
// BLOCKS-NCHW: strategy=direct kernel=dense {{.*}}filter-blocks nchw
func.func @nchw(%x: tensor<1x24x14x14xf32>, %w: tensor<40x24x3x3xf32>) -> tensor<1x40x14x14xf32> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW : tensor<1x24x14x14xf32>, tensor<40x24x3x3xf32> -> tensor<1x40x14x14xf32>
  return %y : tensor<1x40x14x14xf32>
}

// The last check of every run.
// PASS: reference check: PASS
