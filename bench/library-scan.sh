#!/usr/bin/env bash
# A library scan of FILES videos (copies of one short clip in nested folders, plus one text file
# in every folder): the first scan, which probes every video and queues it, against ffprobe run by
# itself on the same files with the same arguments (the floor: a scan is mostly ffprobe); then a
# second scan of the unchanged folder, which must queue nothing and probe nothing. RUNS runs, each
# from an empty queue; medians and the ratio to the bare ffprobe loop.
#
#   bench/library-scan.sh          # FILES=300 RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

FILES="${FILES:-300}"
RUNS="${RUNS:-3}"

library="$media/library"
make_clip "$work/clip.mkv" 2 320x240
for i in $(seq 1 "$FILES"); do
  folder="$library/show-$((i % 20))/season-$((i % 3))"
  mkdir -p "$folder"
  cp "$work/clip.mkv" "$folder/episode-$i.mkv"
  [ -f "$folder/notes.txt" ] || echo "not a video" > "$folder/notes.txt"
done
start_services
api -X PUT "http://localhost:$PORT/api/settings/resources" \
  -d '{"cpuThreshold":90,"memoryThreshold":95,"gpuThreshold":90,"niceLevel":10,"cpuAffinity":"","enableThrottling":true,"resumeMargin":10,"pauseAfterSamples":3,"resumeAfterSamples":5,"cpuTemperatureLimit":95,"gpuTemperatureLimit":90,"onMonitorLost":"PAUSE","staleAfterSeconds":10,"maxConcurrentJobs":0,"priorityMode":"IDLE"}' > /dev/null
profile=$(profile "library x264" medium)

# scan_seconds ID: asks for a scan of folder ID (none: adds the library), waits for its end and
# prints its length as the database recorded it (polling only once a second: a poll is a psql,
# whose start costs CPU the scan would otherwise have).
scan_seconds() {
  local id=$1 state
  if [ -z "$id" ]; then
    id=$(api -X POST "http://localhost:$PORT/api/library" \
      -d "{\"path\":\"$library\",\"profileId\":$profile,\"settleSeconds\":0}" | id_of)
  else
    api -X POST "http://localhost:$PORT/api/library/$id/scan" > /dev/null
  fi
  until state=$(sql "select scan_state from library_folder where id = $id"); [ "$state" != SCANNING ]; do
    sleep 1
  done
  [ "$state" = DONE ] || { echo "scan $id ended $state" >&2; exit 1; }
  sql "select round(extract(epoch from scan_finished_at - scan_started_at)::numeric, 2), id
       from library_folder where id = $id" | tr '|' ' '

}

printf 'run\tffprobe_alone_s\tfirst_scan_s\tqueued\trescan_s\trequeued\n' > "$out/library-scan-runs.tsv"
for run in $(seq 1 "$RUNS"); do
  sql "truncate job_event, encoding_job restart identity cascade; delete from library_folder" > /dev/null
  start=$(now)
  find "$library" -name '*.mkv' -print0 | while IFS= read -r -d '' f; do
    ffprobe -v error -print_format json -show_entries format=duration:stream=codec_name,codec_type \
      "$f" > /dev/null
  done
  alone=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  read -r first id <<< "$(scan_seconds "")"
  queued=$(sql "select count(*) from encoding_job")
  read -r again _ <<< "$(scan_seconds "$id")"
  requeued=$(( $(sql "select count(*) from encoding_job") - queued ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$alone" "$first" "$queued" "$again" "$requeued" \
    | tee -a "$out/library-scan-runs.tsv"
done

alone=$(tail -n +2 "$out/library-scan-runs.tsv" | cut -f2 | median)
first=$(tail -n +2 "$out/library-scan-runs.tsv" | cut -f3 | median)
again=$(tail -n +2 "$out/library-scan-runs.tsv" | cut -f5 | median)
echo "files=$FILES ffprobe_alone=${alone}s first_scan=${first}s ($(ratio "$first" "$alone") x ffprobe alone, $(awk -v f="$FILES" -v s="$first" 'BEGIN { printf "%.0f", f / s }') files/s) rescan=${again}s" \
  | tee "$out/library-scan.txt"
