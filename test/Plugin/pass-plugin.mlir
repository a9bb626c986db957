// Debian's own mlir-opt runs our passes and the conv-to-llvm pipeline once it
// has loaded our plugin as a dialect and pass plugin (passes are named in
// --pass-pipeline: their flags do not exist when mlir-opt parses its command
// line).
// REQUIRES: stock-mlir-opt
// RUN: %stock_mlir_opt --load-dialect-plugin=%conv_plugin \
// RUN:   --load-pass-plugin=%conv_plugin %s \
// RUN:   --pass-pipeline="builtin.module(func.func(conv-normalize-layout))" \
// RUN:   | FileCheck %s --check-prefix=NORM
// RUN: %stock_mlir_opt --load-dialect-plugin=%conv_plugin \
// RUN:   --load-pass-plugin=%conv_plugin %s \
// RUN:   --pass-pipeline="builtin.module(func.func(conv-normalize-layout,convert-conv-to-linalg))" \
// RUN:   | FileCheck %s --check-prefix=LINALG
// RUN: %stock_mlir_opt --load-dialect-plugin=%conv_plugin \
// RUN:   --load-pass-plugin=%conv_plugin %s \
// RUN:   --pass-pipeline="builtin.module(conv-to-llvm{strategy=linalg target-cpu=x86-64 target-features=+avx2})" \
// RUN:   | FileCheck %s --check-prefix=LLVM
// RUN: %stock_mlir_opt --load-dialect-plugin=%conv_plugin \
// RUN:   --load-pass-plugin=%conv_plugin %S/../Integration/Inputs/tosa_convs.mlir \
// RUN:   --pass-pipeline="builtin.module(func.func(convert-tosa-to-conv))" \
// RUN:   | FileCheck %s --check-prefix=TOSA
// RUN: not %stock_mlir_opt --load-dialect-plugin=%conv_plugin %s \
// RUN:   --pass-pipeline="builtin.module(conv-to-llvm)" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOPASSES

// NORM-LABEL: func.func @nchw
// NORM-SAME: (%[[X:.+]]: tensor<1x3x8x8xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>)
// NORM: %[[XT:.+]] = linalg.transpose ins(%[[X]] : tensor<1x3x8x8xf32>) {{.*}} permutation = [0, 2, 3, 1]
// NORM: %[[WT:.+]] = linalg.transpose ins(%[[W]] : tensor<4x3x3x3xf32>) {{.*}} permutation = [2, 3, 1, 0]
// NORM: %[[Y:.+]] = conv.conv2d %[[XT]], %[[WT]] : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
// NORM: %[[YT:.+]] = linalg.transpose ins(%[[Y]] : tensor<1x6x6x4xf32>) {{.*}} permutation = [0, 3, 1, 2]
// NORM: return %[[YT]]

// LINALG-LABEL: func.func @nchw
// LINALG-NOT: conv.conv2d
// LINALG: linalg.conv_2d_nhwc_hwcf
// LINALG-SAME: -> tensor<1x6x6x4xf32>
// LINALG-NOT: conv.conv2d

// LLVM-NOT: conv.conv2d
// LLVM-NOT: linalg.
// LLVM: llvm.func @nchw(
// LLVM-SAME: target_cpu = "x86-64"

// TOSA-LABEL: func.func @conv
// TOSA-NOT: tosa.conv2d
// TOSA: conv.conv2d {{.*}} filter_layout = OHWI
// TOSA-LABEL: func.func @depthwise
// TOSA-NOT: tosa.depthwise_conv2d
// TOSA: conv.conv2d {{.*}} groups = 4

// NOPASSES: 'conv-to-llvm' does not refer to a registered pass or pass pipeline
func.func @nchw(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>)
    -> tensor<1x4x6x6xf32> {
  %y = conv.conv2d %x, %w input_layout = NCHW filter_layout = OIHW
     : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}
