#!/usr/bin/env bash
# Governor on an idle machine, beside the original product's loop and bare ffmpeg, RUNS runs each,
# alternating, on this machine in this run: a 60 s 720p clip, libx264 medium, CPU threshold 90.
# The original loop (reproduced here): every 5 s, SIGSTOP the encode when total CPU > threshold,
# else SIGCONT. The governed encode is timed from job creation to completion in the database.
#
#   bench/governor-idle.sh          # RUNS=3 SECONDS_OF_VIDEO=60 SIZE=1280x720 SETTLE=8
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS="${RUNS:-3}"
LENGTH="${SECONDS_OF_VIDEO:-60}"
SIZE="${SIZE:-1280x720}"
SETTLE="${SETTLE:-8}"
THRESHOLD=90

bare_and_managed_x264 "$LENGTH" "$SIZE"

printf 'run\tbare_s\toriginal_s\toriginal_pauses\toriginal_paused_s\tgoverned_s\tgoverned_pauses\tgoverned_paused_s\n' > "$out/governor-idle-runs.tsv"
for run in $(seq 1 "$RUNS"); do
  sleep "$SETTLE"
  bare=$(bare_x264 "$media/bare.mkv")

  sleep "$SETTLE"
  start=$(now)
  nice -n 10 ffmpeg "${x264[@]}" "$media/original.mkv" > /dev/null &
  encode=$!
  original_loop "$encode" > "$work/loop.txt" &
  loop=$!
  wait "$encode" || true
  original=$(since "$start")
  wait "$loop" || true
  read -r o_pauses o_paused < "$work/loop.txt"

  sleep "$SETTLE"
  id=$(job "$media/clip.mkv" "$media/governed.mkv" "$profile")
  wait_completed "$id"
  governed=$(job_seconds "$id")
  g_pauses=$(sql "select count(*) from job_event where job_id = $id and type = 'THROTTLED'")
  g_paused=$(sql "select round(paused_seconds::numeric, 1) from encoding_job where id = $id")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$bare" "$original" "$o_pauses" "$o_paused" "$governed" "$g_pauses" "$g_paused" | tee -a "$out/governor-idle-runs.tsv"
done

col() { tail -n +2 "$out/governor-idle-runs.tsv" | cut -f "$1" | median; }
bare=$(col 2); original=$(col 3); governed=$(col 6)
cat <<RESULT | tee "$out/governor-idle-summary.md"

Medians of $RUNS runs each ($LENGTH s clip at $SIZE, libx264 CRF 23 medium, threshold $THRESHOLD, idle machine, $(nproc) cores, $(date -u +%Y-%m-%d)):
| encode | wall time | ratio to bare | pauses | seconds paused |
| --- | --- | --- | --- | --- |
| ffmpeg run bare | ${bare} s | 1.000 | | |
| original loop (total CPU every 5 s) | ${original} s | $(ratio "$original" "$bare") | $(col 4) | $(col 5) |
| governed (foreign CPU, hysteresis) | ${governed} s | $(ratio "$governed" "$bare") | $(col 7) | $(col 8) |
RESULT
