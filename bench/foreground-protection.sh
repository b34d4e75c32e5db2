#!/usr/bin/env bash
# Foreground protection, with each foreground where a real one runs: in a session of its own and a
# cgroup of its own (as a systemd service or a container would be), never in this script's session,
# where nice levels alone would rank it against the encode. Three foregrounds:
#   steady   a second ffmpeg, x264 veryfast at 1080p on every core (a media server's live
#            transcode): its wall time;
#   bursty   bursts of BURST_MS of CPU on every core, PAUSE_MS apart (bench/Bursts.java): the
#            median burst time;
#   latency  an HTTP server doing LAT_WORK_MS of CPU per request (bench/BusyServer.java), driven at
#            LAT_RATE requests a second (bench/HttpLoad.java, in the same cgroup): the p99.
# Each alone, then beside a long background encode (720p, libx264 medium) run in each of CONFIGS:
#   unmanaged      bare ffmpeg at nice 0, in this script's session;
#   nice10         bare ffmpeg at nice 10, no governor;
#   governed-nice  the product, priorityMode NICE, Balanced thresholds, throttling on;
#   idle           the product, priorityMode IDLE, throttling off (the scheduler alone);
#   idle-governed  the product, priorityMode IDLE, Balanced thresholds, throttling on.
# Then the harvest (HARVEST=yes): with busy loops on half the cores (in the foreground's session and
# cgroup), the governed HARVEST_MODE encode of a fixed clip against the same encode run bare,
# pinned to the other half, alone. RUNS runs of everything, interleaved; medians; the summary in
# bench/results/foreground-protection-summary.md. Needs root (it makes the foreground's cgroup) and
# the local PostgreSQL. A product config whose priorityMode the running encoder does not take fails
# at the start, naming it. The idle machine's governed encode against bare is
# bench/encode-overhead.sh; the reaction times are bench/governor-reaction.sh.
#
#   bench/foreground-protection.sh  # RUNS=3 FG_SECONDS=90 BURSTS=40 BURST_MS=150 PAUSE_MS=350
#                                   # LAT_SECONDS=30 LAT_RATE=100 LAT_WORK_MS=2 SETTLE=8
#                                   # HARVEST=yes HARVEST_MODE=IDLE HARVEST_SECONDS=60
#                                   # CONFIGS="unmanaged nice10 governed-nice idle idle-governed"
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
FG_SECONDS="${FG_SECONDS:-90}"
BG_SECONDS="${BG_SECONDS:-600}"
BURSTS="${BURSTS:-40}"
BURST_MS="${BURST_MS:-150}"
PAUSE_MS="${PAUSE_MS:-350}"
BURST_WARMUP="${BURST_WARMUP:-10}"
LAT_SECONDS="${LAT_SECONDS:-30}"
LAT_WARMUP="${LAT_WARMUP:-5}"
LAT_RATE="${LAT_RATE:-100}"
LAT_WORK_MS="${LAT_WORK_MS:-2}"
SETTLE="${SETTLE:-8}"
LEAD="${LEAD:-3}"
START_TIMEOUT="${START_TIMEOUT:-120}"
HARVEST="${HARVEST:-yes}"
HARVEST_MODE="${HARVEST_MODE:-IDLE}"
HARVEST_SECONDS="${HARVEST_SECONDS:-60}"
CONFIGS="${CONFIGS:-unmanaged nice10 governed-nice idle idle-governed}"
FOREGROUNDS="steady bursty latency"
command_line="RUNS=$RUNS FG_SECONDS=$FG_SECONDS BURSTS=$BURSTS BURST_MS=$BURST_MS PAUSE_MS=$PAUSE_MS LAT_SECONDS=$LAT_SECONDS LAT_RATE=$LAT_RATE LAT_WORK_MS=$LAT_WORK_MS SETTLE=$SETTLE HARVEST=$HARVEST HARVEST_MODE=$HARVEST_MODE HARVEST_SECONDS=$HARVEST_SECONDS CONFIGS=\"$CONFIGS\" bench/foreground-protection.sh"

for config in $CONFIGS; do
  case "$config" in
    unmanaged|nice10|governed-nice|idle|idle-governed) ;;
    *) echo "unknown config $config (unmanaged nice10 governed-nice idle idle-governed)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "The foregrounds need a cgroup of their own, which only root may make: run as root." >&2
  exit 1
fi

. bench/lib.sh
detail="$out/foreground-protection-detail.log"
: > "$detail"

