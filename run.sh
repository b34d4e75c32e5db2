#!/usr/bin/env bash
# Runs Optimizarr on this machine: builds what is missing, starts PostgreSQL (the one the
# environment names, else an embedded one whose data stays in the data folder), the monitor and the
# encoder, waits until all are ready and prints where they are. Ctrl-C stops everything.
#
#   ./run.sh          # or ./run.sh --demo: also queue an encode of a generated test clip
set -euo pipefail
cd "$(dirname "$0")"

demo=false
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --demo)" >&2; exit 2 ;;
  esac
done

. deploy/scripts/prerequisites.sh
mapfile -t missing < <(missing_product_packages)
install_missing "Optimizarr and its build" "${missing[@]}"

data="${OPTIMIZARR_DATA_DIR:-$HOME/.optimizarr}"
mkdir -p "$data/logs"
chmod 700 "$data"

monitor_jar=monitor-service/target/quarkus-app/quarkus-run.jar
encoder_jar=encoder-service/target/quarkus-app/quarkus-run.jar
database_jar=deploy/target/deploy.jar
if [ ! -f "$monitor_jar" ] || [ ! -f "$encoder_jar" ] || [ ! -f "$database_jar" ] \
  || [ -n "$(find shared-model monitor-service encoder-service -path '*/src/*' -newer "$encoder_jar" -print -quit)" ] \
  || [ -n "$(find shared-model monitor-service -path '*/src/*' -newer "$monitor_jar" -print -quit)" ]; then
  echo "Building …"
  ./mvnw -B -q package -DskipTests
fi

