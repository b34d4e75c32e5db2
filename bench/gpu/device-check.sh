#!/usr/bin/env bash
# The whole device check in one call (about 1 minute): the probe against nvidia-smi on an idle
# GPU, then again while PyTorch keeps the GPU busy with matrix products (when python3 has torch),
# then while ffmpeg encodes with h264_nvenc (when ffmpeg has it and the GPU has NVENC: an H100 or
# H200 has none). Each loaded check compares the per-process figures too (nvml-check.sh), keeps
# nvidia-smi's raw answers and records NVML's raw per-process answers (NvmlCheck record) to become
# test data (monitor-service/src/test/resources/nvml/). Writes everything to $OUT (or
# bench/results/gpu). Run bench/gpu/prepare.sh first and carry bench/gpu/build.
set -uo pipefail
cd "$(dirname "$0")"
out=${OUT:-../results/gpu}
mkdir -p "$out/raw"
status=0
record() { build/runtime/bin/java -cp "build/classes:build/lib/*" io.optimizarr.monitor.gpu.NvmlCheck record > "$out/nvml-record-$1.txt" 2>&1 || status=1; }
loaded() { # NAME: two checks two seconds apart, the raw answers kept, NVML's recorded
  echo "== loaded ($1)" | tee -a "$out/check.txt"
  ./nvml-check.sh "$out/raw" "$1-a" 2>&1 | tee -a "$out/check.txt" || status=1
  record "$1"
  sleep 2
  ./nvml-check.sh "$out/raw" "$1-b" 2>&1 | tee -a "$out/check.txt" || status=1
}
nvidia-smi -L | tee "$out/gpus.txt"
echo "== idle" | tee "$out/check.txt"
./nvml-check.sh "$out/raw" idle 2>&1 | tee -a "$out/check.txt" || status=1
record idle
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
  loaded torch
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null
else
  echo "== no torch: torch check skipped" | tee -a "$out/check.txt"
fi
nvenc="-f lavfi -i testsrc2=size=1920x1080:rate=60 -c:v h264_nvenc -preset p4 -f null -"
if command -v ffmpeg >/dev/null && ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc2=size=640x360:rate=30:duration=1 \
     -c:v h264_nvenc -f null - 2> "$out/nvenc-probe.txt"; then
  # shellcheck disable=SC2086
  timeout 30 ffmpeg -hide_banner -loglevel error -t 25 $nvenc 2> "$out/nvenc-encode.txt" &
  encode=$!
  sleep 6
  echo "ffmpeg h264_nvenc pid $(pgrep -P "$encode" ffmpeg || echo unknown)" | tee -a "$out/check.txt"
  nvidia-smi --query-gpu=index,encoder.stats.sessionCount,encoder.stats.averageFps,utilization.encoder \
    --format=csv > "$out/raw/nvenc-smi-encoder-stats.csv" 2>&1
  loaded nvenc
  kill "$encode" 2>/dev/null; wait "$encode" 2>/dev/null
else
  echo "== no h264_nvenc here (no ffmpeg, no NVENC build, or a GPU without NVENC): NVENC check skipped" \
    | tee -a "$out/check.txt"
fi
nvidia-smi -q > "$out/nvidia-smi-q.txt" 2>&1
exit $status