# The foregrounds' cgroup: v2 where the cpu controller is there, else v1's cpu hierarchy; at the
# top, at the default weight, as a service's or a container's would be.
if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  fg_cgroup=/sys/fs/cgroup/optimizarr-bench-foreground
  grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control || echo +cpu > /sys/fs/cgroup/cgroup.subtree_control
elif [ -f /sys/fs/cgroup/cpu/cpu.shares ]; then
  fg_cgroup=/sys/fs/cgroup/cpu/optimizarr-bench-foreground
else
  echo "No cgroup hierarchy with the cpu controller (v2 at /sys/fs/cgroup or v1 at /sys/fs/cgroup/cpu)." >&2
  exit 1
fi
mkdir -p "$fg_cgroup"

# in_foreground CMD...: CMD in the foregrounds' cgroup and in a session of its own (its own
# autogroup where autogroups apply). setsid -w forks, so $! of "in_foreground … &" is the waiting
# parent's: it ends with CMD, and CMD is its child (pkill -P ends it).
in_foreground() {
  sh -c 'echo $$ > "$0/cgroup.procs" && exec setsid -w "$@"' "$fg_cgroup" "$@"
}

leftovers=()
bare=
job_id=
cleanup() {
  trap - EXIT
  set +eu
  for pid in "${leftovers[@]}" $bare; do pkill -P "$pid" 2>/dev/null; kill -CONT "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  if [ -n "$job_id" ]; then api -X POST "http://localhost:$PORT/api/jobs/$job_id/cancel" > /dev/null 2>&1; fi
  stop_services
  # Whatever is still in the cgroup (a foreground interrupted mid-run) ends before it goes.
  if [ -d "$fg_cgroup" ]; then
    while read -r pid; do kill -KILL "$pid" 2>/dev/null; done < "$fg_cgroup/cgroup.procs"
    # A process killed leaves its cgroup a moment after its parent has reaped it.
    for _ in $(seq 1 100); do rmdir "$fg_cgroup" 2>/dev/null && break; sleep 0.1; done
    [ ! -d "$fg_cgroup" ] || echo "could not remove $fg_cgroup: $(tr '\n' ' ' < "$fg_cgroup/cgroup.procs")" >&2
  fi
}
trap cleanup EXIT

make_clip "$media/background.mkv" "$BG_SECONDS" 1280x720
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$FG_SECONDS" \
  -c:v libx264 -preset ultrafast "$media/foreground.mkv"
[ "$HARVEST" = yes ] && make_clip "$media/harvest.mkv" "$HARVEST_SECONDS" 1280x720
javac -d "$work/classes" bench/Bursts.java bench/BusyServer.java bench/HttpLoad.java
start_services
trap cleanup EXIT
x264_args "$media/background.mkv" medium
profile=$(profile "background x264" medium)

# settings MODE THROTTLE: Balanced (CPU 85, memory 80, GPU 85, nice 10), priorityMode MODE,
# enableThrottling THROTTLE; fails, naming the field, when the encoder has no priorityMode, refuses
# the settings or does not keep MODE. An encoder without the field has only today's mode, NICE.
settings() {
  local current body status answer kept
  current=$(api "http://localhost:$PORT/api/settings/resources")
  body=$(sed -e 's/"cpuThreshold":[0-9]*/"cpuThreshold":85/' -e 's/"memoryThreshold":[0-9]*/"memoryThreshold":80/' \
    -e 's/"gpuThreshold":[0-9]*/"gpuThreshold":85/' -e 's/"niceLevel":[0-9]*/"niceLevel":10/' \
    -e "s/\"enableThrottling\":[a-z]*/\"enableThrottling\":$2/" \
    -e "s/\"priorityMode\":\"[A-Z]*\"/\"priorityMode\":\"$1\"/" <<< "$current")
  if ! grep -q '"priorityMode"' <<< "$current"; then
    if [ "$1" != NICE ]; then
      echo "The running encoder has no priorityMode setting (GET /api/settings/resources: $current):" \
        "it lacks issue #18's priority modes, so priorityMode $1 cannot be measured. Leave out the" \
        "configs that need it, e.g. CONFIGS=\"unmanaged nice10 governed-nice\" HARVEST_MODE=NICE." >&2
      exit 1
    fi
    echo "note: this encoder has no priorityMode; NICE, today's behaviour, is its only mode" >> "$detail"
  fi
  answer="$work/settings-answer.json"
  status=$(curl -s -o "$answer" -w '%{http_code}' -u "admin:$PASSWORD" -H 'Content-Type: application/json' \
    -X PUT "http://localhost:$PORT/api/settings/resources" -d "$body")
  if [ "$status" != 200 ] && [ "$status" != 204 ]; then
    echo "The encoder refused the settings of priorityMode $1 with HTTP $status: $(cat "$answer")" >&2
    exit 1
  fi
  if grep -q '"priorityMode"' <<< "$current"; then
    kept=$(api "http://localhost:$PORT/api/settings/resources" | sed -n 's/.*"priorityMode":"\([A-Z]*\)".*/\1/p')
    if [ "$kept" != "$1" ]; then
      echo "The encoder took priorityMode $1 but answers $kept afterwards." >&2
      exit 1
    fi
  fi
}

