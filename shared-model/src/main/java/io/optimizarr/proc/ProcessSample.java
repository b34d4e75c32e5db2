package io.optimizarr.proc;

/**
 * One look at a process: the CPU time it has used so far and the memory it holds now, with when it
 * was taken.
 *
 * @param state the kernel's state letter (R, S, D, T, Z, …)
 * @param cpuTicks user plus kernel time of all its threads since it started, in {@link
 *     ProcFs#TICKS_PER_SECOND}
 * @param atNanos {@link System#nanoTime()} of the reading
 * @param batch whether it is batch work ({@link ProcessStat#batch()}): idle class or nice 15+
 */
public record ProcessSample(
    long pid, char state, long cpuTicks, long residentBytes, long atNanos, boolean batch) {

  public long cpuMillis() {
    return cpuTicks * 1000 / ProcFs.TICKS_PER_SECOND;
  }

  /** Share of the whole machine used since {@code earlier}, 0–100. */
  public double cpuPercentSince(ProcessSample earlier, int logicalCores) {
    return ProcFs.cpuPercent(
        earlier.cpuMillis(), cpuMillis(), (atNanos - earlier.atNanos) / 1e9, logicalCores);
  }
}
