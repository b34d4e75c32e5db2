#!/usr/bin/env bash
# Foreground protection: a multi-threaded foreground that wants every core (a second ffmpeg, x264
# veryfast at 1080p, standing in for a media server's live transcode; about 30 s alone here) timed
# alone and beside a long background encode (720p, libx264 medium) run five ways: unmanaged (nice
# 0), at nice 10 with no governor, under the original product's loop (every 5 s, SIGSTOP when total
# CPU > 90 %), governed with the Balanced preset, and governed with Balanced but without counting
# others' waiting for a core (OPTIMIZARR_GOVERNOR_COUNT_WAITING=false). RUNS runs each, medians.
#
#   bench/foreground-protection.sh  # RUNS=3 FG_SECONDS=90 SETTLE=8
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS="${RUNS:-3}"
FG_SECONDS="${FG_SECONDS:-90}"
SETTLE="${SETTLE:-8}"
THRESHOLD=90

make_clip "$media/background.mkv" 600 1280x720
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$FG_SECONDS" \
  -c:v libx264 -preset ultrafast "$media/foreground.mkv"
start_services
x264_args "$media/background.mkv" medium
profile=$(profile "background x264" medium)
# Balanced: CPU 85, memory 80, GPU 85, nice 10 (GET /api/settings/resources/presets).
settings=$(api "http://localhost:$PORT/api/settings/resources" \
  | sed -e 's/"cpuThreshold":[0-9]*/"cpuThreshold":85/' -e 's/"memoryThreshold":[0-9]*/"memoryThreshold":80/' \
        -e 's/"gpuThreshold":[0-9]*/"gpuThreshold":85/' -e 's/"niceLevel":[0-9]*/"niceLevel":10/' \
        -e 's/"enableThrottling":false/"enableThrottling":true/')
api -X PUT "http://localhost:$PORT/api/settings/resources" -d "$settings" > /dev/null

foreground() { # prints its wall time
  local start; start=$(now)
  ffmpeg -nostdin -loglevel error -i "$media/foreground.mkv" -c:v libx264 -preset veryfast -crf 23 -f null -
  since "$start"
}

beside_ffmpeg() { # NICE [loop]: the foreground beside a bare background encode
  nice -n "$1" ffmpeg "${x264[@]}" "$work/bg.mkv" > /dev/null &
  local encode=$! loop=
  [ "${2:-}" = loop ] && { original_loop "$encode" > /dev/null & loop=$!; }
  sleep 3
  foreground
  kill -CONT "$encode" 2>/dev/null || true; kill "$encode" 2>/dev/null || true
  wait "$encode" 2>/dev/null || true
  if [ -n "$loop" ]; then wait "$loop" 2>/dev/null || true; fi
}

beside_governed() { # the foreground beside a queued job, once it is encoding
  local id; id=$(job "$media/background.mkv" "$media/governed.mkv" "$profile")
  until [ "$(sql "select progress_percent > 0 from encoding_job where id = $id")" = t ]; do sleep 0.5; done
  sleep 3
  foreground
  api -X POST "http://localhost:$PORT/api/jobs/$id/cancel" > /dev/null
  until [ "$(sql "select status from encoding_job where id = $id")" = CANCELLED ]; do sleep 0.5; done
}

runs="$out/foreground-protection-runs.tsv"
printf 'run\talone_s\tnice0_s\tnice10_s\toriginal_s\tgoverned_s\tgoverned_nowait_s\n' > "$runs"
declare -A results
for run in $(seq 1 "$RUNS"); do
  sleep "$SETTLE"; alone=$(foreground)
  sleep "$SETTLE"; nice0=$(beside_ffmpeg 0)
  sleep "$SETTLE"; nice10=$(beside_ffmpeg 10)
  sleep "$SETTLE"; original=$(beside_ffmpeg 10 loop)
  sleep "$SETTLE"; governed=$(beside_governed)
  results[$run]="$run	$alone	$nice0	$nice10	$original	$governed"
done
# Without counting waiting: the same governor, the encoder restarted with the switch off.
restart_encoder OPTIMIZARR_GOVERNOR_COUNT_WAITING=false
for run in $(seq 1 "$RUNS"); do
  sleep "$SETTLE"; nowait=$(beside_governed)
  printf '%s\t%s\n' "${results[$run]}" "$nowait" | tee -a "$runs"
done

col() { tail -n +2 "$runs" | cut -f "$1" | median; }
alone=$(col 2)
row() { printf '| %s | %s s | %s |\n' "$1" "$(col "$2")" "$(ratio "$(col "$2")" "$alone")"; }
{
  echo
  echo "Medians of $RUNS runs ($FG_SECONDS s 1080p foreground, libx264 veryfast, every core; background 720p libx264 medium; $(nproc) cores, $(date -u +%Y-%m-%d)):"
  echo "| foreground | wall time | ratio to alone |"
  echo "| --- | --- | --- |"
  row "alone" 2
  row "beside an unmanaged encode (nice 0)" 3
  row "beside an encode at nice 10, no governor" 4
  row "beside the original loop (total CPU > 90 % every 5 s)" 5
  row "beside the governed encode (Balanced)" 6
  row "beside the governed encode (Balanced, waiting not counted)" 7
} | tee "$out/foreground-protection-summary.md"
