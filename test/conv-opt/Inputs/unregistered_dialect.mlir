// A dialect conv-opt does not register.
func.func @torch(%x: tensor<1x4x4x2xf32>) {
  "torch.aten.conv2d"(%x) : (tensor<1x4x4x2xf32>) -> ()
  return
}
