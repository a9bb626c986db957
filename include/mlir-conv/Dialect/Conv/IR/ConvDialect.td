//===- ConvDialect.td - The conv dialect -------------------*- tablegen -*-===//
//
// Part of mlir-conv. The `conv` dialect: one framework-level conv2d op.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_CONVDIALECT_TD
#define MLIR_CONV_DIALECT_CONV_IR_CONVDIALECT_TD

include "mlir/IR/OpBase.td"

def Conv_Dialect : Dialect {
  let name = "conv";
  let summary = "A framework-level 2-D convolution with every layout in one op";
  let description = [{
    The `conv` dialect holds `conv.conv2d`, a 2-D convolution with the full
    semantics of a framework Conv2d layer (Modular MAX `nn.Conv2d`, PyTorch
    `Conv2d`): strides, dilations, explicit asymmetric zero padding, groups
    (grouped, depthwise and channel multipliers), an optional bias, and the
    input/filter layouts carried as attributes. It is lowered once, through a
    single normalised form, to linalg and from there to LLVM.
  }];
  let cppNamespace = "::mlir::conv";
  let useDefaultAttributePrinterParser = 1;
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // MLIR_CONV_DIALECT_CONV_IR_CONVDIALECT_TD