# The monitor's service credential: from the environment, else generated once and kept.
password_hint="from OPTIMIZARR_MONITOR_PASSWORD"
if [ -z "${OPTIMIZARR_MONITOR_PASSWORD:-}" ]; then
  secret="$data/monitor-password"
  password_hint="in $secret"
  if [ ! -s "$secret" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$secret")
  fi
  OPTIMIZARR_MONITOR_PASSWORD="$(cat "$secret")"
fi
export OPTIMIZARR_MONITOR_PASSWORD
export OPTIMIZARR_MONITOR_USER="${OPTIMIZARR_MONITOR_USER:-optimizarr}"

# The key of browser sessions: from the environment, else generated once and kept, so that a
# restart does not log everyone out (and Quarkus never logs a temporary key of its own).
if [ -z "${OPTIMIZARR_SESSION_KEY:-}" ]; then
  session_key="$data/session-key"
  if [ ! -s "$session_key" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' > "$session_key")
  fi
  OPTIMIZARR_SESSION_KEY="$(cat "$session_key")"
fi
export OPTIMIZARR_SESSION_KEY

# A generated first-admin password goes to this 0600 file, not to the encoder's log; it is shown
# on the terminal below.
export OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE="$data/first-admin-password"

# Health and metrics answer on this machine only, unless QUARKUS_MANAGEMENT_HOST says otherwise
# (0.0.0.0 for a Prometheus elsewhere).
export QUARKUS_MANAGEMENT_HOST="${QUARKUS_MANAGEMENT_HOST:-localhost}"

export OPTIMIZARR_DB_NAME="${OPTIMIZARR_DB_NAME:-optimizarr}"
export OPTIMIZARR_MEDIA_ROOTS="${OPTIMIZARR_MEDIA_ROOTS:-$data/media}"
IFS=',' read -ra roots <<< "$OPTIMIZARR_MEDIA_ROOTS"
mkdir -p "${roots[@]}"

monitor_port="${MONITOR_HTTP_PORT:-8081}"
monitor_management="${MONITOR_MANAGEMENT_PORT:-9001}"
encoder_port="${QUARKUS_HTTP_PORT:-8080}"
encoder_management="${QUARKUS_MANAGEMENT_PORT:-9000}"
export OPTIMIZARR_MONITOR_URL="${OPTIMIZARR_MONITOR_URL:-http://localhost:$monitor_port}"

# end PID: SIGTERM, then wait until it has exited (wait alone can return early in a trap); after
# 60 s, SIGKILL.
end() {
  kill -TERM "$1" 2>/dev/null || return 0
  wait "$1" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  echo "$1 did not stop in 60 s; killing it" >&2
  kill -KILL "$1" 2>/dev/null || true
}

pids=()
database_pid=
stop() {
  # Whatever happens to our output (a closed terminal, a reader gone: SIGHUP, SIGPIPE), stopping
  # must go on to the end: with SIGPIPE ignored a failed echo only returns an error, and errexit
  # is off here.
  trap - INT TERM HUP EXIT
  trap '' PIPE
  set +e
  echo
  echo "Stopping …"
  # The encoder first (it ends its encodes and requeues their jobs), the database last.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do end "${pids[i]}"; done
  if [ -n "$database_pid" ]; then end "$database_pid"; fi
  echo "Stopped."
}
trap stop INT TERM HUP EXIT

wait_until() { # name, pid, seconds, log, check...: the check every half second until it succeeds
  local name=$1 pid=$2 seconds=$3 log=$4
  shift 4
  for _ in $(seq 1 $((seconds * 2))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name did not start; the end of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name was not ready after $seconds s; see $log" >&2
  exit 1
}

wait_ready() { # name, management port, pid
  wait_until "$1" "$3" 60 "$data/logs/$1.log" curl -fs "http://localhost:$2/q/health/ready"
}

# PostgreSQL: the one the environment names (OPTIMIZARR_DB_HOST, _PORT, _USER, _PASSWORD), else an
# embedded one on localhost whose data lives in $data/postgres.
database_hint="${OPTIMIZARR_DB_HOST:-}"
if [ -z "${OPTIMIZARR_DB_HOST:-}" ]; then
  embedded_port="${OPTIMIZARR_EMBEDDED_DB_PORT:-15432}"
  java -jar "$database_jar" "$data" "$embedded_port" "$OPTIMIZARR_DB_NAME" > "$data/logs/postgres.log" 2>&1 &
  database_pid=$!
  wait_until "The embedded PostgreSQL" "$database_pid" 120 "$data/logs/postgres.log" \
    grep -q '^ready on port' "$data/logs/postgres.log"
  export OPTIMIZARR_DB_HOST=localhost OPTIMIZARR_DB_PORT="$embedded_port" OPTIMIZARR_DB_USER=postgres
  # The embedded server asks for the password it generated and keeps in the data folder.
  OPTIMIZARR_DB_PASSWORD="$(cat "$data/postgres-password")"
  export OPTIMIZARR_DB_PASSWORD
  database_hint="embedded, localhost:$embedded_port, data in $data/postgres, password in $data/postgres-password"
fi

# Both services in C1-compiled code only: they are light and I/O-bound, and the optimising
# compiler's work, still going after several encodes, was most of their CPU beside an encode
# (docs/BENCHMARKS.md, "Compiled by C1 only").
service_jvm=(-XX:TieredStopAtLevel=1)

QUARKUS_HTTP_PORT="$monitor_port" QUARKUS_MANAGEMENT_PORT="$monitor_management" \
  java "${service_jvm[@]}" -jar "$monitor_jar" > "$data/logs/monitor.log" 2>&1 &
pids+=($!)
wait_ready monitor "$monitor_management" "${pids[0]}"

QUARKUS_HTTP_PORT="$encoder_port" QUARKUS_MANAGEMENT_PORT="$encoder_management" \
  java "${service_jvm[@]}" -jar "$encoder_jar" > "$data/logs/encoder.log" 2>&1 &
pids+=($!)
wait_ready encoder "$encoder_management" "${pids[1]}"

first_admin=
if grep -q 'Created the first admin' "$data/logs/encoder.log"; then
  if [ -s "$OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE" ] && ! grep -q 'OPTIMIZARR_ADMIN_PASSWORD' "$data/logs/encoder.log"; then
    first_admin="Created the first admin. User: admin  Password: $(cat "$OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE")  (shown once here, kept in $OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE for you only; change it after logging in)"
  else
    first_admin="Created the first admin, user admin, with the password from OPTIMIZARR_ADMIN_PASSWORD."
  fi
fi

if $demo; then
  admin_password="${OPTIMIZARR_ADMIN_PASSWORD:-$(cat "$OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE" 2>/dev/null || true)}"
  if [ -z "$admin_password" ]; then
    echo "--demo needs the admin's password on a later start: set OPTIMIZARR_ADMIN_PASSWORD." >&2
  else
    clip="${roots[0]}/optimizarr-demo.mkv"
    [ -f "$clip" ] || ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=60" \
      -f lavfi -i "sine=frequency=440:duration=60" -c:v libx264 -preset ultrafast -c:a aac "$clip"
    curl -fs -u "admin:$admin_password" -H 'Content-Type: application/json' \
      -d "{\"inputPath\":\"$clip\",\"outputPath\":\"${roots[0]}/optimizarr-demo.hevc.mkv\",\"profileId\":1,\"overwrite\":true}" \
      "http://localhost:$encoder_port/api/jobs" > /dev/null \
      && echo "Demo: queued an encode of $clip; watch it at http://localhost:$encoder_port/#/jobs"
  fi
fi

cat <<INFO

Optimizarr is running.
  Monitor API      http://localhost:$monitor_port/api/resources/current  (user $OPTIMIZARR_MONITOR_USER, password $password_hint)
  Monitor metrics  http://localhost:$monitor_management/q/metrics  (management ports on $QUARKUS_MANAGEMENT_HOST)
  Web UI           http://localhost:$encoder_port/
  Encoder API      http://localhost:$encoder_port/api  (Swagger UI: http://localhost:$encoder_management/q/swagger-ui)
  Media roots      $OPTIMIZARR_MEDIA_ROOTS
  Output roots     ${OPTIMIZARR_OUTPUT_ROOTS:-the media roots}
  Database         $OPTIMIZARR_DB_NAME on $database_hint
  ${first_admin:-Log in as an existing user (the first admin was created on an earlier run).}
  Logs             $data/logs
Press Ctrl-C to stop.
INFO
# Until a service ends by itself (then the EXIT trap stops the others) or a signal comes (the trap
# runs, and wait returns; it also returns at once if the signal came before it began).
wait -n "${pids[@]}" 2>/dev/null || true
