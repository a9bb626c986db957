// A dimension larger than int64.
func.func @dim_overflow(%x: tensor<1x99999999999999999999x4x2xf32>) {
  return
}
