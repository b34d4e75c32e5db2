#!/usr/bin/env bash
# Replace mode vs beside mode on the same clip: wall time of each job from its creation to its
# completion as the database records them, RUNS runs each, alternating, on this machine in this run
# (beside is the baseline). Replace mode does the same encode and checks plus the thorough check (a
# decode of the whole output, on by default when a job replaces its input), then its journaled steps:
# the new file synced with its folder and given the original's attributes, the swap into the
# input's place, the original moved to the recycle folder, each step written to the database first
# and each folder synced after. Also: how long those steps take (the job's REPLACING entry to its
# COMPLETED one), and what the thorough check's decode of the output costs run bare, beside the
# encode (the job's STARTED entry to its end, beside mode).
#
#   bench/replace.sh              # RUNS=5 SECONDS_OF_VIDEO=20 SIZE=1280x720 SETTLE=3 THROTTLE=no
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS="${RUNS:-5}"
LENGTH="${SECONDS_OF_VIDEO:-20}"
SIZE="${SIZE:-1280x720}"
SETTLE="${SETTLE:-3}"

# mode_profile NAME MODE: a libx264 CRF 23 medium profile (as profile in lib.sh) in MODE; its id.
mode_profile() {
  api -X POST "http://localhost:$PORT/api/profiles" \
    -d "{\"name\":\"$1\",\"videoCodec\":\"libx264\",\"quality\":23,\"preset\":\"medium\",\"audioCodec\":\"copy\",\"container\":\"mkv\",\"outputMode\":\"$2\"}" | id_of
}

# between ID FROM TO: seconds from the job's FROM timeline entry to its TO entry.
between() {
  sql "select round(extract(epoch from max(at) filter (where type = '$3')
         - max(at) filter (where type = '$2'))::numeric, 3) from job_event where job_id = $1"
}

# encode_seconds ID: from ffmpeg's start to the job's end (ffmpeg, the output's checks, the move).
encode_seconds() {
  sql "select round(extract(epoch from finished_at - (select max(at) from job_event
         where job_id = $1 and type = 'STARTED'))::numeric, 3) from encoding_job where id = $1"
}

make_clip "$work/clip.mkv" "$LENGTH" "$SIZE"
start_services
# What is measured is the replace's cost, not the governor: with other programs busy on the machine
# it would pause one job and not the other. THROTTLE=yes keeps it on.
[ "${THROTTLE:-no}" = yes ] || sql "UPDATE resource_settings SET enable_throttling = FALSE" >/dev/null
beside=$(mode_profile "bench beside" beside)
replace=$(mode_profile "bench replace" replace)

printf 'run\tbeside_s\treplace_s\treplace_steps_s\tbeside_encode_s\tdecode_s\n' > "$out/replace-runs.tsv"
for run in $(seq 1 "$RUNS"); do
  cp "$work/clip.mkv" "$media/beside-$run.mkv"
  cp "$work/clip.mkv" "$media/replace-$run.mkv"
  sleep "$SETTLE"
  id=$(api -X POST "http://localhost:$PORT/api/jobs" \
    -d "{\"inputPath\":\"$media/beside-$run.mkv\",\"outputPath\":\"$media/beside-$run.out.mkv\",\"profileId\":$beside}" | id_of)
  wait_completed "$id"
  b=$(job_seconds "$id")
  encode=$(encode_seconds "$id")
  sleep "$SETTLE"
  id=$(api -X POST "http://localhost:$PORT/api/jobs" \
    -d "{\"inputPath\":\"$media/replace-$run.mkv\",\"profileId\":$replace}" | id_of)
  wait_completed "$id"
  r=$(job_seconds "$id")
  steps=$(between "$id" REPLACING COMPLETED)
  # The thorough check's decode of the output (its arguments: supervisor/ThoroughCheck), run bare.
  start=$(now)
  ffmpeg -nostdin -v error -xerror -i "$media/replace-$run.mkv" -map 0:V? -map 0:a? -f null -
  decode=$(since "$start")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$b" "$r" "$steps" "$encode" "$decode" | tee -a "$out/replace-runs.tsv"
done

col() { tail -n +2 "$out/replace-runs.tsv" | cut -f"$1" | median; }
b=$(col 2); r=$(col 3); steps=$(col 4); encode=$(col 5); decode=$(col 6)
cat <<RESULT | tee "$out/replace-summary.md"

Medians of $RUNS runs each ($LENGTH s clip at $SIZE, libx264 CRF 23 medium, audio copied, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end, throttling ${THROTTLE:-no}, $(date -u +%Y-%m-%d)):
| job | wall time | ratio |
| --- | --- | --- |
| beside mode (job created → completed; baseline) | ${b} s | 1.000 |
| replace mode (job created → completed) | ${r} s | $(ratio "$r" "$b") |
| the replace's steps alone (REPLACING → COMPLETED) | ${steps} s | $(ratio "$steps" "$b") |
| the thorough check's decode of the output, run bare, vs the encode (STARTED → end, beside) | ${decode} s vs ${encode} s | $(ratio "$decode" "$encode") |
RESULT
