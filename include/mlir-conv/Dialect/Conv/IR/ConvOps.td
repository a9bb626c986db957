//===- ConvOps.td - Operations of the conv dialect ---------*- tablegen -*-===//
//
// Part of mlir-conv. `conv.conv2d`, the one op of the dialect.
//
//===----------------------------------------------------------------------===//

#ifndef MLIR_CONV_DIALECT_CONV_IR_CONVOPS_TD
#define MLIR_CONV_DIALECT_CONV_IR_CONVOPS_TD

include "mlir-conv/Dialect/Conv/IR/ConvDialect.td"
include "mlir-conv/Dialect/Conv/IR/ConvEnums.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"

/// Base class of every conv dialect op.
class Conv_Op<string mnemonic, list<Trait> traits = []>
    : Op<Conv_Dialect, mnemonic, traits>;

/// The element types a conv computes in.
def Conv_FloatType : AnyTypeOf<[F16, BF16, F32, F64]>;
def Conv_Tensor4D : TensorRankOf<[F16, BF16, F32, F64], [4]>;
def Conv_Tensor1D : TensorRankOf<[F16, BF16, F32, F64], [1]>;

def Conv_Conv2DOp : Conv_Op<"conv2d", [
    Pure,
    AllElementTypesMatch<["input", "filter", "result"]>,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
        ["reifyResultShapes"]>,
    InferTypeOpAdaptorWithIsCompatible]> {
  let summary = "2-D convolution with strides, dilations, padding, groups, "
                "bias and layouts";
  let description = [{
    A 2-D cross-correlation, as a framework Conv2d layer computes it:

    ```
    out[n, oc, oh, ow] = bias[oc] (or 0)
      + sum_{ic < IC/groups, kh < KH, kw < KW}
          X[n, g*IC/groups + ic, oh*sh - top + kh*dh, ow*sw - left + kw*dw]
          * W[oc, ic, kh, kw]          with g = oc / (OC/groups)
    ```

    written here with NCHW/OIHW indices, where `X` is zero outside the input
    (zero padding). The kernel size comes from the filter. Output channels are
    group-major. Padding may exceed the kernel extent: output positions that
    only see padding equal the bias.

    - `strides` = [sh, sw] and `dilations` = [dh, dw], each at least 1
      (default [1, 1]);
    - `padding` = [top, bottom, left, right], each at least 0 (default zeros);
    - `groups` (default 1) divides both IC and OC; groups == IC is depthwise,
      OC = m * IC then has channel multiplier m;
    - `input_layout` is NHWC (default) or NCHW; the result has the input's
      layout. `filter_layout` is HWIO (default; MAX's RSCF), OIHW (PyTorch's
      FCRS) or OHWI, where I is IC/groups;
    - `bias`, when present, has shape [OC].

    The output extent is
    `OH = floor((H + top + bottom - dh*(KH-1) - 1) / sh) + 1` (likewise OW)
    and must be at least 1. Input, filter, bias and result share one element
    type (f16, bf16, f32 or f64); f16 and bf16 accumulate in f32 and round once.
    Batch, H and W may be dynamic; channels and the kernel size are static.
    The result type is inferred from the operands and attributes.

    Example (PyTorch layouts, 3x3 kernel, stride 2, padding 1, 2 groups):

    ```mlir
    %y = conv.conv2d %x, %w, %b strides = [2, 2] padding = [1, 1, 1, 1]
           groups = 2 input_layout = NCHW filter_layout = OIHW
         : tensor<1x8x32x32xf32>, tensor<16x4x3x3xf32>, tensor<16xf32>
         -> tensor<1x16x16x16xf32>
    ```
  }];

  let arguments = (ins
    Conv_Tensor4D:$input,
    Conv_Tensor4D:$filter,
    Optional<Conv_Tensor1D>:$bias,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
    DefaultValuedAttr<I64Attr, "1">:$groups,
    DefaultValuedAttr<Conv_InputLayoutAttr, "::mlir::conv::InputLayout::NHWC">:$input_layout,
    DefaultValuedAttr<Conv_FilterLayoutAttr, "::mlir::conv::FilterLayout::HWIO">:$filter_layout
  );
  let results = (outs Conv_Tensor4D:$result);

  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)?
    (`strides` `=` $strides^)?
    (`dilations` `=` $dilations^)?
    (`padding` `=` $padding^)?
    (`groups` `=` $groups^)?
    (`input_layout` `=` `` $input_layout^)?
    (`filter_layout` `=` `` $filter_layout^)?
    attr-dict `:` type($input) `,` type($filter) (`,` type($bias)^)?
    `->` type($result)
  }];

  let builders = [
    // The seed's convenience form: the layer's attributes, with padding as
    // 1, 2 or 4 values. The result type is inferred; the kernel size comes
    // from the filter.
    OpBuilder<(ins "::mlir::Value":$input, "::mlir::Value":$filter,
                   "::mlir::Value":$bias,
                   "const ::mlir::conv::Conv2DAttrs &":$attrs)>
  ];

  let extraClassDeclaration = [{
    /// The op's attributes and static operand shapes, in canonical
    /// (NCHW / OIHW) dimension order.
    ::mlir::conv::ConvGeometry getGeometry();
  }];

  let hasVerifier = 1;
}

#endif // MLIR_CONV_DIALECT_CONV_IR_CONVOPS_TD
