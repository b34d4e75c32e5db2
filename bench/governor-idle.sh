#!/usr/bin/env bash
# Governor on an idle machine, beside the original product's loop and bare ffmpeg, RUNS runs each,
# alternating, on this machine in this run: a 60 s 720p clip, libx264 medium, CPU threshold 90.
# The original loop (reproduced here): every 5 s, SIGSTOP the encode when total CPU > threshold,
# else SIGCONT. The governed encode is timed from job creation to completion in the database.
#
#   bench/governor-idle.sh          # RUNS=3 SECONDS_OF_VIDEO=60 SIZE=1280x720 SETTLE=8
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
LENGTH="${SECONDS_OF_VIDEO:-60}"
SIZE="${SIZE:-1280x720}"
SETTLE="${SETTLE:-8}"
THRESHOLD=90
PORT=18080
MANAGEMENT=19000
DB=optimizarr_bench
PASSWORD=bench-admin-secret
out=bench/results
work=$(mktemp -d)
media="$work/media"
mkdir -p "$out" "$media"

[ -f encoder-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h localhost -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=$SIZE:rate=30:duration=$LENGTH" \
  -f lavfi -i "sine=frequency=440:duration=$LENGTH" -c:v libx264 -preset ultrafast -c:a aac "$media/clip.mkv"

QUARKUS_HTTP_PORT=18081 QUARKUS_MANAGEMENT_PORT=19001 OPTIMIZARR_MONITOR_PASSWORD=bench-monitor \
  java -jar monitor-service/target/quarkus-app/quarkus-run.jar > "$out/monitor-bench.log" 2>&1 &
monitor=$!
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT OPTIMIZARR_DB_NAME=$DB \
  OPTIMIZARR_ADMIN_PASSWORD=$PASSWORD OPTIMIZARR_MEDIA_ROOTS="$media" OPTIMIZARR_NODE_NAME=bench \
  OPTIMIZARR_MONITOR_URL=http://localhost:18081 OPTIMIZARR_MONITOR_PASSWORD=bench-monitor \
  java -jar encoder-service/target/quarkus-app/quarkus-run.jar > "$out/encoder-bench.log" 2>&1 &
encoder=$!
trap 'kill $encoder $monitor 2>/dev/null; wait $encoder $monitor 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs "http://localhost:$MANAGEMENT/q/health/ready" >/dev/null; do sleep 0.5; done
until curl -fs "http://localhost:19001/q/health/ready" >/dev/null; do sleep 0.5; done

api() { curl -fs -u "admin:$PASSWORD" -H 'Content-Type: application/json' "$@"; }
profile=$(api -X POST "http://localhost:$PORT/api/profiles" -d '{"name":"bench x264","videoCodec":"libx264","quality":23,"preset":"medium","audioCodec":"copy","container":"mkv"}' | sed 's/.*"id":\([0-9]*\).*/\1/')
now() { date +%s.%N; }
sql() { psql -h localhost -U postgres -d "$DB" -Atqc "$1"; }
ffmpeg_args=(-hide_banner -nostdin -nostats -loglevel warning -y -i "$media/clip.mkv" -map 0:V -map '0:a?'
  -map '0:s?' -c:s copy -c:v libx264 -crf 23 -preset medium -c:a copy -progress pipe:1 -f matroska)
busy_total() { awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat; }

# The original product's loop: every 5 s, judge total CPU over the last 5 s.
original_loop() { # pid -> prints "pauses paused_seconds"
  local pid=$1 pauses=0 paused=0 stopped=0 before after all idle percent
  before=$(busy_total)
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    after=$(busy_total)
    read -r all idle <<< "$(awk -v a="$after" -v b="$before" 'BEGIN { split(a, x, " "); split(b, y, " "); print x[1] - y[1], x[2] - y[2] }')"
    before=$after
    percent=$(awk -v a="$all" -v i="$idle" 'BEGIN { printf "%d", (a > 0 ? 100 * (a - i) / a : 0) }')
    [ "$stopped" = 1 ] && paused=$((paused + 5))
    if [ "$percent" -gt "$THRESHOLD" ] && [ "$stopped" = 0 ]; then
      kill -STOP "$pid" 2>/dev/null || true; stopped=1; pauses=$((pauses + 1))
    elif [ "$percent" -le "$THRESHOLD" ] && [ "$stopped" = 1 ]; then
      kill -CONT "$pid" 2>/dev/null || true; stopped=0
    fi
  done
  echo "$pauses $paused"
}

printf 'run\tbare_s\toriginal_s\toriginal_pauses\toriginal_paused_s\tgoverned_s\tgoverned_pauses\tgoverned_paused_s\n' > "$out/governor-idle-runs.tsv"
for run in $(seq 1 "$RUNS"); do
  sleep "$SETTLE"
  start=$(now)
  ffmpeg "${ffmpeg_args[@]}" "$media/bare.mkv" > /dev/null
  bare=$(awk -v a="$(now)" -v b="$start" 'BEGIN { printf "%.3f", a - b }')

  sleep "$SETTLE"
  start=$(now)
  nice -n 10 ffmpeg "${ffmpeg_args[@]}" "$media/original.mkv" > /dev/null &
  encode=$!
  original_loop "$encode" > "$work/loop.txt" &
  loop=$!
  wait "$encode" || true
  original=$(awk -v a="$(now)" -v b="$start" 'BEGIN { printf "%.3f", a - b }')
  wait "$loop" || true
  read -r o_pauses o_paused < "$work/loop.txt"

  sleep "$SETTLE"
  id=$(api -X POST "http://localhost:$PORT/api/jobs" \
    -d "{\"inputPath\":\"$media/clip.mkv\",\"outputPath\":\"$media/governed.mkv\",\"profileId\":$profile,\"overwrite\":true}" \
    | sed 's/.*"id":\([0-9]*\).*/\1/')
  until [ "$(sql "select status from encoding_job where id = $id")" = COMPLETED ]; do sleep 1; done
  governed=$(sql "select round(extract(epoch from finished_at - created_at)::numeric, 3) from encoding_job where id = $id")
  g_pauses=$(sql "select count(*) from job_event where job_id = $id and type = 'THROTTLED'")
  g_paused=$(sql "select round(paused_seconds::numeric, 1) from encoding_job where id = $id")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$bare" "$original" "$o_pauses" "$o_paused" "$governed" "$g_pauses" "$g_paused" | tee -a "$out/governor-idle-runs.tsv"
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { tail -n +2 "$out/governor-idle-runs.tsv" | cut -f "$1" | median; }
bare=$(col 2); original=$(col 3); governed=$(col 6)
cat <<RESULT | tee "$out/governor-idle-summary.md"

Medians of $RUNS runs each ($LENGTH s clip at $SIZE, libx264 CRF 23 medium, threshold $THRESHOLD, idle machine, $(nproc) cores, $(date -u +%Y-%m-%d)):
| encode | wall time | ratio to bare | pauses | seconds paused |
| --- | --- | --- | --- | --- |
| ffmpeg run bare | ${bare} s | 1.000 | | |
| original loop (total CPU every 5 s) | ${original} s | $(awk -v a="$original" -v b="$bare" 'BEGIN { printf "%.3f", a / b }') | $(col 4) | $(col 5) |
| governed (foreign CPU, hysteresis) | ${governed} s | $(awk -v a="$governed" -v b="$bare" 'BEGIN { printf "%.3f", a / b }') | $(col 7) | $(col 8) |
RESULT
