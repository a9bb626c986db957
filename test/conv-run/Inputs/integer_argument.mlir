// conv-run runs only functions of f16, bf16, f32 and f64 tensors.
func.func @ints(%x: tensor<4xi32>) -> tensor<4xi32> {
  return %x : tensor<4xi32>
}
