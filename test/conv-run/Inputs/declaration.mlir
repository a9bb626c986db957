// A function declaration: nothing to run.
func.func private @declared(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
