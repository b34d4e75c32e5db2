# Shared by the encoder benchmarks: sourced, not run. Starts the packaged monitor and encoder (the
# governor following the monitor, as in production) on a scratch database and media folder, and
# stops them on exit.
# Ports and database may be moved (BENCH_PORT_BASE=28000: 28080, 29000, 28081, 29001; BENCH_DB) so
# that two benchmarks can run side by side on one machine.
base=${BENCH_PORT_BASE:-18000}
PORT=$((base + 80))
MANAGEMENT=$((base + 1000))
MONITOR_PORT=$((base + 81))
MONITOR_MANAGEMENT=$((base + 1001))
DB=${BENCH_DB:-optimizarr_bench}
# The services' JVM options, as run.sh, the systemd units and the images give them; SERVICE_JVM=
# (empty) runs them with the JVM's defaults (both compilers), for a comparison.
SERVICE_JVM=${SERVICE_JVM--XX:TieredStopAtLevel=1}
PASSWORD=bench-admin-secret
out=bench/results
work=$(mktemp -d)
media="$work/media"
mkdir -p "$out" "$media"

# Rebuilds when any source is newer than the jars, so a bench never measures old code.
build_if_stale() {
  local jar=encoder-service/target/quarkus-app/quarkus-run.jar
  if [ ! -f "$jar" ] || [ ! -f monitor-service/target/quarkus-app/quarkus-run.jar ] \
    || [ -n "$(find shared-model monitor-service encoder-service -path '*/src/*' -newer "$jar" -print -quit)" ]; then
    ./mvnw -B -q package -DskipTests
  fi
}

# make_clip FILE SECONDS SIZE: a test pattern (with a tone) encoded fast, as the input.
make_clip() {
  ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=$3:rate=30:duration=$2" \
    -f lavfi -i "sine=frequency=440:duration=$2" -c:v libx264 -preset ultrafast -c:a aac "$1"
}

start_services() {
  build_if_stale
  psql -h localhost -U postgres -d postgres -qc "drop database if exists $DB with (force)" \
    -c "create database $DB" >/dev/null
  QUARKUS_HTTP_PORT=$MONITOR_PORT QUARKUS_MANAGEMENT_PORT=$MONITOR_MANAGEMENT \
    OPTIMIZARR_MONITOR_PASSWORD=bench-monitor \
    java $SERVICE_JVM -jar monitor-service/target/quarkus-app/quarkus-run.jar > "$out/monitor-bench.log" 2>&1 &
  monitor=$!
  trap 'stop_services' EXIT
  : > "$out/encoder-bench.log"
  start_encoder
  until curl -fs "http://localhost:$MONITOR_MANAGEMENT/q/health/ready" >/dev/null; do sleep 0.5; done
}

# start_encoder [VAR=VALUE...]: the encoder, with these settings added; returns once it is ready.
# ENCODER_CPUS=LIST runs it under taskset -c LIST (as a container's cpuset would).
start_encoder() {
  encoder_on "$PORT" "$MANAGEMENT" bench "$@"
  encoder=$!
}

# encoder_on PORT MANAGEMENT NODE [VAR=VALUE...]: an encoder node on these ports, in the background
# ($! is its pid); returns once it is ready.
encoder_on() {
  local port=$1 management=$2 node=$3
  shift 3
  env QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management OPTIMIZARR_DB_NAME=$DB \
    OPTIMIZARR_ADMIN_PASSWORD=$PASSWORD OPTIMIZARR_MEDIA_ROOTS="$media" OPTIMIZARR_NODE_NAME=$node \
    OPTIMIZARR_MONITOR_URL=http://localhost:$MONITOR_PORT OPTIMIZARR_MONITOR_PASSWORD=bench-monitor "$@" \
    ${ENCODER_CPUS:+taskset -c $ENCODER_CPUS} \
    java $SERVICE_JVM -jar encoder-service/target/quarkus-app/quarkus-run.jar >> "$out/encoder-$node.log" 2>&1 &
  local pid=$!
  until curl -fs "http://localhost:$management/q/health/ready" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "encoder $node did not start; see $out/encoder-$node.log" >&2; exit 1; }
    sleep 0.5
  done
}

# restart_encoder [VAR=VALUE...]: a graceful stop, then start_encoder with these settings.
restart_encoder() {
  kill "$encoder"; wait "$encoder" 2>/dev/null || true
  start_encoder "$@"
}

