#!/usr/bin/env bash
# On an NVIDIA host: reads every GPU through our NVML binding and through nvidia-smi at the same
# moment and compares them. Exit 0 when they agree (utilisation within 10 points, memory within
# 64 MiB, temperature within 2 °C, power within 10 % or 15 W). Run bench/gpu/prepare.sh first.
set -euo pipefail
cd "$(dirname "$0")"
build=build
probe=$("$build/runtime/bin/java" -cp "$build/classes:$build/lib/*" io.optimizarr.monitor.gpu.NvmlCheck)
smi=$(nvidia-smi --query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,utilization.encoder --format=csv,noheader,nounits 2>/dev/null \
  || nvidia-smi --query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw --format=csv,noheader,nounits)
echo "probe:      $probe"
echo "nvidia-smi: $smi"
paste -d '|' <(echo "$probe") <(echo "$smi") | awk -F'|' '
  function n(x) { gsub(/ /, "", x); return x + 0 }
  function abs(x) { return x < 0 ? -x : x }
  {
    split($1, p, ","); split($2, s, ",")
    bad = ""
    if (p[3] != s[3] && p[3] != " " s[3]) bad = bad " uuid"
    if (abs(n(p[4]) - n(s[4])) > 10) bad = bad " utilization"
    if (abs(n(p[5]) - n(s[5])) > 64) bad = bad " memory.used"
    if (abs(n(p[6]) - n(s[6])) > 64) bad = bad " memory.total"
    if (abs(n(p[7]) - n(s[7])) > 2) bad = bad " temperature"
    tol = n(s[8]) * 0.1; if (tol < 15) tol = 15
    if (s[8] !~ /N\/A/ && abs(n(p[8]) - n(s[8])) > tol) bad = bad " power"
    if (bad == "") print "GPU " n(s[1]) ": agrees"; else { print "GPU " n(s[1]) ": differs in" bad; failed = 1 }
  }
  END { exit failed }'
