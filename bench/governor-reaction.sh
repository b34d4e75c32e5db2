#!/usr/bin/env bash
# Reaction: how soon the governor signals an encode to stop (its log's "Pausing job" line) and the
# encode is stopped (state T in /proc) after a foreground that wants every core starts, what CPU the
# encode took meanwhile, and how soon it continues after the foreground ends. In the idle class the
# kernel hands the foreground the cores at once; a starved encode thread then takes its SIGSTOP
# only when the kernel next runs it, so state T can come well after the signal. The foreground runs as a service or
# a container would: in a session of its own (setsid) and a cgroup of its own (a v1 cpu cgroup this
# script makes under /sys/fs/cgroup/cpu and removes), busy loops on every core. The encode runs as
# the idle priority mode places it: SCHED_IDLE on every thread, in an idle cgroup of its own (v1,
# cpu.idle=1; made by this script, since the node shares its session and autogroup with the
# services here), so the kernel hands the foreground the cores at once and the fast path (a pulse
# every 200 ms) can see it take them.
# TRIALS trials (20), each started at a random point of the monitor's pulse and sample windows;
# p50 and p95 of both times, and how many pauses came from the fast rule. Beside it, the original
# product's loop (every 5 s: SIGSTOP when total CPU > THRESHOLD, else SIGCONT), ORIGINAL_TRIALS
# trials (8; 0 leaves it out), with burners in this script's session as before.
#
#   bench/governor-reaction.sh                      # TRIALS=20 ORIGINAL_TRIALS=8
#   TRIALS=40 ORIGINAL_TRIALS=0 bench/governor-reaction.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

TRIALS="${TRIALS:-20}"
ORIGINAL_TRIALS="${ORIGINAL_TRIALS:-8}"
THRESHOLD="${THRESHOLD:-90}"
CGROUP=/sys/fs/cgroup/cpu/optimizarr-bench-foreground
ENCODE_CGROUP=/sys/fs/cgroup/cpu/optimizarr-bench-encode
[ -d /sys/fs/cgroup/cpu ] || { echo "needs a v1 cpu cgroup hierarchy at /sys/fs/cgroup/cpu" >&2; exit 1; }
make_clip "$media/clip.mkv" 120 1280x720
start_services
mkdir -p "$CGROUP" "$ENCODE_CGROUP"
echo 1 > "$ENCODE_CGROUP/cpu.idle"
burners=()
stop_burners() { for b in "${burners[@]}"; do kill "$b" 2>/dev/null || true; done; burners=(); }
remove_cgroup() {
  if [ -d "$CGROUP" ]; then
    while read -r task; do kill -9 "$task" 2>/dev/null || true; done < "$CGROUP/tasks"
    for _ in $(seq 1 50); do rmdir "$CGROUP" 2>/dev/null && break; sleep 0.1; done
  fi
  if [ -d "$ENCODE_CGROUP" ]; then
    # The encode, if it still runs, goes back to the root group.
    while read -r task; do echo "$task" > /sys/fs/cgroup/cpu/tasks 2>/dev/null || true; done < "$ENCODE_CGROUP/tasks"
    for _ in $(seq 1 50); do rmdir "$ENCODE_CGROUP" 2>/dev/null && break; sleep 0.1; done
  fi
}
trap 'stop_burners; remove_cgroup; stop_services' EXIT

burn() { for _ in $(seq 1 "$(nproc)"); do sh -c 'while :; do :; done' & burners+=($!); done; }
between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
x264_args "$media/clip.mkv" veryslow

: > "$out/governor-reaction-runs.tsv"
printf 'who\ttrial\tto_pause_s\tto_resume_s\tpaused_by\tto_signal_s\tencode_cpu_pct\n' >> "$out/governor-reaction-runs.tsv"

