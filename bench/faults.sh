#!/usr/bin/env bash
# Fault drills against the packaged services, each ending in a line of bench/results/faults.tsv:
#   database   PostgreSQL (an embedded one, so the drill may stop it) stopped for DOWN seconds
#              during two encodes: the encodes go on, readiness says not ready, state catches up
#   monitor    the monitor killed (SIGKILL) and restarted during an encode: the encoder is not
#              restarted, the monitor-lost rule applies, then the normal rules, the job completes
#   encoder    the encoder killed (SIGKILL) with one encode running and one paused: on restart no
#              ffmpeg is left, partial outputs are gone, both jobs are requeued and complete
#   disk-full  an output root on a 4 MiB tmpfs: the job fails saying so, no partial file, the
#              input unchanged, the next job runs
#   ffmpeg     ffmpeg missing, and ffmpeg crashing (SIGSEGV) mid-encode: clear job errors
#   two-nodes  two encoders on one database share JOBS short jobs: each runs exactly once
#   durable-restart  the embedded PostgreSQL that ./run.sh starts killed (SIGKILL, every process of
#              it) while the API queues jobs: started again, it holds every job the API answered
#              201 for, runs durable (fsync, synchronous_commit, full_page_writes on) and asks for
#              its password, and the encoder serves again without a restart
#   node-loss  two encoders with a LEASE lease; the one running a job killed (SIGKILL) with its
#              ffmpeg, as when its host dies: the other requeues and completes the job; the first,
#              started again, runs nothing twice
#
#   bench/faults.sh                 # all; or name some: bench/faults.sh database disk-full
#   JOBS=200 DOWN=15 LEASE=10s      # as defaults
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

JOBS="${JOBS:-200}"
DOWN="${DOWN:-15}"
LEASE="${LEASE:-10s}"
results="$out/faults.tsv"
[ -f "$results" ] || printf 'drill\tresult\tdetail\n' > "$results"

