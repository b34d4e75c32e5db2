#!/usr/bin/env bash
# The whole device check in one call: the probe against nvidia-smi on an idle GPU, then again
# while PyTorch keeps the GPU busy with matrix products (when python3 has torch). Writes what it
# saw to $OUT (or bench/results/gpu). Run bench/gpu/prepare.sh first and carry bench/gpu/build.
set -uo pipefail
cd "$(dirname "$0")"
out=${OUT:-../results/gpu}
mkdir -p "$out"
status=0
nvidia-smi -L | tee "$out/gpus.txt"
echo "== idle" | tee "$out/check.txt"
./nvml-check.sh 2>&1 | tee -a "$out/check.txt" || status=1
if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  python3 - <<'PY' &
import time, torch
a = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
end = time.time() + 25
while time.time() < end:
    for _ in range(20):
        a @ a
    torch.cuda.synchronize()
PY
  load=$!
  sleep 8
  echo "== loaded (torch matmul)" | tee -a "$out/check.txt"
  ./nvml-check.sh 2>&1 | tee -a "$out/check.txt" || status=1
  sleep 2
  ./nvml-check.sh 2>&1 | tee -a "$out/check.txt" || status=1
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null
else
  echo "== no torch: loaded check skipped" | tee -a "$out/check.txt"
fi
nvidia-smi -q > "$out/nvidia-smi-q.txt" 2>&1
exit $status
