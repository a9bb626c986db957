// --check-reference uses the conformance tolerance of the element type
// unless --rtol/--atol override it. An f16 result is rounded to f16, so it
// cannot match the float64 reference exactly: with zero tolerances the check
// fails, reports the worst element and exits with status 1.
//
// RUN: conv-run %s --check-reference | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: reference check: PASS (max_abs_err={{[0-9.]+}}e{{[+-][0-9]+}}, atol={{[0-9.]+}}e{{[+-][0-9]+}}, rtol=2.00e-03)
//
// RUN: not conv-run %s --check-reference --rtol=0 --atol=0 | FileCheck %s --check-prefix=EXACT
// EXACT:      reference check: FAIL (max_abs_err={{[0-9.]+}}e{{[+-][0-9]+}}, atol=0.00e+00, rtol=0.00e+00)
// EXACT-NEXT:   {{[0-9]+}} elements out of tolerance; worst at [0, {{[0-9]+}}, {{[0-9]+}}, {{[0-9]+}}]: got {{.*}}, expected {{.*}}
// RUN: (conv-run %s --check-reference --rtol=0 --atol=0 > /dev/null; echo "rc=$?") | FileCheck %s --check-prefix=RC
// RC: rc=1
//
// RUN: conv-run %s --check-reference --rtol=0 --atol=1 | FileCheck %s --check-prefix=LOOSE
// LOOSE: reference check: PASS ({{.*}}, atol=1.00e+00, rtol=0.00e+00)
func.func @f16(%x: tensor<1x6x6x8xf16>, %w: tensor<3x3x8x4xf16>) -> tensor<1x6x6x4xf16> {
  %y = conv.conv2d %x, %w padding = [1, 1, 1, 1]
      : tensor<1x6x6x8xf16>, tensor<3x3x8x4xf16> -> tensor<1x6x6x4xf16>
  return %y : tensor<1x6x6x4xf16>
}
