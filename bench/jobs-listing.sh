#!/usr/bin/env bash
# The job list under load: GET /api/jobs pages (the first, deep ones, and by status) at RATE
# requests a second for DURATION seconds, with 1,000 jobs in the database and then with JOBS (100,000),
# on this machine in this run. Latency is counted from when each request was due (an open model,
# bench/HttpLoad.java). Requests carry a session cookie, as the web UI's do (HTTP Basic would add a
# password check to each).
#
#   bench/jobs-listing.sh          # RATE=200 DURATION=30 JOBS=100000 RUNS=3 WARMUP=60 VACUUM=yes
#   VACUUM=no bench/jobs-listing.sh   # the table as a server with autovacuum off leaves it
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RATE="${RATE:-200}"
DURATION="${DURATION:-30}"
JOBS="${JOBS:-100000}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-60}"
VACUUM="${VACUUM:-yes}"

start_services
cookie=$(curl -fs -c - -d "j_username=admin&j_password=$PASSWORD" "http://localhost:$PORT/j_security_check" \
  | awk '$6 == "quarkus-credential" { print $7 }')

# fill N: the job table holds N finished jobs (a mix of outcomes), each with three events.
fill() {
  sql "truncate job_event, encoding_job restart identity cascade"
  sql "insert into encoding_job (input_path, output_path, profile_id, priority, status, node, progress_percent,
         created_at, started_at, finished_at)
       select '/media/film-' || g || '.mkv', '/media/film-' || g || '.hevc.mkv', 1, g % 3,
         (array['COMPLETED','COMPLETED','COMPLETED','FAILED','CANCELLED'])[1 + g % 5], 'bench', 100,
         now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now()
       from generate_series(1, $1) g"
  sql "insert into job_event (job_id, type, message)
       select id, t, t from encoding_job, unnest(array['QUEUED','STARTED','COMPLETED']) t"
  # What autovacuum would have done to a table that grew to N jobs over months (this machine's
  # PostgreSQL runs with autovacuum off): the visibility map lets index-only scans skip the heap.
  if [ "$VACUUM" = yes ]; then sql "vacuum analyze"; else sql "analyze"; fi
}

# urls N: what the UI and API clients ask for most — the first page (half), the first page of
# one status (a quarter), the next 20 pages (a fifth) — and pages spread to the very end (1 in 20).
urls() {
  local pages=$(( $1 / 50 ))
  for i in $(seq 0 19); do
    for j in $(seq 1 10); do echo "http://localhost:$PORT/api/jobs?page=0&size=50"; done
    for status in FAILED COMPLETED CANCELLED QUEUED PROCESSING; do echo "http://localhost:$PORT/api/jobs?status=$status"; done
    for j in 1 2 3 4; do echo "http://localhost:$PORT/api/jobs?page=$(( 1 + (i * 4 + j) % 20 ))&size=50"; done
    echo "http://localhost:$PORT/api/jobs?page=$(( i * pages / 20 ))&size=50"
  done > "$work/urls"
}

printf 'jobs\tvacuumed\trun\tresult\n' > "$out/jobs-listing-runs.tsv"
for n in 1000 "$JOBS"; do
  fill "$n"
  urls "$n"
  run=0
  java bench/HttpLoad.java "$RATE" "$WARMUP" "$DURATION" "$RUNS" "$work/urls" \
    "Cookie: quarkus-credential=$cookie" | while read -r result; do
    run=$((run + 1))
    printf '%s\t%s\t%s\t%s\n' "$n" "$VACUUM" "$run" "$result" | tee -a "$out/jobs-listing-runs.tsv"
  done
done
