#!/usr/bin/env bash
# Segmented encodes (issue 19) against one-pass encodes of the same clip, by the packaged services
# on this machine in this run: wall time from the job's creation to its completion (RUNS runs each,
# alternating), output size, SSIM against the input over every frame and over the frames just
# after each cut (the seams), and the work a kill -9 of the encoder at KILL_AT % costs each: the
# killed job's wall time (the kill, the restart and the rest of the encode) less the median
# uninterrupted one. Then one long file on two nodes: the same clip with a profile that shares its
# chunks, on one encoder node confined to one core (taskset -c 0, as a one-core machine or a
# container's cpuset) and on two nodes on one database confined to a core each (0 and 1), RUNS
# runs each, alternating; the speed-up is the one-node wall time over the two-node one. Each node
# runs under its own governor; the other node's encode, in the idle class, is batch load to it
# (ignoreBatchLoad, on by default), as another machine's would not be seen at all.
#
#   bench/segments.sh          # RUNS=3 SECONDS_OF_VIDEO=240 SIZE=1280x720 CHUNK=60 KILL_AT=70
#   PHASES=nodes bench/segments.sh   # only the two-node speed-up (PHASES="chunks nodes": both)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS="${RUNS:-3}"
LENGTH="${SECONDS_OF_VIDEO:-240}"
SIZE="${SIZE:-1280x720}"
CHUNK="${CHUNK:-60}"
KILL_AT="${KILL_AT:-70}"
SETTLE="${SETTLE:-8}"
PHASES="${PHASES:-chunks nodes}"
phase() { [[ " $PHASES " == *" $1 "* ]]; }

make_clip "$media/clip.mkv" "$LENGTH" "$SIZE"
start_services
# profile NAME SEGMENTED: libx264 CRF 23 medium, audio copied, Matroska; in chunks of $CHUNK s
# from any length, or in one pass.
profile_of() {
  api -X POST "http://localhost:$PORT/api/profiles" \
    -d "{\"name\":\"$1\",\"videoCodec\":\"libx264\",\"quality\":23,\"preset\":\"medium\",\"audioCodec\":\"copy\",\"container\":\"mkv\",\"segmented\":$2,\"segmentSeconds\":$CHUNK,\"segmentAboveSeconds\":0}" | id_of
}
one_pass=$(profile_of "one pass" false)
segmented=$(profile_of "segmented" true)

# ssim FILE: per-frame SSIM (All) against the input, one line per frame, in order. Frames are
# paired by their place, not their times: Matroska keeps milliseconds, and the filter would pair a
# frame shown 1 ms early with the input's frame before it.
ssim() {
  ffmpeg -nostdin -loglevel error -i "$1" -i "$media/clip.mkv" \
    -lavfi "[0:v]setpts=N/(30*TB)[a];[1:v]setpts=N/(30*TB)[b];[a][b]ssim=stats_file=$work/ssim.txt" \
    -f null - >/dev/null
  sed 's/.*All:\([0-9.]*\).*/\1/' "$work/ssim.txt"
}
# mean_near CUTS: the mean of stdin's per-frame values over the frames within 1 s after each cut.
mean_near() {
  awk -v cuts="$1" -v fps=30 'BEGIN { n = split(cuts, c, " ") }
    { t = (NR - 1) / fps; for (i = 1; i <= n; i++) if (t >= c[i] && t < c[i] + 1) { s += $1; k++ } }
    END { printf "%.5f", (k ? s / k : 0) }'
}
mean() { awk '{ s += $1 } END { printf "%.5f", s / NR }'; }

if phase chunks; then
  printf 'run\tone_pass_s\tsegmented_s\n' > "$out/segments-runs.tsv"
  for run in $(seq 1 "$RUNS"); do
    sleep "$SETTLE"
    a=$(job "$media/clip.mkv" "$media/one-pass.mkv" "$one_pass"); wait_completed "$a"
    sleep "$SETTLE"
    b=$(job "$media/clip.mkv" "$media/segmented.mkv" "$segmented"); wait_completed "$b"
    printf '%s\t%s\t%s\n' "$run" "$(job_seconds "$a")" "$(job_seconds "$b")" | tee -a "$out/segments-runs.tsv"
  done
  one=$(tail -n +2 "$out/segments-runs.tsv" | cut -f2 | median)
  seg=$(tail -n +2 "$out/segments-runs.tsv" | cut -f3 | median)
  paired=$(tail -n +2 "$out/segments-runs.tsv" | awk '{ printf "%.3f\n", $3 / $2 }' | median)
  chunks=$(sql "select segment_count from encoding_job where id = $b")
  cuts=$(sql "select string_agg(start_seconds::text, ' ' order by chunk_index) from job_chunk where job_id = $b and chunk_index > 0")

  ssim "$media/one-pass.mkv" > "$work/one.ssim"
  ssim "$media/segmented.mkv" > "$work/seg.ssim"
  one_bytes=$(stat -c %s "$media/one-pass.mkv")
  seg_bytes=$(stat -c %s "$media/segmented.mkv")

  # killed PROFILE OUTPUT: the job's wall time, when the encoder is killed at $KILL_AT % and
  # restarted, in $killed_s (not run in a subshell: the restarted encoder's pid must reach $encoder).
  killed() {
    local id progress
    id=$(job "$media/clip.mkv" "$2" "$1")
    until progress=$(sql "select coalesce(progress_percent, 0) from encoding_job where id = $id");
      awk -v p="$progress" -v k="$KILL_AT" 'BEGIN { exit !(p >= k) }'; do sleep 0.2; done
    kill -9 "$encoder"; wait "$encoder" 2>/dev/null || true
    start_encoder
    wait_completed "$id"
    killed_s=$(job_seconds "$id")
  }
  sleep "$SETTLE"
  killed "$one_pass" "$media/one-pass-killed.mkv"; one_killed=$killed_s
  sleep "$SETTLE"
  killed "$segmented" "$media/segmented-killed.mkv"; seg_killed=$killed_s
  lost() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }

  cat <<RESULT | tee "$out/segments-summary.md"

