#!/bin/bash
# The commands of test/Integration/GPU/execute.mlir, for a machine without lit:
# each function on the GPU against the float64 reference.
#   bench/gpu/checks/execute.sh CONV_RUN
run=$1
file=test/Integration/GPU/execute.mlir
fails=0
for f in $(grep -o 'func.func @[a-z0-9_]*' $file | sed 's/func.func @//'); do
  line=$($run $file --device=cuda --function=$f --check-reference 2>&1 | tail -1)
  echo "$f: $line"
  [[ $line == "reference check: PASS"* ]] || fails=$((fails + 1))
done
echo "== examples/resnet50_3x3.mlir on the GPU"
$run examples/resnet50_3x3.mlir --device=cuda --check-reference --benchmark=50 2>&1 | tail -3
echo "execute.sh: $fails failed"
