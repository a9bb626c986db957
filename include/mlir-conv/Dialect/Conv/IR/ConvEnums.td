//===- ConvEnums.td - Layout enums of the conv dialect -----*- tablegen -*-===//
//
// Part of mlir-conv. Input and filter layouts as typed enum attributes.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_CONVENUMS_TD
#define MLIR_CONV_DIALECT_CONV_IR_CONVENUMS_TD

include "mlir-conv/Dialect/Conv/IR/ConvDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Conv_InputLayout : I32EnumAttr<"InputLayout",
    "layout of the conv input and output tensors", [
      I32EnumAttrCase<"NHWC", 0>,
      I32EnumAttrCase<"NCHW", 1>
    ]> {
  let cppNamespace = "::mlir::conv";
  let genSpecializedAttr = 0;
}

def Conv_FilterLayout : I32EnumAttr<"FilterLayout",
    "layout of the conv filter tensor (I is input channels per group)", [
      I32EnumAttrCase<"HWIO", 0>,
      I32EnumAttrCase<"OIHW", 1>,
      I32EnumAttrCase<"OHWI", 2>
    ]> {
  let cppNamespace = "::mlir::conv";
  let genSpecializedAttr = 0;
}

/// Prints as a bare keyword in the op (`input_layout = NCHW`) and as
/// `#conv<input_layout NCHW>` on its own.
def Conv_InputLayoutAttr
    : EnumAttr<Conv_Dialect, Conv_InputLayout, "input_layout">;

/// Prints as a bare keyword in the op (`filter_layout = OIHW`) and as
/// `#conv<filter_layout OIHW>` on its own.
def Conv_FilterLayoutAttr
    : EnumAttr<Conv_Dialect, Conv_FilterLayout, "filter_layout">;

#endif // MLIR_CONV_DIALECT_CONV_IR_CONVENUMS_TD
