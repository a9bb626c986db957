// A function with no results.
func.func @f(%x: tensor<2xf32>) {
  return
}
