#!/usr/bin/env bash
# On an NVIDIA host: reads every GPU through our NVML binding and through nvidia-smi at the same
# moment and compares them. Exit 0 when they agree: per GPU utilisation within 10 points, memory
# within 64 MiB, temperature within 2 °C, power within 10 % or 15 W; per process (ours against
# `nvidia-smi --query-compute-apps` and `nvidia-smi pmon -c 1`) every compute process of
# nvidia-smi's is in ours with its memory within 64 MiB, SM within 15 points of pmon's one sample
# where both have one; per GPU our encoder sessions add up to encoder.stats.sessionCount. With a
# folder as $1, the raw answers of both sides are kept there (NAME as $2 names them). Run
# bench/gpu/prepare.sh first.
set -euo pipefail
cd "$(dirname "$0")"
build=build
keep=${1:-}
name=${2:-check}
check() { "$build/runtime/bin/java" -cp "$build/classes:$build/lib/*" io.optimizarr.monitor.gpu.NvmlCheck "$@"; }
probe=$(check)
procs=$(check processes)
smi=$(nvidia-smi --query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,utilization.encoder --format=csv,noheader,nounits 2>/dev/null \
  || nvidia-smi --query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw --format=csv,noheader,nounits)
apps=$(nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits 2>/dev/null || true)
pmon=$(nvidia-smi pmon -c 1 -s u 2>/dev/null || true)
sessions=$(nvidia-smi --query-gpu=index,encoder.stats.sessionCount --format=csv,noheader,nounits 2>/dev/null || true)
echo "probe:      $probe"
echo "nvidia-smi: $smi"
echo "processes (gpu, uuid, pid, sm, enc, dec, MiB, sessions):"
echo "$procs" | sed 's/^/  /'
echo "compute apps (uuid, pid, MiB): ${apps:-none}"
echo "encoder sessions (gpu, count): ${sessions:-unknown}"
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  printf '%s\n' "$probe" > "$keep/$name-probe.csv"
  printf '%s\n' "$procs" > "$keep/$name-processes.csv"
  printf '%s\n' "$smi" > "$keep/$name-smi-gpus.csv"
  printf '%s\n' "$apps" > "$keep/$name-smi-compute-apps.csv"
  printf '%s\n' "$pmon" > "$keep/$name-smi-pmon.txt"
  printf '%s\n' "$sessions" > "$keep/$name-smi-encoder-sessions.csv"
fi
status=0
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
  END { exit failed }' || status=1
# Per process: our lines, then nvidia-smi's answers, each tagged, in one awk.
{
  echo "$procs" | sed 's/^/P,/'
  [ -n "$apps" ] && echo "$apps" | sed 's/^/A,/'
  echo "$pmon" | awk '!/^#/ && NF >= 4 { print "M," $1 "," $2 "," $4 }'
  [ -n "$sessions" ] && echo "$sessions" | sed 's/^/S,/'
} | awk -F',' '
  function t(x) { gsub(/ /, "", x); return x }
  function abs(x) { return x < 0 ? -x : x }
  $1 == "P" && t($4) == "none" { nolist[t($3)] = 1; sessunk[t($2)] = 1; next }
  $1 == "P" { gpu = t($2); pid = t($4); mem[t($3), pid] = t($8); sm[gpu, pid] = t($5)
              if (t($9) != "null") { sess[gpu] += t($9); sesskn[gpu] = 1 } else sessunk[gpu] = 1
              next }
  $1 == "A" { apps[t($2), t($3)] = t($4); next }
  $1 == "M" { if (t($4) != "-") pmon[t($2), t($3)] = t($4); next }
  $1 == "S" { smi[t($2)] = t($3); next }
  END {
    for (k in apps) {
      split(k, u, SUBSEP)
      if (u[1] in nolist) { print "process " u[2] ": no per-process figures from the probe on " u[1]; failed = 1 }
      else if (!(k in mem)) { print "process " u[2] ": in nvidia-smi, not in ours"; failed = 1 }
      else if (mem[k] != "null" && abs(mem[k] - apps[k]) > 64) { print "process " u[2] ": memory " mem[k] " MiB, nvidia-smi " apps[k]; failed = 1 }
      else print "process " u[2] ": agrees (memory)"
    }
    for (k in pmon) {
      split(k, g, SUBSEP)
      if (!(k in sm) || sm[k] == "null") continue
      if (abs(sm[k] - pmon[k]) > 15) { print "process " g[2] ": sm " sm[k] " %, pmon " pmon[k]; failed = 1 }
      else print "process " g[2] ": agrees (sm)"
    }
    for (gpu in smi) {
      if (smi[gpu] ~ /N\/A|\[/) continue
      if (gpu in sessunk) { print "GPU " gpu ": encoder sessions unknown to the probe, nvidia-smi " smi[gpu]; continue }
      if (sess[gpu] + 0 != smi[gpu] + 0) { print "GPU " gpu ": encoder sessions " sess[gpu] + 0 ", nvidia-smi " smi[gpu]; failed = 1 }
      else print "GPU " gpu ": agrees (encoder sessions " smi[gpu] ")"
    }
    exit failed
  }' || status=1
exit $status
