#!/usr/bin/env bash
# Reaction: time from a foreign burner's start (busy loops on every core) to the encode's SIGSTOP,
# and from its end to SIGCONT; the governor (1 s sampling) beside the original product's loop
# (every 5 s: SIGSTOP when total CPU > THRESHOLD, else SIGCONT), TRIALS trials each, p50 and p95.
# The governor's times come from the job's timeline (THROTTLED and RESUMED are written right after
# the signal); the loop's from its own log.
#
#   bench/governor-reaction.sh      # TRIALS=8
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

TRIALS="${TRIALS:-8}"
# The default threshold. Before others' waiting counted as demand, two busy loops beside our nice-10
# encode on 2 cores read as 85-90 % foreign CPU and never crossed 90 (THRESHOLD=85 was needed).
THRESHOLD="${THRESHOLD:-90}"
make_clip "$media/clip.mkv" 120 1280x720
start_services
burners=()
stop_burners() { for b in "${burners[@]}"; do kill "$b" 2>/dev/null || true; done; burners=(); }
trap 'stop_burners; stop_services' EXIT

burn() { for _ in $(seq 1 "$(nproc)"); do sh -c 'while :; do :; done' & burners+=($!); done; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
x264_args "$media/clip.mkv" veryslow

: > "$out/governor-reaction-runs.tsv"
printf 'who\ttrial\tto_pause_s\tto_resume_s\n' >> "$out/governor-reaction-runs.tsv"

# The governor, at the same CPU threshold as the loop.
settings=$(api "http://localhost:$PORT/api/settings/resources" | sed "s/\"cpuThreshold\":[0-9]*/\"cpuThreshold\":$THRESHOLD/")
api -X PUT "http://localhost:$PORT/api/settings/resources" -d "$settings" > /dev/null
profile=$(profile "slow x264" veryslow)
id=$(job "$media/clip.mkv" "$media/governed.mkv" "$profile")
until [ "$(sql "select count(*) from job_event where job_id = $id and type = 'STARTED'")" = 1 ]; do sleep 0.5; done
for trial in $(seq 1 "$TRIALS"); do
  sleep 12
  paused_before=$(sql "select count(*) from job_event where job_id = $id and type = 'THROTTLED'")
  start=$(now); burn
  until [ "$(sql "select count(*) from job_event where job_id = $id and type = 'THROTTLED'")" -gt "$paused_before" ]; do sleep 0.2; done
  paused_at=$(sql "select extract(epoch from max(at)) from job_event where job_id = $id and type = 'THROTTLED'")
  resumed_before=$(sql "select count(*) from job_event where job_id = $id and type = 'RESUMED'")
  end=$(now); stop_burners
  until [ "$(sql "select count(*) from job_event where job_id = $id and type = 'RESUMED'")" -gt "$resumed_before" ]; do sleep 0.2; done
  resumed_at=$(sql "select extract(epoch from max(at)) from job_event where job_id = $id and type = 'RESUMED'")
  printf 'governor\t%s\t%s\t%s\n' "$trial" "$(since "$paused_at" "$start")" "$(since "$resumed_at" "$end")" | tee -a "$out/governor-reaction-runs.tsv"
done
api -X POST "http://localhost:$PORT/api/jobs/$id/cancel" > /dev/null

# The original loop, logging the time of each SIGSTOP and SIGCONT.
nice -n 10 ffmpeg "${x264[@]}" "$media/original.mkv" > /dev/null &
encode=$!
(
  before=$(busy_total); stopped=0
  while kill -0 "$encode" 2>/dev/null; do
    sleep 5
    after=$(busy_total)
    percent=$(awk -v a="$after" -v b="$before" 'BEGIN { split(a, x, " "); split(b, y, " "); all = x[1] - y[1]; idle = x[2] - y[2]; printf "%d", (all > 0 ? 100 * (all - idle) / all : 0) }')
    before=$after
    if [ "$percent" -gt "$THRESHOLD" ] && [ "$stopped" = 0 ]; then kill -STOP "$encode"; stopped=1; echo "STOP $(now)"
    elif [ "$percent" -le "$THRESHOLD" ] && [ "$stopped" = 1 ]; then kill -CONT "$encode"; stopped=0; echo "CONT $(now)"; fi
  done
) > "$work/loop.log" &
loop=$!
for trial in $(seq 1 "$TRIALS"); do
  sleep 12
  start=$(now); burn
  if [ "$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$encode/stat")" = T ]; then
    # Already stopped by its own load when the burner came: it needed no reaction.
    stopped_at=$start
  else
    until awk -v t="$start" '$1 == "STOP" && $2 > t { found = 1 } END { exit !found }' "$work/loop.log"; do sleep 0.2; done
    stopped_at=$(awk -v t="$start" '$1 == "STOP" && $2 > t { print $2; exit }' "$work/loop.log")
  fi
  end=$(now); stop_burners
  until awk -v t="$end" '$1 == "CONT" && $2 > t { found = 1 } END { exit !found }' "$work/loop.log"; do sleep 0.2; done
  cont_at=$(awk -v t="$end" '$1 == "CONT" && $2 > t { print $2; exit }' "$work/loop.log")
  printf 'original\t%s\t%s\t%s\n' "$trial" "$(since "$stopped_at" "$start")" "$(since "$cont_at" "$end")" | tee -a "$out/governor-reaction-runs.tsv"
done
kill -CONT "$encode" 2>/dev/null || true; kill "$encode" "$loop" 2>/dev/null || true; wait "$encode" "$loop" 2>/dev/null || true

pct() { # who column p
  awk -F'\t' -v w="$1" -v c="$2" '$1 == w { print $c }' "$out/governor-reaction-runs.tsv" | sort -g \
    | awk -v p="$3" '{ v[NR] = $1 } END { i = int(p * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}
cat <<RESULT | tee "$out/governor-reaction-summary.md"

$TRIALS trials each, CPU threshold $THRESHOLD, $(nproc) cores, $(date -u +%Y-%m-%d) (seconds; p95 of $TRIALS trials is their largest):
| loop | to pause p50 | to pause p95 | to resume p50 | to resume p95 |
| --- | --- | --- | --- | --- |
| governor, 1 s sampling | $(pct governor 3 0.5) | $(pct governor 3 0.95) | $(pct governor 4 0.5) | $(pct governor 4 0.95) |
| original loop, every 5 s | $(pct original 3 0.5) | $(pct original 3 0.95) | $(pct original 4 0.5) | $(pct original 4 0.95) |
RESULT
