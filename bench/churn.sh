#!/usr/bin/env bash
# The governor under churn: JOBS (20) encodes queued with maxConcurrentJobs 2, while a foreign
# burner (one busy loop per core, at nice 0) switches on and off every PERIOD (7) seconds for
# DURATION (300) seconds and then stays off. Checks, at the end: every job completed with an output
# ffprobe reads at the input's length, no job started twice, and every timeline is consistent
# (queued, claimed, started, then pauses and resumes in turn, then completed; never a resume without a
# pause, never two active states). Reports the pauses and the wall time.
#
#   bench/churn.sh          # JOBS=20 PERIOD=7 DURATION=300 SECONDS_OF_VIDEO=30 SIZE=1280x720
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

JOBS="${JOBS:-20}"
PERIOD="${PERIOD:-7}"
DURATION="${DURATION:-300}"
LENGTH="${SECONDS_OF_VIDEO:-30}"
SIZE="${SIZE:-1280x720}"

make_clip "$media/clip.mkv" "$LENGTH" "$SIZE"
start_services
api -X PUT "http://localhost:$PORT/api/settings/resources" \
  -d '{"cpuThreshold":90,"memoryThreshold":95,"gpuThreshold":90,"niceLevel":10,"cpuAffinity":"","enableThrottling":true,"resumeMargin":10,"pauseAfterSamples":3,"resumeAfterSamples":5,"cpuTemperatureLimit":95,"gpuTemperatureLimit":90,"onMonitorLost":"PAUSE","staleAfterSeconds":10,"maxConcurrentJobs":2,"priorityMode":"IDLE"}' > /dev/null
profile=$(profile "churn x264" medium)

burner() { # busy loops for PERIOD seconds, then rest PERIOD seconds, until DURATION is over
  local end=$(( $(date +%s) + DURATION )) pids
  while [ "$(date +%s)" -lt "$end" ]; do
    pids=()
    for _ in $(seq 1 "$(nproc)"); do (while :; do :; done) & pids+=($!); done
    sleep "$PERIOD"
    kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
    sleep "$PERIOD"
  done
}

start=$(now)
for i in $(seq 1 "$JOBS"); do job "$media/clip.mkv" "$media/out-$i.mkv" "$profile" > /dev/null; done
burner &
burning=$!
trap 'kill $burning 2>/dev/null || true; pkill -P $burning 2>/dev/null || true; stop_services' EXIT
until [ "$(sql "select count(*) from encoding_job where status in ('QUEUED','PROCESSING','PAUSED')")" = 0 ]; do
  sleep 2
done
wall=$(awk -v a="$(now)" -v b="$start" 'BEGIN { printf "%.0f", a - b }')

completed=$(sql "select count(*) from encoding_job where status = 'COMPLETED'")
started_twice=$(sql "select count(*) from (select job_id from job_event where type = 'STARTED' group by job_id having count(*) > 1) t")
pauses=$(sql "select count(*) from job_event where type in ('THROTTLED', 'PAUSED')")
paused_seconds=$(sql "select round(sum(paused_seconds)) from encoding_job")
# Each timeline as one line of event types in order, checked by a small state machine.
inconsistent=$(sql "select string_agg(type, ' ' order by at, id) from job_event group by job_id" | awk '
  {
    state = "none"; ok = 1
    for (i = 1; i <= NF; i++) {
      t = $i
      if (t == "QUEUED" && state == "none") state = "queued"
      else if (t == "CLAIMED" && state == "queued") state = "claimed"
      else if (t == "STARTED" && state == "claimed") state = "running"
      else if ((t == "THROTTLED" || t == "PAUSED") && state == "running") state = "paused"
      else if (t == "RESUMED" && state == "paused") state = "running"
      else if (t == "COMPLETED" && state == "running") state = "done"
      else ok = 0
    }
    if (!ok || state != "done") { bad++; print "inconsistent: " $0 > "/dev/stderr" }
  }
  END { print bad + 0 }')
short=0
for i in $(seq 1 "$JOBS"); do
  length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$media/out-$i.mkv" 2>/dev/null || echo 0)
  awk -v l="$length" -v want="$LENGTH" 'BEGIN { exit !(l > want - 0.5 && l < want + 0.5) }' || short=$((short + 1))
done

printf 'jobs\tcompleted\tbad_outputs\tstarted_twice\tinconsistent_timelines\tpauses\tpaused_s\twall_s\n' > "$out/churn.tsv"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$JOBS" "$completed" "$short" "$started_twice" "$inconsistent" \
  "$pauses" "$paused_seconds" "$wall" | tee -a "$out/churn.tsv"
[ "$completed" = "$JOBS" ] && [ "$short" = 0 ] && [ "$started_twice" = 0 ] && [ "$inconsistent" = 0 ]
