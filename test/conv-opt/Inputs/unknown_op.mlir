// The conv dialect has no conv3d.
func.func @unknown(%x: tensor<1x4x4x4x2xf32>) {
  %y = conv.conv3d %x : tensor<1x4x4x4x2xf32>
  return
}
