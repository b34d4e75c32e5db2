#!/usr/bin/env bash
# What authenticating a script's request costs: GET /api/profiles sent one after another, COUNT
# times per run, RUNS runs alternating, with HTTP Basic (bcrypt on every request), with an API key
# in X-Api-Key (one SHA-256, and the key trusted for the session recheck) and with a session
# cookie (the web UI's way), on this machine in this run. Reports the median request time of each
# and the server's CPU per request (the encoder's /proc/PID/stat over each run).
#
#   bench/api-auth.sh              # COUNT=200 RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

COUNT="${COUNT:-200}"
RUNS="${RUNS:-3}"
start_services
url="http://localhost:$PORT/api/profiles"
key=$(api -X POST "http://localhost:$PORT/api/keys" -d '{"name":"bench","role":"viewer"}' \
  | sed 's/.*"key":"\([^"]*\)".*/\1/')
cookie=$(curl -fs -c - -d "j_username=admin&j_password=$PASSWORD" "http://localhost:$PORT/j_security_check" \
  | awk '$6 == "quarkus-credential" { print $7 }')
ticks() { awk '{ print $14 + $15 }' "/proc/$encoder/stat"; }

# run WAY: COUNT requests over one connection, each timed by curl; prints "median_ms cpu_ms_per_request".
run() {
  local args=() before after
  case "$1" in
    basic) args=(-u "admin:$PASSWORD") ;;
    key) args=(-H "X-Api-Key: $key") ;;
    cookie) args=(-b "quarkus-credential=$cookie") ;;
  esac
  local urls=()
  for _ in $(seq 1 "$COUNT"); do urls+=("$url" -o /dev/null); done
  before=$(ticks)
  curl -fs "${args[@]}" -w '%{time_total}\n' "${urls[@]}" > "$out/auth-$1.times"
  after=$(ticks)
  local median
  median=$(awk '{ print $1 * 1000 }' "$out/auth-$1.times" | median)
  echo "$median $(awk -v a="$after" -v b="$before" -v n="$COUNT" 'BEGIN { printf "%.2f", (a - b) * 10 / n }')"
}

run basic > /dev/null; run key > /dev/null; run cookie > /dev/null   # warm-up
printf 'run\tway\tmedian_ms\tserver_cpu_ms_per_request\n' > "$out/auth-runs.tsv"
for r in $(seq 1 "$RUNS"); do
  for way in basic key cookie; do
    read -r ms cpu <<< "$(run "$way")"
    printf '%s\t%s\t%s\t%s\n' "$r" "$way" "$ms" "$cpu" | tee -a "$out/auth-runs.tsv"
  done
done
summary() { awk -v w="$1" -v c="$2" -F'\t' '$2 == w { print $c }' "$out/auth-runs.tsv" | median; }
cat <<RESULT | tee "$out/auth-summary.md"

Medians of $RUNS runs of $COUNT sequential GET /api/profiles each, one connection ($(nproc) cores, $(date -u +%Y-%m-%d)):
| authentication | request time (median) | encoder CPU per request |
| --- | --- | --- |
| HTTP Basic (bcrypt) | $(summary basic 3) ms | $(summary basic 4) ms |
| API key (X-Api-Key) | $(summary key 3) ms | $(summary key 4) ms |
| session cookie | $(summary cookie 3) ms | $(summary cookie 4) ms |
RESULT
