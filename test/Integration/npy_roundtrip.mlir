// --output=@FILE.npy writes result 0; --expected-output=@FILE.npy compares
// result 0 with a file (default rtol 1e-5, atol 1e-6, or --rtol/--atol);
// --input=@FILE.npy reads an argument.
//
// RUN: rm -rf %t && split-file %s %t

//--- conv.mlir
// RUN: conv-run %t/conv.mlir --output=@%t/out.npy | FileCheck %s --check-prefix=WRITE
// WRITE: result[0]: tensor<1x6x5x4xf32>
// WRITE-NOT: error
// The file is a version 1.0 .npy with a numpy-style header.
// RUN: FileCheck %s --check-prefix=HEADER --input-file=%t/out.npy
// HEADER: {'descr': '<f4', 'fortran_order': False, 'shape': (1, 6, 5, 4), }
//
// The same inputs (same seed) reproduce the saved output exactly.
// RUN: conv-run %t/conv.mlir --expected-output=@%t/out.npy --check-reference | FileCheck %s --check-prefix=SAME
// SAME:      reference check: PASS
// SAME-NEXT: expected-output check: PASS (max_abs_err=0.00e+00, atol=1.00e-06, rtol=1.00e-05)
//
// Another seed gives other inputs, so the comparison fails, with exit status 1.
// RUN: not conv-run %t/conv.mlir --seed=2 --expected-output=@%t/out.npy | FileCheck %s --check-prefix=DIFF
// DIFF:      expected-output check: FAIL (max_abs_err={{[0-9.]+}}e{{[+-][0-9]+}}, atol=1.00e-06, rtol=1.00e-05)
// DIFF-NEXT:   {{[0-9]+}} elements out of tolerance; worst at [{{[0-9]+}}, {{[0-9]+}}, {{[0-9]+}}, {{[0-9]+}}]: got {{.*}}, expected {{.*}}
// RUN: (conv-run %t/conv.mlir --seed=2 --expected-output=@%t/out.npy > /dev/null; echo "rc=$?") | FileCheck %s --check-prefix=RC1
// RC1: rc=1
//
// Tolerances wide enough accept it.
// RUN: conv-run %t/conv.mlir --seed=2 --expected-output=@%t/out.npy --rtol=0 --atol=100 | FileCheck %s --check-prefix=LOOSE
// LOOSE: expected-output check: PASS ({{.*}}, atol=1.00e+02, rtol=0.00e+00)
//
// --check-reference passes and --expected-output fails: exit status 1.
// RUN: not conv-run %t/conv.mlir --seed=3 --check-reference --expected-output=@%t/out.npy | FileCheck %s --check-prefix=MIXED
// MIXED:      reference check: PASS
// MIXED-NEXT: expected-output check: FAIL
func.func @conv(%x: tensor<1x6x5x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<1x6x5x4xf32> {
  %y = conv.conv2d %x, %w, %b padding = [1, 1, 1, 1]
      : tensor<1x6x5x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32> -> tensor<1x6x5x4xf32>
  return %y : tensor<1x6x5x4xf32>
}

//--- identity.mlir
// A 1x1 identity conv reads the saved output back as its input and
// reproduces it bit for bit, written again to a byte-identical file.
// RUN: conv-run %t/identity.mlir --input=@%t/out.npy --expected-output=@%t/out.npy --rtol=0 --atol=0 --output=@%t/again.npy | FileCheck %s --check-prefix=IDENTITY
// IDENTITY: expected-output check: PASS (max_abs_err=0.00e+00, atol=0.00e+00, rtol=0.00e+00)
// RUN: cmp %t/out.npy %t/again.npy
func.func @identity(%x: tensor<1x6x5x4xf32>) -> tensor<1x6x5x4xf32> {
  %w = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0],
                               [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]]]> : tensor<1x1x4x4xf32>
  %y = conv.conv2d %x, %w : tensor<1x6x5x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x6x5x4xf32>
  return %y : tensor<1x6x5x4xf32>
}

//--- bf16.mlir
// bf16 results are saved as raw bits ('<u2') and compare exactly on reload.
// RUN: conv-run %t/bf16.mlir --output=@%t/bf16.npy | FileCheck %s --check-prefix=BF16
// BF16: result[0]: tensor<1x2x4x5xbf16>
// RUN: FileCheck %s --check-prefix=BF16-HEADER --input-file=%t/bf16.npy
// BF16-HEADER: {'descr': '<u2', 'fortran_order': False, 'shape': (1, 2, 4, 5), }
// RUN: conv-run %t/bf16.mlir --expected-output=@%t/bf16.npy --rtol=0 --atol=0 | FileCheck %s --check-prefix=BF16-RELOAD
// BF16-RELOAD: expected-output check: PASS (max_abs_err=0.00e+00
func.func @bf16(%x: tensor<1x3x4x5xbf16>, %w: tensor<2x3x3x3xbf16>) -> tensor<1x2x4x5xbf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1] input_layout = NCHW filter_layout = OIHW
      : tensor<1x3x4x5xbf16>, tensor<2x3x3x3xbf16> -> tensor<1x2x4x5xbf16>
  return %y : tensor<1x2x4x5xbf16>
}

//--- f16_dynamic.mlir
// A dynamic-shape f16 result, saved and fed back as the --input of the same
// function with a 1x1 identity filter from an .npy file written by hand
// (f16 1.0 is 0x3c00).
// RUN: conv-run %t/f16_dynamic.mlir --input=2x3x4x1xf16 --input=1x1x1x1xf16 --output=@%t/f16.npy | FileCheck %s --check-prefix=F16
// F16: result[0]: tensor<2x3x4x1xf16>
// RUN: printf "\223NUMPY\001\000\106\000{'descr': '<f2', 'fortran_order': False, 'shape': (1, 1, 1, 1), }    \n\000\074" > %t/one.npy
// RUN: conv-run %t/f16_dynamic.mlir --input=@%t/f16.npy --input=@%t/one.npy --expected-output=@%t/f16.npy --rtol=0 --atol=0 --output=@%t/f16_again.npy | FileCheck %s --check-prefix=F16-RELOAD
// F16-RELOAD: expected-output check: PASS (max_abs_err=0.00e+00
// RUN: cmp %t/f16.npy %t/f16_again.npy
func.func @f16_dynamic(%x: tensor<?x?x?x1xf16>, %w: tensor<1x1x1x1xf16>) -> tensor<?x?x?x1xf16> {
  %y = conv.conv2d %x, %w : tensor<?x?x?x1xf16>, tensor<1x1x1x1xf16> -> tensor<?x?x?x1xf16>
  return %y : tensor<?x?x?x1xf16>
}