Medians of $RUNS runs each ($LENGTH s clip at $SIZE, 30 fps, libx264 CRF 23 medium, audio copied, chunks of about $CHUNK s: $chunks, cut at $cuts s; $(nproc) cores, $(date -u +%Y-%m-%d)):
| encode | wall time | ratio | size | ratio | SSIM, every frame | SSIM, 1 s after each cut | killed at $KILL_AT %: wall time | work lost |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| one pass | ${one} s | 1.000 | $one_bytes B | 1.000 | $(mean < "$work/one.ssim") | $(mean_near "$cuts" < "$work/one.ssim") | ${one_killed} s | $(lost "$one_killed" "$one") s |
| in chunks | ${seg} s | $(ratio "$seg" "$one") | $seg_bytes B | $(ratio "$seg_bytes" "$one_bytes") | $(mean < "$work/seg.ssim") | $(mean_near "$cuts" < "$work/seg.ssim") | ${seg_killed} s | $(lost "$seg_killed" "$seg") s |

Median of the per-run ratios (in chunks ÷ the one-pass run just before it): $paired. Work lost =
the killed job's wall time (kill, restart, the rest) less the median uninterrupted one.
RESULT
fi

if phase nodes; then
  shared=$(api -X POST "http://localhost:$PORT/api/profiles" \
    -d "{\"name\":\"shared\",\"videoCodec\":\"libx264\",\"quality\":23,\"preset\":\"medium\",\"audioCodec\":\"copy\",\"container\":\"mkv\",\"segmented\":true,\"segmentSeconds\":$CHUNK,\"segmentAboveSeconds\":0,\"shareChunks\":true}" | id_of)
  stop_second() { [ -n "${second:-}" ] && { kill "$second"; wait "$second" 2>/dev/null || true; second=; }; }
  trap 'stop_second; stop_services' EXIT
  kill "$encoder"; wait "$encoder" 2>/dev/null || true
  ENCODER_CPUS=0 start_encoder
  printf 'run\tone_node_s\ttwo_nodes_s\tchunks_on_b\n' > "$out/segments-nodes-runs.tsv"
  for run in $(seq 1 "$RUNS"); do
    sleep "$SETTLE"
    a=$(job "$media/clip.mkv" "$media/one-node.mkv" "$shared"); wait_completed "$a"
    ENCODER_CPUS=1 encoder_on $((base + 82)) $((base + 1002)) bench-b; second=$!
    sleep "$SETTLE"
    b=$(job "$media/clip.mkv" "$media/two-nodes.mkv" "$shared"); wait_completed "$b"
    stop_second
    printf '%s\t%s\t%s\t%s\n' "$run" "$(job_seconds "$a")" "$(job_seconds "$b")" \
      "$(sql "select count(*) || ' of ' || (select segment_count from encoding_job where id = $b) from job_chunk where job_id = $b and node = 'bench-b'")" \
      | tee -a "$out/segments-nodes-runs.tsv"
  done
  one_node=$(tail -n +2 "$out/segments-nodes-runs.tsv" | cut -f2 | median)
  two_nodes=$(tail -n +2 "$out/segments-nodes-runs.tsv" | cut -f3 | median)
  paired_nodes=$(tail -n +2 "$out/segments-nodes-runs.tsv" | awk '{ printf "%.3f\n", $2 / $3 }' | median)
  ssim "$media/two-nodes.mkv" > "$work/nodes.ssim"

  cat <<RESULT | tee "$out/segments-nodes-summary.md"

One long file on two nodes: medians of $RUNS runs each ($LENGTH s clip at $SIZE, libx264 CRF 23 medium, shared chunks of about $CHUNK s; each node confined to one core of this $(nproc)-core machine; $(date -u +%Y-%m-%d)):
| nodes | wall time | speed-up | chunks on the second node (last run) | SSIM, every frame (last run) |
| --- | --- | --- | --- | --- |
| one (core 0) | ${one_node} s | 1.000 | | |
| two (cores 0 and 1) | ${two_nodes} s | $(ratio "$one_node" "$two_nodes") | $(tail -n 1 "$out/segments-nodes-runs.tsv" | cut -f4) | $(mean < "$work/nodes.ssim") |

Median of the per-run speed-ups (one node ÷ the two-node run just after it): $paired_nodes.
RESULT
fi
