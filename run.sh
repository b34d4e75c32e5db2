#!/usr/bin/env bash
# Runs Optimizarr on this machine: builds what is missing, then starts the monitor and the encoder,
# waits until both are ready and prints where they are. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

data="${OPTIMIZARR_DATA_DIR:-$HOME/.optimizarr}"
mkdir -p "$data/logs"
chmod 700 "$data"

monitor_jar=monitor-service/target/quarkus-app/quarkus-run.jar
encoder_jar=encoder-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$monitor_jar" ] || [ ! -f "$encoder_jar" ] \
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

# PostgreSQL for the encoder: the one the environment names, else the local server, where the
# database is created on the first run. (An embedded PostgreSQL for machines without one is to come.)
export OPTIMIZARR_DB_NAME="${OPTIMIZARR_DB_NAME:-optimizarr}"
if [ -z "${OPTIMIZARR_DB_HOST:-}" ]; then
  export OPTIMIZARR_DB_HOST=localhost
  if ! command -v psql >/dev/null || ! psql -h localhost -U "${OPTIMIZARR_DB_USER:-postgres}" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    echo "No PostgreSQL found at localhost:5432: start one, or set OPTIMIZARR_DB_HOST (and _PORT, _USER, _PASSWORD)." >&2
    exit 1
  fi
  if [ -z "$(psql -h localhost -U "${OPTIMIZARR_DB_USER:-postgres}" -d postgres -Atqc "select 1 from pg_database where datname = '$OPTIMIZARR_DB_NAME'")" ]; then
    psql -h localhost -U "${OPTIMIZARR_DB_USER:-postgres}" -d postgres -qc "create database \"$OPTIMIZARR_DB_NAME\"" >/dev/null
  fi
fi
export OPTIMIZARR_MEDIA_ROOTS="${OPTIMIZARR_MEDIA_ROOTS:-$data/media}"
IFS=',' read -ra roots <<< "$OPTIMIZARR_MEDIA_ROOTS"
mkdir -p "${roots[@]}"

monitor_port="${MONITOR_HTTP_PORT:-8081}"
monitor_management="${MONITOR_MANAGEMENT_PORT:-9001}"
encoder_port="${QUARKUS_HTTP_PORT:-8080}"
encoder_management="${QUARKUS_MANAGEMENT_PORT:-9000}"
export OPTIMIZARR_MONITOR_URL="${OPTIMIZARR_MONITOR_URL:-http://localhost:$monitor_port}"

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping …"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped."
}
trap stop INT TERM EXIT

wait_ready() { # name, management port, pid
  for _ in $(seq 1 120); do
    if curl -fs "http://localhost:$2/q/health/ready" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then
      echo "$1 did not start; the end of $data/logs/$1.log:" >&2
      tail -n 20 "$data/logs/$1.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$1 was not ready after 60 s; see $data/logs/$1.log" >&2
  exit 1
}

QUARKUS_HTTP_PORT="$monitor_port" QUARKUS_MANAGEMENT_PORT="$monitor_management" \
  java -jar "$monitor_jar" > "$data/logs/monitor.log" 2>&1 &
pids+=($!)
wait_ready monitor "$monitor_management" "${pids[0]}"

QUARKUS_HTTP_PORT="$encoder_port" QUARKUS_MANAGEMENT_PORT="$encoder_management" \
  java -jar "$encoder_jar" > "$data/logs/encoder.log" 2>&1 &
pids+=($!)
wait_ready encoder "$encoder_management" "${pids[1]}"

first_admin=$(grep -o 'Created the first admin.*' "$data/logs/encoder.log" || true)

cat <<INFO

Optimizarr is running.
  Monitor API      http://localhost:$monitor_port/api/resources/current  (user $OPTIMIZARR_MONITOR_USER, password $password_hint)
  Monitor metrics  http://localhost:$monitor_management/q/metrics
  Encoder API      http://localhost:$encoder_port/api  (Swagger UI: http://localhost:$encoder_management/q/swagger-ui)
  Media roots      $OPTIMIZARR_MEDIA_ROOTS
  Database         $OPTIMIZARR_DB_HOST/$OPTIMIZARR_DB_NAME
  ${first_admin:-Log in as an existing user (the first admin was created on an earlier run).}
  Logs             $data/logs
Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}"
