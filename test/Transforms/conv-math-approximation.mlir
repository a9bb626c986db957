// RUN: conv-opt %s --conv-math-approximation | FileCheck %s

// f32 exp (a sigmoid's): arithmetic, no math.exp left, so it vectorizes.
// CHECK-LABEL: func.func @sigmoid
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NOT:     math.exp
// CHECK:         math.fma
// CHECK:         %[[R:.*]] = arith.divf %[[ONE]], %{{.*}} : f32
// CHECK-NEXT:    return %[[R]]
func.func @sigmoid(%x: f32) -> f32 {
  %one = arith.constant 1.0 : f32
  %n = arith.negf %x : f32
  %e = math.exp %n : f32
  %d = arith.addf %e, %one : f32
  %r = arith.divf %one, %d : f32
  return %r : f32
}

// f64 is left alone.
// CHECK-LABEL: func.func @exp_f64
// CHECK:         %[[E:.*]] = math.exp %{{.*}} : f64
// CHECK:         return %[[E]]
func.func @exp_f64(%x: f64) -> f64 {
  %e = math.exp %x : f64
  return %e : f64
}