# The config's settings, for the product's configs.
configure() {
  case "$1" in
    governed-nice) settings NICE true ;;
    idle) settings IDLE false ;;
    idle-governed) settings IDLE true ;;
  esac
}

# Before anything is measured: every product config's settings are taken.
for config in $CONFIGS; do configure "$config"; done
[ "$HARVEST" = yes ] && settings "$HARVEST_MODE" true

# The latency foreground's server, for the whole run, and its address for HttpLoad.
: > "$work/server.out"
in_foreground java -cp "$work/classes" BusyServer 0 "$LAT_WORK_MS" >> "$work/server.out" 2>&1 &
leftovers+=($!)
until grep -q '^listening' "$work/server.out"; do
  kill -0 "${leftovers[0]}" 2>/dev/null || { cat "$work/server.out" >&2; exit 1; }
  sleep 0.2
done
echo "http://127.0.0.1:$(sed -n 's/^listening //p' "$work/server.out")/" > "$work/urls"

# The bursty foreground's work per core per burst: what takes BURST_MS here, unloaded.
burst_work=$(in_foreground java -cp "$work/classes" Bursts calibrate "$BURST_MS")
echo "bursty: $burst_work iterations per core per burst (about $BURST_MS ms alone)" >> "$detail"

# foreground KIND: one measurement of that foreground; its figure (s, ms of a burst, ms of p99).
foreground() {
  local start line
  case "$1" in
    steady)
      start=$(now)
      in_foreground ffmpeg -nostdin -loglevel error -i "$media/foreground.mkv" -c:v libx264 -preset veryfast -crf 23 -f null -
      since "$start" ;;
    bursty)
      line=$(in_foreground java -cp "$work/classes" Bursts run "$burst_work" "$BURSTS" "$PAUSE_MS" "$BURST_WARMUP")
      echo "bursty: $line" >> "$detail"
      sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<< "$line" ;;
    latency)
      line=$(in_foreground java -cp "$work/classes" HttpLoad "$LAT_RATE" "$LAT_WARMUP" "$LAT_SECONDS" 1 "$work/urls")
      echo "latency: $line" >> "$detail"
      sed -n 's/.* p99=\([0-9.]*\)ms.*/\1/p' <<< "$line" ;;
  esac
}

# background_start CONFIG: the background encode, encoding already.
background_start() {
  case "$1" in
    unmanaged|nice10)
      nice -n "$([ "$1" = unmanaged ] && echo 0 || echo 10)" ffmpeg "${x264[@]}" "$work/bg.mkv" > /dev/null &
      bare=$! ;;
    *)
      local pid waited=0
      job_id=$(job "$media/background.mkv" "$media/governed.mkv" "$profile")
      until [ "$(sql "select progress_percent > 0 from encoding_job where id = $job_id")" = t ]; do
        waited=$((waited + 1))
        [ "$waited" -lt $((START_TIMEOUT * 5)) ] || {
          echo "job $job_id did not start encoding in $START_TIMEOUT s:" \
            "$(sql "select status || ' ' || coalesce(status_reason, '') from encoding_job where id = $job_id")" >&2
          exit 1
        }
        sleep 0.2
      done
      pid=$(sql "select pid from encoding_job where id = $job_id")
      {
        echo "$1: ffmpeg $pid: $(chrt -p "$pid" 2>&1 | head -1 | sed 's/.*: //'), nice $(ps -o ni= -p "$pid" | tr -d ' ')," \
          "autogroup $(cat "/proc/$pid/autogroup" 2>/dev/null | tr -s ' '), cgroups $(grep -E ':(cpu|cpu,cpuacct|):' "/proc/$pid/cgroup" | tr '\n' ' ')"
        echo "$1: thresholds and placement $(api "http://localhost:$PORT/api/resources/thresholds")"
      } >> "$detail" ;;
  esac
  sleep "$LEAD"
}

