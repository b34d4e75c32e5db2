#!/usr/bin/env bash
# Monitor overhead: CPU seconds per minute at 1 s sampling, idle and with N SSE subscribers on
# loopback, and their p99 delivery lag; the monitor as an encoder follows it while idle (one client
# on the snapshot stream, no pulses) and while an encode runs (one client following ?pulses=true);
# beside prometheus-node-exporter scraped once a second and every
# 15 s (Prometheus's default) on the same machine in the same run. Medians of RUNS runs.
#
#   bench/monitor-overhead.sh            # WINDOW=60 RUNS=3 SUBSCRIBERS=500
#   WINDOW=30 RUNS=5 bench/monitor-overhead.sh
#   SUBSCRIBERS=0 bench/monitor-overhead.sh   # leaves out the many-subscriber step
set -euo pipefail
cd "$(dirname "$0")/.."

WINDOW="${WINDOW:-60}"
RUNS="${RUNS:-3}"
SUBSCRIBERS="${SUBSCRIBERS:-500}"
# The monitor's JVM options (as run.sh starts it); JAVA_OPTS= (empty) for the JVM's defaults.
JAVA_OPTS="${JAVA_OPTS--XX:TieredStopAtLevel=1}"
WARMUP="${WARMUP:-20}"
# BENCH_PORT_BASE moves the ports (as in bench/lib.sh) to run beside another benchmark.
base=${BENCH_PORT_BASE:-18000}
PORT=$((base + 81))
MANAGEMENT=$((base + 1001))
EXPORTER_PORT=$((base + 1100))
PASSWORD=bench-secret
out="bench/results"
mkdir -p "$out"
hz=$(getconf CLK_TCK)

if ! command -v prometheus-node-exporter >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y -qq prometheus-node-exporter >/dev/null
  else
    echo "needs prometheus-node-exporter: sudo apt-get install prometheus-node-exporter" >&2
    exit 1
  fi