stop_services() {
  kill "$encoder" "$monitor" 2>/dev/null
  wait "$encoder" "$monitor" 2>/dev/null || true
  rm -rf "$work"
}

api() { curl -fs -u "admin:$PASSWORD" -H 'Content-Type: application/json' "$@"; }
sql() { psql -h localhost -U postgres -d "$DB" -Atqc "$1"; }
now() { date +%s.%N; }
# since START: seconds from START (a now) until now, to the millisecond.
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.3f", a - b }'; }
id_of() { sed 's/.*"id":\([0-9]*\).*/\1/'; }

# profile NAME PRESET: a libx264 CRF 23 profile, audio copied, Matroska; prints its id.
profile() {
  api -X POST "http://localhost:$PORT/api/profiles" \
    -d "{\"name\":\"$1\",\"videoCodec\":\"libx264\",\"quality\":23,\"preset\":\"$2\",\"audioCodec\":\"copy\",\"container\":\"mkv\"}" | id_of
}

# job INPUT OUTPUT PROFILE: queues an encode; prints its id.
job() {
  api -X POST "http://localhost:$PORT/api/jobs" \
    -d "{\"inputPath\":\"$1\",\"outputPath\":\"$2\",\"profileId\":$3,\"overwrite\":true}" | id_of
}

# wait_completed ID: polls once a second (the times come from the database).
wait_completed() {
  local status
  until status=$(sql "select status from encoding_job where id = $1"); [ "$status" = COMPLETED ]; do
    [ "$status" = FAILED ] && { echo "job $1 failed" >&2; exit 1; }
    sleep 1
  done
}

# job_seconds ID: a finished job's wall time from its creation to its end, as the database has it.
job_seconds() {
  sql "select round(extract(epoch from finished_at - created_at)::numeric, 3) from encoding_job where id = $1"
}

# x264_args INPUT PRESET: sets the array x264 to the arguments the supervisor gives ffmpeg for a
# libx264 CRF 23 profile (EncodeSettings.arguments), the output file left to the caller.
x264_args() {
  x264=(-hide_banner -nostdin -nostats -loglevel warning -y -i "$1" -map 0:V -map '0:a?'
    -map '0:s?' -c:s copy -c:v libx264 -crf 23 -preset "$2" -c:a copy -progress pipe:1 -f matroska)
}

# bare_and_managed_x264 SECONDS SIZE: the clip $media/clip.mkv, the services started, the profile
# "bench x264" (medium) in $profile and its bare ffmpeg arguments in x264.
bare_and_managed_x264() {
  make_clip "$media/clip.mkv" "$1" "$2"
  start_services
  profile=$(profile "bench x264" medium)
  x264_args "$media/clip.mkv" medium
}

# bare_x264 OUTPUT: runs the x264_args encode bare, outside Optimizarr; prints its wall time.
bare_x264() {
  local start; start=$(now)
  ffmpeg "${x264[@]}" "$1" > /dev/null
  since "$start"
}

# Total and idle CPU ticks so far, for the original loop's judgement of total CPU.
busy_total() { awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat; }

# original_loop PID: the original product's loop, reproduced: every 5 s, SIGSTOP the encode when
# total CPU over the last 5 s > $THRESHOLD, else SIGCONT; prints "pauses paused_seconds" at its end.
original_loop() {
  local pid=$1 pauses=0 paused=0 stopped=0 before after all idle percent
  before=$(busy_total)
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    after=$(busy_total)
    read -r all idle <<< "$(awk -v a="$after" -v b="$before" 'BEGIN { split(a, x, " "); split(b, y, " "); print x[1] - y[1], x[2] - y[2] }')"
    before=$after
    percent=$(awk -v a="$all" -v i="$idle" 'BEGIN { printf "%d", (a > 0 ? 100 * (a - i) / a : 0) }')
    [ "$stopped" = 1 ] && paused=$((paused + 5))
    if [ "$percent" -gt "$THRESHOLD" ] && [ "$stopped" = 0 ]; then
      kill -STOP "$pid" 2>/dev/null || true; stopped=1; pauses=$((pauses + 1))
    elif [ "$percent" -le "$THRESHOLD" ] && [ "$stopped" = 1 ]; then
      kill -CONT "$pid" 2>/dev/null || true; stopped=0
    fi
  done
  echo "$pauses $paused"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
