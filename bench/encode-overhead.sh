#!/usr/bin/env bash
# Managed encode vs the same ffmpeg command run bare: wall time, RUNS runs each, alternating, on
# this machine in this run. Managed = from the job's creation to its completion as recorded in the
# database: queue pick-up, ffprobe of the input, ffmpeg, ffprobe of the output and the rename, with
# the monitor and the governor running. Bare runs have the monitor and encoder idle beside them.
#
#   bench/encode-overhead.sh              # RUNS=5 SECONDS_OF_VIDEO=60 SIZE=1280x720
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
LENGTH="${SECONDS_OF_VIDEO:-60}"
SIZE="${SIZE:-1280x720}"
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

# The product as it runs: the monitor beside the encoder, the governor following it.
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

# After a bare run the governor rightly sees a foreign program at full CPU and holds the queue
# until resumeAfterSamples cool samples have passed; each run starts on a settled machine.
SETTLE="${SETTLE:-8}"
printf 'run\tbare_s\tmanaged_s\n' > "$out/encode-runs.tsv"
for run in $(seq 1 "$RUNS"); do
  sleep "$SETTLE"
  # The arguments the supervisor gives ffmpeg for this profile (EncodeSettings.arguments).
  start=$(now)
  ffmpeg -hide_banner -nostdin -nostats -loglevel warning -y -i "$media/clip.mkv" -map 0:V -map '0:a?' \
    -map '0:s?' -c:s copy -c:v libx264 -crf 23 -preset medium -c:a copy -progress pipe:1 \
    -f matroska "$media/bare.mkv" > /dev/null
  bare=$(awk -v a="$(now)" -v b="$start" 'BEGIN { printf "%.3f", a - b }')
  sleep "$SETTLE"

  id=$(api -X POST "http://localhost:$PORT/api/jobs" \
    -d "{\"inputPath\":\"$media/clip.mkv\",\"outputPath\":\"$media/managed.mkv\",\"profileId\":$profile,\"overwrite\":true}" \
    | sed 's/.*"id":\([0-9]*\).*/\1/')
  until [ "$(sql "select status from encoding_job where id = $id")" = COMPLETED ]; do
    [ "$(sql "select status from encoding_job where id = $id")" = FAILED ] && { echo "job $id failed" >&2; exit 1; }
    sleep 1 # the times come from the database: polling slowly only keeps the poller out of the way
  done
  managed=$(sql "select round(extract(epoch from finished_at - created_at)::numeric, 3) from encoding_job where id = $id")
  printf '%s\t%s\t%s\n' "$run" "$bare" "$managed" | tee -a "$out/encode-runs.tsv"
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bare=$(tail -n +2 "$out/encode-runs.tsv" | cut -f2 | median)
managed=$(tail -n +2 "$out/encode-runs.tsv" | cut -f3 | median)
cat <<RESULT | tee "$out/encode-summary.md"

Medians of $RUNS runs each ($LENGTH s clip at $SIZE, libx264 CRF 23 medium, audio copied, $(nproc) cores, $(date -u +%Y-%m-%d)):
| encode | wall time | ratio |
| --- | --- | --- |
| ffmpeg run bare | ${bare} s | 1.000 |
| managed by Optimizarr (job created → completed) | ${managed} s | $(awk -v a="$managed" -v b="$bare" 'BEGIN { printf "%.3f", a / b }') |
RESULT
