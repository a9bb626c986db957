/*===- conv-capi-test.c - Test of the mlir-conv C API -------------*- C -*-===*\
|*                                                                            *|
|* Part of mlir-conv. Pure C: registers the dialect, parses and prints a      *|
|* conv, compiles it, runs it twice (new results, then into existing          *|
|* outputs) and compares each output element with a plain C reference conv    *|
|* (|a - e| <= 1e-5 + 1e-5 * |e|, f32 sums of 18 products), then checks the   *|
|* error messages of bad calls.                                               *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

// RUN: conv-capi-test 2>&1 | FileCheck %s

#include "mlir-conv-c/Dialects.h"
#include "mlir-conv-c/Runtime.h"

#include "mlir-c/IR.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* NCHW input 1x4x5x6, OIHW filter 6x2x3x3 (2 groups), bias, stride 2 x 1,
   padding [1, 0, 1, 1]: OH = (5 + 1 - 3) / 2 + 1 = 2, OW = 6 + 2 - 3 + 1 = 6.
 */
static const char *kSource =
    "func.func @conv(%x: tensor<1x4x5x6xf32>, %w: tensor<6x2x3x3xf32>,\n"
    "                %b: tensor<6xf32>) -> tensor<1x6x2x6xf32> {\n"
    "  %y = conv.conv2d %x, %w, %b strides = [2, 1] padding = [1, 0, 1, 1]\n"
    "       groups = 2 input_layout = NCHW filter_layout = OIHW\n"
    "     : tensor<1x4x5x6xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>\n"
    "    -> tensor<1x6x2x6xf32>\n"
    "  return %y : tensor<1x6x2x6xf32>\n"
    "}\n";

/* Labels of the error messages, passed as the callbacks' user data. */
static char kCompile[] = "compile";
static char kInvoke[] = "invoke";
static char kInvokeInto[] = "invoke-into";
static char kWrongInput[] = "wrong-input";
static char kTooFew[] = "too-few";
static char kNoFunction[] = "no-function";
static char kContradiction[] = "contradiction";
static char kLinalg[] = "linalg";

enum { C = 4, H = 5, W = 6, OC = 6, CG = 2, KH = 3, KW = 3, OH = 2, OW = 6 };

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

static void printError(MlirStringRef text, void *userData) {
  printf("%s: error: %.*s\n", (const char *)userData, (int)text.length,
         text.data);
}

/* The reference: out[oc][oh][ow] = b[oc] + sum x[g*CG+ic][ih][iw] *
   w[oc][ic][kh][kw], with ih = oh*2 - 1 + kh, iw = ow - 1 + kw. */
static double reference(MlirConvTensor x, MlirConvTensor w, MlirConvTensor b,
                        int oc, int oh, int ow) {
  double sum = mlirConvTensorGetElement(b, oc);
  int group = oc / (OC / 2);
  for (int ic = 0; ic < CG; ++ic)
    for (int kh = 0; kh < KH; ++kh)
      for (int kw = 0; kw < KW; ++kw) {
        int ih = oh * 2 - 1 + kh, iw = ow - 1 + kw;
        if (ih < 0 || ih >= H || iw < 0 || iw >= W)
          continue;
        int c = group * CG + ic;
        sum +=
            mlirConvTensorGetElement(x, (c * H + ih) * W + iw) *
            mlirConvTensorGetElement(w, ((oc * CG + ic) * KH + kh) * KW + kw);
      }
  return sum;
}

/* The number of elements of `y` that differ from the reference. */
static int countMismatches(MlirConvTensor x, MlirConvTensor w, MlirConvTensor b,
                           MlirConvTensor y) {
  int mismatches = 0;
  for (int oc = 0; oc < OC; ++oc)
    for (int oh = 0; oh < OH; ++oh)
      for (int ow = 0; ow < OW; ++ow) {
        double expected = reference(x, w, b, oc, oh, ow);
        double actual = mlirConvTensorGetElement(y, (oc * OH + oh) * OW + ow);
        if (!(fabs(actual - expected) <= 1e-5 + 1e-5 * fabs(expected)))
          ++mismatches;
      }
  return mismatches;
}

/* Fills `t` with deterministic values in [-1, 1). */
static void fill(MlirConvTensor t, unsigned seed) {
  unsigned state = seed * 2654435761u + 1;
  for (int64_t i = 0, e = mlirConvTensorGetNumElements(t); i < e; ++i) {
    state = state * 1103515245u + 12345u;
    mlirConvTensorSetElement(t, i, ((state >> 8) % 2000) / 1000.0 - 1.0);
  }
}