fi
[ -f monitor-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

cpu_seconds() { # pid -> user+system CPU seconds so far
  awk -v hz="$hz" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
scrape_each_second() { # url seconds
  scrape_every 1 "$1" "$2"
}
scrape_every() { # interval url seconds
  local end=$((SECONDS + $3))
  while [ $SECONDS -lt $end ]; do curl -fs -o /dev/null "$2" || true; sleep "$1"; done
}
measure() { # pid seconds -> CPU seconds used over the window
  local before after
  before=$(cpu_seconds "$1"); sleep "$2"; after=$(cpu_seconds "$1")
  awk -v a="$after" -v b="$before" 'BEGIN { printf "%.3f", a - b }'
}
# followed_cpu QUERY EVENT: the monitor's CPU seconds over a window while one client follows
# /api/resources/stream QUERY, after the stream's path has warmed up in the JIT (as it has long
# since in a running node); fails unless the client got EVENT events.
followed_cpu() {
  local follower cpu
  curl -fsN -u "optimizarr:$PASSWORD" "http://localhost:$PORT/api/resources/stream$1" \
    > "$out/followed-$2.txt" &
  follower=$!
  sleep "$WARMUP"
  cpu=$(measure "$monitor" "$WINDOW")
  kill "$follower"; wait "$follower" 2>/dev/null || true
  grep -q "^event: *$2" "$out/followed-$2.txt" || { echo "the follower got no $2 events" >&2; exit 1; }
  echo "$cpu"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

: > "$out/runs.tsv"
printf 'run\tmonitor_idle_cpu_s\tmonitor_%s_subs_cpu_s\tp50_ms\tp99_ms\texporter_cpu_s\tmonitor_rss_mb\texporter_rss_mb\tmonitor_scraped_cpu_s\tmonitor_pulsed_cpu_s\texporter_15s_cpu_s\tmonitor_followed_cpu_s\n' "$SUBSCRIBERS" | tee -a "$out/runs.tsv"
for run in $(seq 1 "$RUNS"); do
  QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT OPTIMIZARR_MONITOR_PASSWORD=$PASSWORD \
    java $JAVA_OPTS -jar monitor-service/target/quarkus-app/quarkus-run.jar > "$out/monitor.log" 2>&1 &
  monitor=$!; pids+=("$monitor")
  until curl -fs "http://localhost:$MANAGEMENT/q/health/ready" >/dev/null; do sleep 0.5; done
  sleep "$WARMUP"

  # Idle: sampling once a second, nobody listening.
  idle=$(measure "$monitor" "$WINDOW")
  # The same, scraped once a second as node_exporter is below.
  scrape_each_second "http://localhost:$MANAGEMENT/q/metrics" "$WINDOW" &
  scraped=$(measure "$monitor" "$WINDOW"); wait $!

  # As an idle encoder follows it: one client on the snapshot stream, no pulses.
  followed=$(followed_cpu "" snapshot)
  # As an encoder follows it while it encodes: one client with pulses, 5 a second between the
  # snapshots.
  pulsed=$(followed_cpu "?pulses=true" pulse)

  busy=0; p50=; p99=
  if [ "$SUBSCRIBERS" -gt 0 ]; then
    java bench/SseLoad.java "http://localhost:$PORT/api/resources/stream" "optimizarr:$PASSWORD" \
      "$SUBSCRIBERS" $((WINDOW + 15)) > "$out/load.txt" &
    load=$!
    sleep 10
    busy=$(measure "$monitor" "$WINDOW")
    wait "$load"
    p50=$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' "$out/load.txt")
    p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$out/load.txt")
  fi
  monitor_rss=$(rss_mb "$monitor")
  kill "$monitor"; wait "$monitor" 2>/dev/null || true

  prometheus-node-exporter --web.listen-address="127.0.0.1:$EXPORTER_PORT" > "$out/exporter.log" 2>&1 &
  exporter=$!; pids+=("$exporter")
  until curl -fs -o /dev/null "http://127.0.0.1:$EXPORTER_PORT/metrics"; do sleep 0.5; done
  scrape_each_second "http://127.0.0.1:$EXPORTER_PORT/metrics" "$WARMUP"
  scrape_each_second "http://127.0.0.1:$EXPORTER_PORT/metrics" "$WINDOW" &
  exporter_cpu=$(measure "$exporter" "$WINDOW"); wait $!
  # Scraped as Prometheus does by default: every 15 s.
  scrape_every 15 "http://127.0.0.1:$EXPORTER_PORT/metrics" "$WINDOW" &
  exporter_15s=$(measure "$exporter" "$WINDOW"); wait $!
  exporter_rss=$(rss_mb "$exporter")
  kill "$exporter"; wait "$exporter" 2>/dev/null || true

  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$idle" "$busy" "$p50" "$p99" "$exporter_cpu" "$monitor_rss" "$exporter_rss" "$scraped" "$pulsed" "$exporter_15s" "$followed" | tee -a "$out/runs.tsv"
done

col() { tail -n +2 "$out/runs.tsv" | cut -f "$1" | median; }
idle=$(col 2); busy=$(col 3); p50=$(col 4); p99=$(col 5); exporter=$(col 6); scraped=$(col 9)
pulsed=$(col 10); exporter_15s=$(col 11); followed=$(col 12)
per_minute() { awk -v v="$1" -v w="$WINDOW" 'BEGIN { printf "%.3f", v * 60 / w }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cat <<RESULT | tee "$out/summary.md"

Medians of $RUNS runs, $WINDOW s windows, $(nproc) cores, $(date -u +%Y-%m-%d), monitor JVM options: \`$JAVA_OPTS\`:
| measurement | CPU s per minute | ratio to node_exporter | lag p50 / p99 |
| --- | --- | --- | --- |
| node_exporter 1.5, scraped once a second | $(per_minute "$exporter") | 1.00 | |
| monitor, 1 s sampling, no client | $(per_minute "$idle") | $(ratio "$idle" "$exporter") | |
| monitor, 1 s sampling, /q/metrics scraped once a second | $(per_minute "$scraped") | $(ratio "$scraped" "$exporter") | |
| node_exporter, scraped every 15 s (Prometheus's default) | $(per_minute "$exporter_15s") | $(ratio "$exporter_15s" "$exporter") | |
| monitor, 1 s sampling, one client following as an idle encoder (no pulses) | $(per_minute "$followed") | $(ratio "$followed" "$exporter") | |
| monitor, 1 s sampling and 200 ms pulses, one client following as an encoder while it encodes | $(per_minute "$pulsed") | $(ratio "$pulsed" "$exporter"); **$(ratio "$pulsed" "$exporter_15s") to node_exporter every 15 s** | |
$([ "$SUBSCRIBERS" -gt 0 ] && echo "| monitor, 1 s sampling, $SUBSCRIBERS SSE subscribers | $(per_minute "$busy") | $(ratio "$busy" "$exporter") | ${p50} ms / ${p99} ms |")
Resident memory (median): monitor $(col 7) MB, node_exporter $(col 8) MB.
RESULT