# The governor at the same CPU threshold as the loop.
settings=$(api "http://localhost:$PORT/api/settings/resources" | sed "s/\"cpuThreshold\":[0-9]*/\"cpuThreshold\":$THRESHOLD/")
api -X PUT "http://localhost:$PORT/api/settings/resources" -d "$settings" > /dev/null
profile=$(profile "slow x264" veryslow)
id=$(job "$media/clip.mkv" "$media/governed.mkv" "$profile")
until [ "$(sql "select count(*) from job_event where job_id = $id and type = 'STARTED'")" = 1 ]; do sleep 0.5; done
until pid=$(sql "select pid from encoding_job where id = $id"); [ -n "$pid" ]; do sleep 0.2; done
# Every thread of the encode into the idle class and the idle cgroup (threads it starts later follow).
chrt -a --idle -p 0 "$pid"
echo "$pid" > "$ENCODE_CGROUP/cgroup.procs"
sleep 5

# One trial after another, timed from /proc: the foreground's start to state T, its end to not T.
python3 - "$pid" "$TRIALS" "$CGROUP" "$(nproc)" "$DB" "$id" "$out/encoder-bench.log" >> "$out/governor-reaction-runs.tsv" <<'PY'
import os, random, signal, subprocess, sys, time

pid, trials, cgroup, cores, db, job, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
hz = os.sysconf("SC_CLK_TCK")

def fields():
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()

def state():
    return fields()[0]

def cpu_ticks():
    f = fields()
    return int(f[11]) + int(f[12])

def clock(seconds):
    return time.strftime("%H:%M:%S", time.localtime(seconds)) + f".{int(seconds * 1000) % 1000:03d}"

def signalled_after(wall):
    """Seconds from wall to the encoder's first "Pausing job" log line after it (same day)."""
    go = clock(wall)
    with open(log, errors="replace") as f:
        for line in f:
            stamp = line[:12]
            if "Pausing job" in line and stamp >= go:
                h, m, s = stamp.split(":")
                g = go.split(":")
                return (int(h) * 3600 + int(m) * 60 + float(s)) - (int(g[0]) * 3600 + int(g[1]) * 60 + float(g[2]))
    return float("nan")

def until(stopped, limit=60):
    started = time.monotonic()
    while (state() == "T") != stopped:
        if time.monotonic() - started > limit:
            raise SystemExit(f"the encode was not {'stopped' if stopped else 'continued'} within {limit} s")
        time.sleep(0.002)
    return time.monotonic()

def join():
    os.setsid()
    with open(f"{cgroup}/tasks", "w") as tasks:
        tasks.write(str(os.getpid()))

# The foreground joins its session and cgroup first (moving a task between cgroups can take a
# while), then waits for a line on its stdin: its start is when it gets it.
loops = "read go; " + " ".join(["(while :; do :; done) &"] * cores) + " wait"
for trial in range(1, trials + 1):
    until(False)
    foreground = subprocess.Popen(["sh", "-c", loops], stdin=subprocess.PIPE, preexec_fn=join)
    # A random start within the windows: the monitor's pulses and samples run on their own clocks.
    time.sleep(3 + random.random())
    ticks = cpu_ticks()
    start = time.monotonic()
    wall = time.time()
    foreground.stdin.write(b"go\n")
    foreground.stdin.flush()
    paused = until(True)
    # The encode's CPU from the go to its stop, as a share of the machine.
    took = 100 * (cpu_ticks() - ticks) / hz / max(paused - start, 1e-3) / cores
    reason = subprocess.run(["psql", "-h", "localhost", "-U", "postgres", "-d", db, "-Atqc",
                             f"select status_reason from encoding_job where id = {job}"],
                            capture_output=True, text=True).stdout
    end = time.monotonic()
    os.killpg(foreground.pid, signal.SIGKILL)
    foreground.wait()
    resumed = until(False)
    by = "fast" if "within" in reason else "snapshots"
    signalled = signalled_after(wall)
    print(f"governor\t{trial}\t{paused - start:.3f}\t{resumed - end:.3f}\t{by}\t{signalled:.3f}\t{took:.1f}", flush=True)
    print(f"trial {trial}: go at {clock(wall)}, signalled after {signalled:.3f} s, stopped after {paused - start:.3f} s ({by}; the encode took {took:.1f} % of the machine meanwhile), resumed {resumed - end:.3f} s after the end", file=sys.stderr)