int main(void) {
  /* The dialect handle alone. */
  MlirContext bare = mlirContextCreate();
  MlirDialectHandle handle = mlirGetDialectHandle__conv__();
  MlirStringRef ns = mlirDialectHandleGetNamespace(handle);
  mlirDialectHandleRegisterDialect(handle, bare);
  MlirDialect dialect = mlirContextGetOrLoadDialect(bare, ns);
  // CHECK: dialect conv loaded: 1
  printf("dialect %.*s loaded: %d\n", (int)ns.length, ns.data,
         !mlirDialectIsNull(dialect));
  mlirContextDestroy(bare);

  /* Everything conv-opt parses. */
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirConvRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kSource));
  if (mlirModuleIsNull(module)) {
    printf("parse failed\n");
    return 1;
  }
  // CHECK-LABEL: func.func @conv
  // CHECK: conv.conv2d %{{.*}}, %{{.*}}, %{{.*}} strides = [2, 1] padding = [1,
  // 0, 1, 1] groups = 2 input_layout = NCHW filter_layout = OIHW
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");

  MlirConvCompileOptions options = mlirConvCompileOptionsGetDefault();
  MlirConvExecutable exe =
      mlirConvExecutableCompile(module, mlirStringRefCreateFromCString("conv"),
                                &options, printError, kCompile);
  if (mlirConvExecutableIsNull(exe))
    return 1;
  // CHECK: arguments: 3, results: 1
  printf("arguments: %d, results: %d\n",
         (int)mlirConvExecutableGetNumArguments(exe),
         (int)mlirConvExecutableGetNumResults(exe));

  int64_t xShape[] = {1, C, H, W}, wShape[] = {OC, CG, KH, KW}, bShape[] = {OC},
          yShape[] = {1, OC, OH, OW};
  MlirConvTensor inputs[3] = {
      mlirConvTensorCreate(MlirConvDTypeF32, 4, xShape),
      mlirConvTensorCreate(MlirConvDTypeF32, 4, wShape),
      mlirConvTensorCreate(MlirConvDTypeF32, 1, bShape)};
  for (int i = 0; i < 3; ++i)
    fill(inputs[i], i + 1);

  MlirConvTensor result;
  MlirLogicalResult ok =
      mlirConvExecutableInvoke(exe, 3, inputs, 1, &result, printError, kInvoke);
  if (mlirLogicalResultIsFailure(ok))
    return 1;
  // CHECK: invoke: shape 1x6x2x6, mismatches: 0 of 72
  printf("invoke: shape %dx%dx%dx%d, mismatches: %d of %d\n",
         (int)mlirConvTensorGetDimSize(result, 0),
         (int)mlirConvTensorGetDimSize(result, 1),
         (int)mlirConvTensorGetDimSize(result, 2),
         (int)mlirConvTensorGetDimSize(result, 3),
         countMismatches(inputs[0], inputs[1], inputs[2], result),
         (int)mlirConvTensorGetNumElements(result));

  /* New inputs, into an existing output. */
  fill(inputs[0], 7);
  MlirConvTensor output = mlirConvTensorCreate(MlirConvDTypeF32, 4, yShape);
  ok = mlirConvExecutableInvokeInto(exe, 3, inputs, 1, &output, printError,
                                    kInvokeInto);
  if (mlirLogicalResultIsFailure(ok))
    return 1;
  // CHECK: invoke-into: mismatches: 0 of 72
  printf("invoke-into: mismatches: %d of %d\n",
         countMismatches(inputs[0], inputs[1], inputs[2], output),
         (int)mlirConvTensorGetNumElements(output));

  /* Errors. */
  // CHECK: wrong-input: error: input 1 is tensor<6x2x3x3xf16> but argument 1 is
  // tensor<6x2x3x3xf32>
  MlirConvTensor half = mlirConvTensorCreate(MlirConvDTypeF16, 4, wShape);
  MlirConvTensor wrong[3] = {inputs[0], half, inputs[2]};
  MlirConvTensor unused;
  ok = mlirConvExecutableInvoke(exe, 3, wrong, 1, &unused, printError,
                                kWrongInput);
  // CHECK-NEXT: failed: 1
  printf("failed: %d\n", mlirLogicalResultIsFailure(ok));
  // CHECK: too-few: error: expected 3 inputs, got 2
  ok = mlirConvExecutableInvokeInto(exe, 2, inputs, 1, &output, printError,
                                    kTooFew);
  // CHECK: no-function: error: no function @nope in the module (it has @conv)
  MlirConvExecutable missing =
      mlirConvExecutableCompile(module, mlirStringRefCreateFromCString("nope"),
                                NULL, printError, kNoFunction);
  // CHECK-NEXT: null: 1
  printf("null: %d\n", mlirConvExecutableIsNull(missing));
  // CHECK: contradiction: error: winograd=always contradicts exact
  MlirConvCompileOptions contradiction = mlirConvCompileOptionsGetDefault();
  contradiction.exact = true;
  contradiction.winograd = MlirConvWinogradAlways;
  // CHECK-NEXT: contradiction gives null: 1
  printf("contradiction gives null: %d\n",
         mlirConvExecutableIsNull(mlirConvExecutableCompile(
             module, mlirStringRefCreateFromCString("conv"), &contradiction,
             printError, kContradiction)));

  /* The linalg strategy computes the same conv. */
  MlirConvCompileOptions linalg = mlirConvCompileOptionsGetDefault();
  linalg.strategy = MlirConvStrategyLinalg;
  MlirConvExecutable viaLinalg =
      mlirConvExecutableCompile(module, mlirStringRefCreateFromCString("conv"),
                                &linalg, printError, kLinalg);
  if (mlirConvExecutableIsNull(viaLinalg))
    return 1;
  ok = mlirConvExecutableInvokeInto(viaLinalg, 3, inputs, 1, &output,
                                    printError, kLinalg);
  if (mlirLogicalResultIsFailure(ok))
    return 1;
  // CHECK: linalg: mismatches: 0 of 72
  printf("linalg: mismatches: %d of %d\n",
         countMismatches(inputs[0], inputs[1], inputs[2], output),
         (int)mlirConvTensorGetNumElements(output));
  mlirConvExecutableDestroy(viaLinalg);

  int64_t negative[] = {-1};
  // CHECK: negative extent gives null: 1
  printf("negative extent gives null: %d\n",
         mlirConvTensorIsNull(
             mlirConvTensorCreate(MlirConvDTypeF32, 1, negative)));

  mlirConvTensorDestroy(half);
  mlirConvTensorDestroy(output);
  mlirConvTensorDestroy(result);
  for (int i = 0; i < 3; ++i)
    mlirConvTensorDestroy(inputs[i]);
  mlirConvExecutableDestroy(exe);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return 0;
}
