#!/usr/bin/env bash
# Many live streams at once on loopback: MONITOR_SUBSCRIBERS (1,000) on the monitor's snapshot
# stream and ENCODER_SUBSCRIBERS (200) on the encoder's /api/events, for DURATION seconds (300). Reports the
# delivery lag of each snapshot (p50, p99), streams that failed or ended, and each service's heap
# after a full GC when the streams are open and again at the end (growth = end / start - 1).
#
#   bench/sse-load.sh          # MONITOR_SUBSCRIBERS=1000 ENCODER_SUBSCRIBERS=200 DURATION=300
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

MONITOR_SUBSCRIBERS="${MONITOR_SUBSCRIBERS:-1000}"
ENCODER_SUBSCRIBERS="${ENCODER_SUBSCRIBERS:-200}"
DURATION="${DURATION:-300}"

# heap PID: used heap in KiB after a full collection.
heap() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K,?", "", $(i + 1)); print $(i + 1); exit } }'
}

start_services
java bench/SseLoad.java "http://localhost:$MONITOR_PORT/api/resources/stream" "optimizarr:bench-monitor" \
  "$MONITOR_SUBSCRIBERS" "$DURATION" > "$work/monitor-sse.txt" &
monitor_load=$!
java bench/SseLoad.java "http://localhost:$PORT/api/events" "admin:$PASSWORD" \
  "$ENCODER_SUBSCRIBERS" "$DURATION" > "$work/encoder-sse.txt" &
encoder_load=$!
sleep 60 # every stream open (each of the encoder's checks a bcrypt password)
monitor_start=$(heap "$monitor")
encoder_start=$(heap "$encoder")
wait "$monitor_load" "$encoder_load"
monitor_end=$(heap "$monitor")
encoder_end=$(heap "$encoder")
growth() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", 100 * (b / a - 1) }'; }
{
  printf 'service\tstreams\theap_start_KiB\theap_end_KiB\tgrowth\n'
  printf 'monitor\t%s\t%s\t%s\t%s\n' "$(cat "$work/monitor-sse.txt")" "$monitor_start" "$monitor_end" "$(growth "$monitor_start" "$monitor_end")"
  printf 'encoder\t%s\t%s\t%s\t%s\n' "$(cat "$work/encoder-sse.txt")" "$encoder_start" "$encoder_end" "$(growth "$encoder_start" "$encoder_end")"
} | tee "$out/sse-load.tsv"