# background_stop: ends the background encode; fails if it had ended before the foreground did
# (the foreground then ran partly alone).
background_stop() {
  local status
  if [ -n "$bare" ]; then
    kill "$bare" 2>/dev/null || { echo "the background encode ended before the foreground: raise BG_SECONDS" >&2; exit 1; }
    wait "$bare" 2>/dev/null || true
    bare=
  elif [ -n "$job_id" ]; then
    api -X POST "http://localhost:$PORT/api/jobs/$job_id/cancel" > /dev/null || true
    until status=$(sql "select status from encoding_job where id = $job_id"); [[ "$status" =~ CANCELLED|COMPLETED|FAILED ]]; do sleep 0.2; done
    [ "$status" = CANCELLED ] || { echo "job $job_id ended $status before the foreground: raise BG_SECONDS" >&2; exit 1; }
    job_id=
  fi
}

runs="$out/foreground-protection-runs.tsv"
printf 'run\tconfig\tforeground\tvalue\n' > "$runs"
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" | tee -a "$runs"; }

harvest_runs="$out/foreground-protection-harvest.tsv"
printf 'run\tpinned_alone_s\tbeside_half_s\tpaused_s\n' > "$harvest_runs"
half=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
other_half="$half-$(( $(nproc) - 1 ))"
[ "$(nproc)" -gt 1 ] || other_half=0

for run in $(seq 1 "$RUNS"); do
  for kind in $FOREGROUNDS; do
    sleep "$SETTLE"; record "$run" alone "$kind" "$(foreground "$kind")"
  done
  for config in $CONFIGS; do
    configure "$config"
    for kind in $FOREGROUNDS; do
      sleep "$SETTLE"
      background_start "$config"
      value=$(foreground "$kind")
      background_stop
      record "$run" "$config" "$kind" "$value"
    done
  done
  if [ "$HARVEST" = yes ]; then
    settings "$HARVEST_MODE" true
    x264_args "$media/harvest.mkv" medium
    sleep "$SETTLE"
    start=$(now); taskset -c "$other_half" ffmpeg "${x264[@]}" "$work/pinned.mkv" > /dev/null; pinned=$(since "$start")
    loops=()
    for _ in $(seq 1 "$half"); do in_foreground sh -c 'while :; do :; done' & loops+=($!); leftovers+=($!); done
    sleep "$SETTLE"
    id=$(job "$media/harvest.mkv" "$media/harvested.mkv" "$profile")
    wait_completed "$id"
    # setsid -w forks: each loop is the child of the pid held, so both are ended.
    for loop in "${loops[@]}"; do pkill -P "$loop" || true; kill "$loop" 2>/dev/null || true; wait "$loop" 2>/dev/null || true; done
    printf '%s\t%s\t%s\t%s\n' "$run" "$pinned" "$(job_seconds "$id")" \
      "$(sql "select round(paused_seconds::numeric, 1) from encoding_job where id = $id")" | tee -a "$harvest_runs"
    x264_args "$media/background.mkv" medium
  fi
done

median_of() { awk -F'\t' -v c="$1" -v k="$2" '$2 == c && $3 == k { print $4 }' "$runs" | median; }
{
  echo
  echo "Medians of $RUNS runs, $(nproc) cores, $(date -u +%Y-%m-%d); each foreground in a session and a cgroup of its own;"
  echo "background: 720p libx264 medium. Command: \`$command_line\`"
  echo
  echo "| background | steady: wall time | ratio | bursty: median burst | ratio | latency: p99 | ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for config in alone $CONFIGS; do
    line="| $config"
    for kind in $FOREGROUNDS; do
      value=$(median_of "$config" "$kind")
      unit=ms; [ "$kind" = steady ] && unit=s
      line="$line | $value $unit | $(ratio "$value" "$(median_of alone "$kind")")"
    done
    echo "$line |"
  done
  if [ "$HARVEST" = yes ]; then
    pinned=$(tail -n +2 "$harvest_runs" | cut -f2 | median)
    beside=$(tail -n +2 "$harvest_runs" | cut -f3 | median)
    echo
    echo "Harvest ($HARVEST_SECONDS s 720p clip, libx264 medium): alone pinned to cores $other_half, ${pinned} s;" \
      "governed $HARVEST_MODE beside $half busy loop(s) in the foreground's cgroup, ${beside} s (job created → completed," \
      "paused $(tail -n +2 "$harvest_runs" | cut -f4 | median) s): **$(awk -v a="$pinned" -v b="$beside" 'BEGIN { printf "%.1f", 100 * a / b }') %** of what the idle half gives."
  fi
  echo
  echo "The idle machine's governed encode against bare: bench/encode-overhead.sh. Reaction to pause and resume: bench/governor-reaction.sh."
} | tee "$out/foreground-protection-summary.md"
