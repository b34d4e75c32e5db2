package io.optimizarr.monitor.host;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessStat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU of the host's batch work between two calls: programs in the idle scheduling class or at
 * nice 15 or more ({@link ProcessStat#batch()}), which yield to everything else. Keeps every
 * process's CPU time, so a program reniced in between counts only what it ran since; after the
 * first call a process seen for the first time counts in whole, having started in between. Not
 * thread-safe: the one sampler thread calls it.
 */
public final class BatchLoad {

  /**
   * @param percent batch programs' CPU over the window as a share of the whole machine; null on the
   *     first call, which only starts the count
   * @param batchPids the processes that were batch work at this call
   * @param stillPids the processes that used no CPU time since the previous call: none of their
   *     threads ran for as long as a clock tick
   */
  public record Reading(Double percent, Set<Long> batchPids, Set<Long> stillPids) {}

  private final ProcFs proc;
  private Map<Long, Long> previous = new HashMap<>();
  private boolean first = true;

  public BatchLoad(ProcFs proc) {
    this.proc = proc;
  }

  public Reading sinceLast(Iterable<Long> pids, double windowSeconds, int cores) {
    var now = new HashMap<Long, Long>(previous.size() * 2 + 16);
    var batch = new HashSet<Long>();
    var still = new HashSet<Long>();
    long ticks = 0;
    for (long pid : pids) {
      Optional<ProcessStat> stat = proc.stat(pid);
      if (stat.isEmpty()) {
        continue; // ended between the listing and the read
      }
      long used = stat.get().cpuTicks();
      now.put(pid, used);
      Long before = previous.get(pid);
      if (before != null && before == used) {
        still.add(pid);
      }
      if (stat.get().batch()) {
        batch.add(pid);
        ticks += before != null ? Math.max(0, used - before) : first ? 0 : used;
      }
    }
    boolean counted = !first;
    previous = now;
    first = false;
    Double percent =
        counted
            ? ProcFs.cpuPercent(0, ticks * 1000 / ProcFs.TICKS_PER_SECOND, windowSeconds, cores)
            : null;
    return new Reading(percent, batch, still);
  }

  /** Drops every kept figure: the next call is a new start. */
  public void forget() {
    previous = new HashMap<>();
    first = true;
  }
}