report() { # drill, PASS or FAIL, detail
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" | tee -a "$results"
}
check() { # drill, detail, condition...: PASS when the condition (a command) succeeds
  local drill=$1 detail=$2
  shift 2
  if "$@"; then report "$drill" PASS "$detail"; else report "$drill" FAIL "$detail"; fi
}
status_of() { sql "select status from encoding_job where id = $1"; }
wait_status() { # id, status, seconds
  for _ in $(seq 1 "$3"); do [ "$(status_of "$1")" = "$2" ] && return 0; sleep 1; done
  return 1
}
wait_pid() { # id, seconds: its ffmpeg has started
  for _ in $(seq 1 "$2"); do [ -n "$(sql "select pid from encoding_job where id = $1")" ] && return 0; sleep 1; done
  return 1
}
wait_all_done() { # seconds: every job finished
  for _ in $(seq 1 "$1"); do
    [ "$(sql "select count(*) from encoding_job where status in ('QUEUED','PROCESSING','PAUSED')")" = 0 ] && return 0
    sleep 1
  done
  return 1
}
ffmpegs_of() { pgrep -f "ffmpeg .*$media" || true; }
settings() { api -X PUT "http://localhost:$PORT/api/settings/resources" -d "$1" > /dev/null; }
# restart_with [VAR=VALUE...]: the encoder restarted with these settings, then the drills' resource settings.
restart_with() { restart_encoder "$@"; settings "$base_settings"; }
error_of() { sql "select coalesce(error, '') from encoding_job where id = $1" | tr '\n' ' '; }
base_settings='{"cpuThreshold":100,"memoryThreshold":100,"gpuThreshold":100,"niceLevel":10,"cpuAffinity":"","enableThrottling":true,"resumeMargin":10,"pauseAfterSamples":3,"resumeAfterSamples":5,"cpuTemperatureLimit":95,"gpuTemperatureLimit":90,"onMonitorLost":"PAUSE","staleAfterSeconds":5,"maxConcurrentJobs":2,"priorityMode":"IDLE"}'
valid_video() { ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$1" 2>/dev/null | grep -q .; }

make_clip "$media/clip.mkv" 30 1280x720
make_clip "$media/short.mkv" 2 320x240
start_services
profile=$(profile "drill x264" medium)
fast=$(profile "drill x264 ultrafast" ultrafast)
settings "$base_settings"

# embedded_database DATA PORT LOG: the embedded PostgreSQL of ./run.sh started on DATA (its pid in
# $pg, ended with the drill), and the encoder restarted on it with the password the server
# generated into DATA (also exported as PGPASSWORD, for psql).
embedded_database() {
  java -jar deploy/target/deploy.jar "$1" "$2" optimizarr > "$3" 2>&1 &
  pg=$!
  trap 'kill "$pg" 2>/dev/null; wait "$pg" 2>/dev/null || true; stop_services' EXIT
  until grep -q '^ready on port' "$3"; do sleep 0.5; done
  export PGPASSWORD
  PGPASSWORD=$(cat "$1/postgres-password")
  restart_with OPTIMIZARR_DB_HOST=localhost OPTIMIZARR_DB_PORT="$2" OPTIMIZARR_DB_NAME=optimizarr \
    OPTIMIZARR_DB_PASSWORD="$PGPASSWORD"
}

# back_from_embedded: the encoder on the drills' database again, the embedded server stopped.
back_from_embedded() {
  restart_with
  kill "$pg"; wait "$pg" 2>/dev/null || true
  unset PGPASSWORD
  trap stop_services EXIT
}

drill_database() {
  local port=25433 pgdata="$work/pg"
  embedded_database "$pgdata" $port "$out/faults-postgres.log"
  local a b own # this database has the built-in profiles only
  own=$(profile "drill x264" medium)
  a=$(job "$media/clip.mkv" "$media/db-a.mkv" "$own")
  b=$(job "$media/clip.mkv" "$media/db-b.mkv" "$own")
  local esql="psql -h localhost -p $port -U postgres -d optimizarr -Atqc"
  for _ in $(seq 1 60); do [ "$($esql "select count(*) from encoding_job where status = 'PROCESSING'")" = 2 ] && break; sleep 1; done
  local before
  before=$(ffmpegs_of | wc -l)
  kill "$pg"; wait "$pg" 2>/dev/null || true
  sleep 3
  local ready_down=no
  curl -fs "http://localhost:$MANAGEMENT/q/health/ready" > /dev/null || ready_down=yes
  sleep $((DOWN - 3))
  local during
  during=$(ffmpegs_of | wc -l)
  : > "$out/faults-postgres.log"
  java -jar deploy/target/deploy.jar "$pgdata" $port optimizarr >> "$out/faults-postgres.log" 2>&1 &
  pg=$!
  until grep -q '^ready on port' "$out/faults-postgres.log"; do sleep 0.5; done
  local back=no
  for _ in $(seq 1 60); do curl -fs "http://localhost:$MANAGEMENT/q/health/ready" > /dev/null && { back=yes; break; }; sleep 1; done
  local done_=no
  for _ in $(seq 1 300); do
    [ "$($esql "select count(*) from encoding_job where status = 'COMPLETED'")" = 2 ] && { done_=yes; break; }
    sleep 1
  done
  local valid=no
  valid_video "$media/db-a.mkv" && valid_video "$media/db-b.mkv" && valid=yes
  local runs
  runs=$($esql "select count(*) from job_event where type = 'STARTED'")
  check database "encodes before/during the ${DOWN}s outage $before/$during; not ready while down: $ready_down; ready again: $back; both completed: $done_, valid outputs: $valid; starts: $runs" \
    test "$before" = 2 -a "$during" = 2 -a "$ready_down" = yes -a "$back" = yes -a "$done_" = yes -a "$valid" = yes -a "$runs" = 2
  back_from_embedded
}

# postgres_of DATA: the embedded server's postmaster and its children (zonky starts it with -D).
postgres_of() {
  local postmaster
  postmaster=$(pgrep -f -- "-D $1" | head -1)
  [ -n "$postmaster" ] && echo "$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
}

drill_durable_restart() {
  local port=25434 pgdata="$work/pg-durable"
  embedded_database "$pgdata" $port "$out/faults-durable.log"
  local esql="psql -h localhost -p $port -U postgres -d optimizarr -Atqc"
  # Nothing encodes: the drill is about what the database keeps.
  api -X PUT "http://localhost:$PORT/api/settings/resources" -d "${base_settings/\"maxConcurrentJobs\":2/\"maxConcurrentJobs\":0}" > /dev/null
  local own acked="$work/acked"
  own=$(profile "durable x264" ultrafast)
  : > "$acked"
  (
    for i in $(seq 1 100000); do
      # A job counts as acknowledged once the API has answered 201 with its id.
      id=$(api -X POST "http://localhost:$PORT/api/jobs" \
        -d "{\"inputPath\":\"$media/short.mkv\",\"outputPath\":\"$media/durable-$i.mkv\",\"profileId\":$own}" \
        | id_of) && [ -n "$id" ] && echo "$id" >> "$acked" || true
    done
  ) &
  local writer=$!
  sleep 5
  local victims
  victims=$(postgres_of "$pgdata/postgres")
  kill -9 $victims "$pg" 2>/dev/null || true
  wait "$pg" 2>/dev/null || true
  sleep 2
  kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null || true
  local acked_n
  acked_n=$(grep -c . "$acked" || true)
  : > "$out/faults-durable.log"
  java -jar deploy/target/deploy.jar "$pgdata" $port optimizarr >> "$out/faults-durable.log" 2>&1 &
  pg=$!
  until grep -q '^ready on port' "$out/faults-durable.log"; do sleep 0.5; done
  local kept missing settings hba refused=no back=no
  kept=$($esql "select count(*) from encoding_job where profile_id = $own")
  missing=0
  while read -r id; do
    [ "$($esql "select count(*) from encoding_job where id = $id")" = 1 ] || missing=$((missing + 1))
  done < "$acked"
  settings=$($esql "select string_agg(name || '=' || setting, ' ' order by name) from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')")
  hba=$($esql "select string_agg(distinct auth_method, ',') from pg_hba_file_rules")
  PGPASSWORD= psql -h localhost -p $port -U postgres -d optimizarr -w -Atqc "select 1" > /dev/null 2>&1 || refused=yes
  for _ in $(seq 1 60); do
    api "http://localhost:$PORT/api/jobs?size=1" > /dev/null 2>&1 && { back=yes; break; }
    sleep 1
  done
  check durable-restart "$(echo $victims | wc -w) PostgreSQL processes killed after ${acked_n} jobs queued; $kept jobs in the database after its restart, $missing acknowledged ones missing; $settings; authentication: $hba; refused without the password: $refused; the encoder served again: $back" \
    test "$acked_n" -gt 0 -a "$missing" = 0 -a "$settings" = "fsync=on full_page_writes=on synchronous_commit=on" -a "$hba" = scram-sha-256 -a "$refused" = yes -a "$back" = yes
  back_from_embedded
}

drill_monitor() {
  local id encoder_before
  encoder_before=$encoder
  id=$(job "$media/clip.mkv" "$media/monitor.mkv" "$profile")
  wait_status "$id" PROCESSING 60
  kill -9 "$monitor"; wait "$monitor" 2>/dev/null || true
  local paused=no
  wait_status "$id" PAUSED 30 && paused=yes
  QUARKUS_HTTP_PORT=$MONITOR_PORT QUARKUS_MANAGEMENT_PORT=$MONITOR_MANAGEMENT OPTIMIZARR_MONITOR_PASSWORD=bench-monitor \
    java $SERVICE_JVM -jar monitor-service/target/quarkus-app/quarkus-run.jar >> "$out/monitor-bench.log" 2>&1 &
  monitor=$!
  local resumed=no
  wait_status "$id" PROCESSING 60 && resumed=yes
  local completed=no
  wait_status "$id" COMPLETED 300 && completed=yes
  local reasons
  reasons=$(sql "select string_agg(type, ' ' order by id) from job_event where job_id = $id")
  check monitor "paused while lost: $paused; resumed: $resumed; completed: $completed; encoder pid kept: $([ "$encoder" = "$encoder_before" ] && kill -0 "$encoder" && echo yes || echo no); timeline: $reasons" \
    test "$paused" = yes -a "$resumed" = yes -a "$completed" = yes
}

drill_encoder() {
  local running paused
  running=$(job "$media/clip.mkv" "$media/killed-running.mkv" "$profile")
  paused=$(job "$media/clip.mkv" "$media/killed-paused.mkv" "$profile")
  wait_status "$running" PROCESSING 60
  wait_status "$paused" PROCESSING 60
  # A job is PROCESSING from its claim; it can be paused once its ffmpeg runs (it has a pid).
  wait_pid "$running" 60
  wait_pid "$paused" 60
  api -X POST "http://localhost:$PORT/api/jobs/$paused/pause" > /dev/null
  sleep 3
  local pids before
  pids=$(ffmpegs_of | tr '\n' ' ')
  # The killed runs' work folders (with their temporary files): the restart must remove them. The
  # jobs are claimed again at once, into folders of new names, which do not count.
  before=$(find "$media" -maxdepth 1 -name '.optimizarr-*' | sort)
  kill -9 "$encoder"; wait "$encoder" 2>/dev/null || true
  start_encoder
  local left=0 pid
  for pid in $pids; do kill -0 "$pid" 2>/dev/null && left=$((left + 1)); done
  local partial=0 folder
  for folder in $before; do [ -e "$folder" ] && partial=$((partial + 1)); done
  api -X POST "http://localhost:$PORT/api/jobs/$paused/resume" > /dev/null 2>&1 || true
  local completed=no
  wait_status "$running" COMPLETED 300 && wait_status "$paused" COMPLETED 300 && completed=yes
  local valid=no
  valid_video "$media/killed-running.mkv" && valid_video "$media/killed-paused.mkv" && valid=yes
  check encoder "ffmpeg processes of the killed encoder left: $left of $(echo "$pids" | wc -w); work folders of the killed runs left after restart: $partial of $(echo "$before" | wc -w); both requeued and completed: $completed; valid outputs: $valid" \
    test "$left" = 0 -a "$partial" = 0 -a "$completed" = yes -a "$valid" = yes
}

drill_disk_full() {
  local small="$work/small"
  mkdir -p "$small"
  mount -t tmpfs -o size=4m tmpfs "$small"
  restart_with OPTIMIZARR_OUTPUT_ROOTS="$media,$small"
  local sum_before id
  sum_before=$(sha256sum "$media/clip.mkv" | cut -d' ' -f1)
  id=$(job "$media/clip.mkv" "$small/full.mkv" "$profile")
  wait_status "$id" FAILED 300 || true
  local reason files next
  reason=$(sql "select coalesce(error, '') || ' ' || coalesce(status_reason, '') from encoding_job where id = $id" | tr '\n' ' ')
  files=$(find "$small" -type f | wc -l)
  next=$(job "$media/short.mkv" "$media/after-full.mkv" "$fast")
  local next_done=no
  wait_status "$next" COMPLETED 120 && next_done=yes
  local intact=no
  [ "$(sha256sum "$media/clip.mkv" | cut -d' ' -f1)" = "$sum_before" ] && intact=yes
  check disk-full "status $(status_of "$id"); reason: ${reason:0:160}; files left on the full disk: $files; input intact: $intact; next job completed: $next_done" \
    bash -c "[ '$(status_of "$id")' = FAILED ] && echo '$reason' | grep -qi 'space' && [ $files = 0 ] && [ $intact = yes ] && [ $next_done = yes ]"
  restart_with
  umount "$small"
}

drill_ffmpeg() {
  restart_with OPTIMIZARR_FFMPEG=/nonexistent/ffmpeg
  local missing missing_reason
  missing=$(job "$media/short.mkv" "$media/missing.mkv" "$fast")
  wait_status "$missing" FAILED 60 || true
  missing_reason=$(error_of "$missing")
  # An ffmpeg that crashes 2 s into the encode.
  cat > "$work/crashing-ffmpeg" <<'SCRIPT'
#!/usr/bin/env bash
ffmpeg "$@" &
child=$!
sleep 2
kill -SEGV "$child"
wait "$child"
SCRIPT
  chmod +x "$work/crashing-ffmpeg"
  restart_with OPTIMIZARR_FFMPEG="$work/crashing-ffmpeg"
  local crashed crashed_reason
  crashed=$(job "$media/clip.mkv" "$media/crashed.mkv" "$profile")
  wait_status "$crashed" FAILED 120 || true
  crashed_reason=$(error_of "$crashed")
  local leftovers
  leftovers=$(find "$media" -name 'crashed*' | wc -l)
  check ffmpeg "missing: $(status_of "$missing") (${missing_reason:0:100}); crashing: $(status_of "$crashed") (${crashed_reason:0:100}); outputs left: $leftovers" \
    bash -c "[ '$(status_of "$missing")' = FAILED ] && [ '$(status_of "$crashed")' = FAILED ] && [ -n '${missing_reason// /}' ] && [ -n '${crashed_reason// /}' ] && [ $leftovers = 0 ]"
  restart_with
}

drill_two_nodes() {
  settings "${base_settings/\"maxConcurrentJobs\":2/\"maxConcurrentJobs\":1}"
  env QUARKUS_HTTP_PORT=18090 QUARKUS_MANAGEMENT_PORT=19010 OPTIMIZARR_DB_NAME=$DB \
    OPTIMIZARR_ADMIN_PASSWORD=$PASSWORD OPTIMIZARR_MEDIA_ROOTS="$media" OPTIMIZARR_NODE_NAME=bench-2 \
    OPTIMIZARR_MONITOR_URL=http://localhost:$MONITOR_PORT OPTIMIZARR_MONITOR_PASSWORD=bench-monitor \
    java $SERVICE_JVM -jar encoder-service/target/quarkus-app/quarkus-run.jar > "$out/encoder-bench-2.log" 2>&1 &
  local second=$!
  until curl -fs "http://localhost:19010/q/health/ready" > /dev/null; do sleep 0.5; done
  local first_id last_id i
  first_id=$(job "$media/short.mkv" "$media/node-0.mkv" "$fast")
  for i in $(seq 1 $((JOBS - 1))); do job "$media/short.mkv" "$media/node-$i.mkv" "$fast" > /dev/null; done
  local all_done=no
  wait_all_done 900 && all_done=yes
  local twice nodes completed
  twice=$(sql "select count(*) from (select job_id from job_event where type = 'STARTED' and job_id >= $first_id group by job_id having count(*) > 1) t")
  completed=$(sql "select count(*) from encoding_job where id >= $first_id and status = 'COMPLETED'")
  nodes=$(sql "select string_agg(node || ' ' || n, ', ') from (select node, count(*) n from encoding_job where id >= $first_id group by node) t")
  kill "$second"; wait "$second" 2>/dev/null || true
  check two-nodes "$completed of $JOBS completed ($nodes); started more than once: $twice" \
    test "$all_done" = yes -a "$completed" = "$JOBS" -a "$twice" = 0
  settings "$base_settings"
}

drill_node_loss() {
  settings "${base_settings/\"maxConcurrentJobs\":2/\"maxConcurrentJobs\":1}"
  restart_with OPTIMIZARR_NODE_LEASE=$LEASE
  local id
  id=$(job "$media/clip.mkv" "$media/node-loss.mkv" "$profile")
  wait_status "$id" PROCESSING 60
  env QUARKUS_HTTP_PORT=18090 QUARKUS_MANAGEMENT_PORT=19010 OPTIMIZARR_DB_NAME=$DB \
    OPTIMIZARR_ADMIN_PASSWORD=$PASSWORD OPTIMIZARR_MEDIA_ROOTS="$media" OPTIMIZARR_NODE_NAME=bench-2 \
    OPTIMIZARR_NODE_LEASE=$LEASE OPTIMIZARR_MONITOR_URL=http://localhost:$MONITOR_PORT \
    OPTIMIZARR_MONITOR_PASSWORD=bench-monitor \
    java $SERVICE_JVM -jar encoder-service/target/quarkus-app/quarkus-run.jar > "$out/encoder-bench-2.log" 2>&1 &
  local second=$!
  until curl -fs "http://localhost:19010/q/health/ready" > /dev/null; do sleep 0.5; done
  local ffmpeg killed taken_after=none done_after=none
  ffmpeg=$(sql "select pid from encoding_job where id = $id")
  killed=$(now)
  kill -9 "$encoder" "$ffmpeg" 2>/dev/null || true
  wait "$encoder" 2>/dev/null || true
  for _ in $(seq 1 600); do
    [ "$(sql "select count(*) from job_event where job_id = $id and type = 'REQUEUED'")" != 0 ] && { taken_after=$(since "$killed"); break; }
    sleep 0.1
  done
  wait_status "$id" COMPLETED 600 && done_after=$(since "$killed")
  start_encoder OPTIMIZARR_NODE_LEASE=$LEASE
  sleep 15
  local starts completions node valid=no
  starts=$(sql "select count(*) from job_event where job_id = $id and type = 'STARTED'")
  completions=$(sql "select count(*) from job_event where job_id = $id and type = 'COMPLETED'")
  node=$(sql "select node from encoding_job where id = $id")
  valid_video "$media/node-loss.mkv" && valid=yes
  kill "$second"; wait "$second" 2>/dev/null || true
  check node-loss "lease $LEASE; requeued ${taken_after} s after the kill, completed on $node ${done_after} s after it; starts $starts, completions $completions after the first node's restart; valid output: $valid" \
    test "$taken_after" != none -a "$done_after" != none -a "$node" = bench-2 -a "$starts" = 2 -a "$completions" = 1 -a "$valid" = yes
  restart_with
}

drills=("$@")
[ ${#drills[@]} -gt 0 ] || drills=(database durable-restart monitor encoder disk-full ffmpeg two-nodes node-loss)
for drill in "${drills[@]}"; do
  "drill_${drill//-/_}"
done
