/*===- embed-conv-c.c - Using the installed C API -----------------*- C -*-===*\
|*                                                                            *|
|* Part of mlir-conv's examples. Parses a 1x1 conv (a per-pixel matrix        *|
|* product), compiles it, runs it and checks every output element.            *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "mlir-conv-c/Dialects.h"
#include "mlir-conv-c/Runtime.h"

#include <math.h>
#include <stdio.h>

static const char *kSource =
    "func.func @conv(%x: tensor<2x3x3x4xf32>, %w: tensor<1x1x4x5xf32>)\n"
    "    -> tensor<2x3x3x5xf32> {\n"
    "  %y = conv.conv2d %x, %w : tensor<2x3x3x4xf32>, tensor<1x1x4x5xf32>\n"
    "    -> tensor<2x3x3x5xf32>\n"
    "  return %y : tensor<2x3x3x5xf32>\n"
    "}\n";

static char kLabel[] = "embed-conv-c";

static void printError(MlirStringRef text, void *userData) {
  fprintf(stderr, "%s: error: %.*s\n", (const char *)userData, (int)text.length,
          text.data);
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirConvRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kSource));
  MlirConvExecutable exe = mlirConvExecutableCompile(
      module, mlirStringRefCreateFromCString("conv"), NULL, printError, kLabel);
  if (mlirConvExecutableIsNull(exe))
    return 1;

  int64_t xShape[] = {2, 3, 3, 4}, wShape[] = {1, 1, 4, 5};
  MlirConvTensor in[2] = {mlirConvTensorCreate(MlirConvDTypeF32, 4, xShape),
                          mlirConvTensorCreate(MlirConvDTypeF32, 4, wShape)};
  for (int64_t i = 0; i < 72; ++i)
    mlirConvTensorSetElement(in[0], i, (double)(i % 7) - 3.0);
  for (int64_t i = 0; i < 20; ++i)
    mlirConvTensorSetElement(in[1], i, 0.25 * (double)(i % 5) - 0.5);
  MlirConvTensor y;
  if (mlirLogicalResultIsFailure(
          mlirConvExecutableInvoke(exe, 2, in, 1, &y, printError, kLabel)))
    return 1;

  /* y[p][o] = sum_c x[p][c] * w[c][o] over the 18 pixels p. */
  int mismatches = 0;
  for (int p = 0; p < 18; ++p)
    for (int o = 0; o < 5; ++o) {
      double expected = 0;
      for (int c = 0; c < 4; ++c)
        expected += mlirConvTensorGetElement(in[0], p * 4 + c) *
                    mlirConvTensorGetElement(in[1], c * 5 + o);
      if (fabs(mlirConvTensorGetElement(y, p * 5 + o) - expected) > 1e-5)
        ++mismatches;
    }
  printf("C API: %d mismatches of %d\n", mismatches,
         (int)mlirConvTensorGetNumElements(y));

  mlirConvTensorDestroy(y);
  mlirConvTensorDestroy(in[0]);
  mlirConvTensorDestroy(in[1]);
  mlirConvExecutableDestroy(exe);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return mismatches ? 1 : 0;
}
