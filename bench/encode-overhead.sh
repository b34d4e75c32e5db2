#!/usr/bin/env bash
# Managed encode vs the same ffmpeg command run bare: wall time, RUNS runs each, alternating, on
# this machine in this run. Managed = from the job's creation to its completion as recorded in the
# database: queue pick-up, ffprobe of the input, ffmpeg, ffprobe of the output and the rename, with
# the monitor and the governor running. Bare runs have the monitor and encoder idle beside them.
#
#   bench/encode-overhead.sh              # RUNS=5 SECONDS_OF_VIDEO=60 SIZE=1280x720 SETTLE=8
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS="${RUNS:-5}"
LENGTH="${SECONDS_OF_VIDEO:-60}"
SIZE="${SIZE:-1280x720}"
# After a bare run the governor rightly sees a foreign program at full CPU and holds the queue
# until resumeAfterSamples cool samples have passed; each run starts on a settled machine.
SETTLE="${SETTLE:-8}"

bare_and_managed_x264 "$LENGTH" "$SIZE"

printf 'run\tbare_s\tmanaged_s\n' > "$out/encode-runs.tsv"
for run in $(seq 1 "$RUNS"); do
  sleep "$SETTLE"
  bare=$(bare_x264 "$media/bare.mkv")
  sleep "$SETTLE"

  id=$(job "$media/clip.mkv" "$media/managed.mkv" "$profile")
  wait_completed "$id"
  managed=$(job_seconds "$id")
  printf '%s\t%s\t%s\n' "$run" "$bare" "$managed" | tee -a "$out/encode-runs.tsv"
done

bare=$(tail -n +2 "$out/encode-runs.tsv" | cut -f2 | median)
managed=$(tail -n +2 "$out/encode-runs.tsv" | cut -f3 | median)
# Each pair ran back to back on the same machine: the median of their ratios is less moved by a
# slow minute than the ratio of the medians, which may take its two figures from different pairs.
paired=$(tail -n +2 "$out/encode-runs.tsv" | awk '{ printf "%.3f\n", $3 / $2 }' | median)
cat <<RESULT | tee "$out/encode-summary.md"

Medians of $RUNS runs each ($LENGTH s clip at $SIZE, libx264 CRF 23 medium, audio copied, $(nproc) cores, $(date -u +%Y-%m-%d)):
| encode | wall time | ratio |
| --- | --- | --- |
| ffmpeg run bare | ${bare} s | 1.000 |
| managed by Optimizarr (job created → completed) | ${managed} s | $(ratio "$managed" "$bare") |

Median of the per-run ratios (managed ÷ the bare run just before it): $paired
RESULT