PY
api -X POST "http://localhost:$PORT/api/jobs/$id/cancel" > /dev/null

# The original loop, logging the time of each SIGSTOP and SIGCONT.
if [ "$ORIGINAL_TRIALS" -gt 0 ]; then
  nice -n 10 ffmpeg "${x264[@]}" "$media/original.mkv" > /dev/null &
  encode=$!
  (
    before=$(busy_total); stopped=0
    while kill -0 "$encode" 2>/dev/null; do
      sleep 5
      after=$(busy_total)
      percent=$(awk -v a="$after" -v b="$before" 'BEGIN { split(a, x, " "); split(b, y, " "); all = x[1] - y[1]; idle = x[2] - y[2]; printf "%d", (all > 0 ? 100 * (all - idle) / all : 0) }')
      before=$after
      if [ "$percent" -gt "$THRESHOLD" ] && [ "$stopped" = 0 ]; then kill -STOP "$encode"; stopped=1; echo "STOP $(now)"
      elif [ "$percent" -le "$THRESHOLD" ] && [ "$stopped" = 1 ]; then kill -CONT "$encode"; stopped=0; echo "CONT $(now)"; fi
    done
  ) > "$work/loop.log" &
  loop=$!
  for trial in $(seq 1 "$ORIGINAL_TRIALS"); do
    sleep 12
    start=$(now); burn
    if [ "$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$encode/stat")" = T ]; then
      # Already stopped by its own load when the burner came: it needed no reaction.
      stopped_at=$start
    else
      until awk -v t="$start" '$1 == "STOP" && $2 > t { found = 1 } END { exit !found }' "$work/loop.log"; do sleep 0.2; done
      stopped_at=$(awk -v t="$start" '$1 == "STOP" && $2 > t { print $2; exit }' "$work/loop.log")
    fi
    end=$(now); stop_burners
    until awk -v t="$end" '$1 == "CONT" && $2 > t { found = 1 } END { exit !found }' "$work/loop.log"; do sleep 0.2; done
    cont_at=$(awk -v t="$end" '$1 == "CONT" && $2 > t { print $2; exit }' "$work/loop.log")
    printf 'original\t%s\t%s\t%s\tloop\t%s\t-\n' "$trial" "$(between "$stopped_at" "$start")" "$(between "$cont_at" "$end")" "$(between "$stopped_at" "$start")" | tee -a "$out/governor-reaction-runs.tsv"
  done
  kill -CONT "$encode" 2>/dev/null || true; kill "$encode" "$loop" 2>/dev/null || true; wait "$encode" "$loop" 2>/dev/null || true
fi

pct() { # who column p
  awk -F'\t' -v w="$1" -v c="$2" '$1 == w { print $c }' "$out/governor-reaction-runs.tsv" | sort -g \
    | awk -v p="$3" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(p * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}
fast=$(awk -F'\t' '$1 == "governor" && $5 == "fast"' "$out/governor-reaction-runs.tsv" | wc -l)
cat <<RESULT | tee "$out/governor-reaction-summary.md"

CPU threshold $THRESHOLD, $(nproc) cores, $(date -u +%Y-%m-%d) (seconds; p95 is the value at or above 95 % of the trials):
| loop | trials | to signal p50 | to signal p95 | to state T p50 | to state T p95 | encode's CPU until T, median | to resume p50 | to resume p95 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| governor, 1 s samples and 200 ms pulses; foreground in its own session and cgroup, encode in the idle class ($fast of $TRIALS pauses by the fast rule) | $TRIALS | $(pct governor 6 0.5) | $(pct governor 6 0.95) | $(pct governor 3 0.5) | $(pct governor 3 0.95) | $(pct governor 7 0.5) % | $(pct governor 4 0.5) | $(pct governor 4 0.95) |
| original loop, every 5 s; burners in its session | $ORIGINAL_TRIALS | $(pct original 6 0.5) | $(pct original 6 0.95) | $(pct original 3 0.5) | $(pct original 3 0.95) | - | $(pct original 4 0.5) | $(pct original 4 0.95) |
RESULT
