package io.optimizarr.encoder.governor;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessStat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our encodes' CPU between two pulses: one {@code stat} read per encode, cheap enough for several
 * calls a second. A window in which an encode started or ended is not measured (its CPU in that
 * window is partly unknown), so it gives nothing then. Not thread-safe.
 */
final class OwnCpu {

  /**
   * @param cpuPercent our encodes' CPU as a share of the whole machine (0–100)
   * @param seconds the window it covers: since the previous call
   */
  record Reading(double cpuPercent, double seconds) {}

  private final int cores = Runtime.getRuntime().availableProcessors();
  private Map<Long, Long> previous = Map.of();
  private long previousNanos = System.nanoTime();
  private boolean first = true;

  /** Our encodes' CPU since the previous call; empty after a change in the encodes or at first. */
  Optional<Reading> measure(List<Long> pids) {
    long nanos = System.nanoTime();
    var now = new HashMap<Long, Long>();
    long ticks = 0;
    boolean same = !first && pids.size() == previous.size();
    for (long pid : pids) {
      Optional<ProcessStat> stat = ProcFs.host().stat(pid);
      if (stat.isEmpty()) {
        same = false;
        continue;
      }
      now.put(pid, stat.get().cpuTicks());
      Long before = previous.get(pid);
      if (before == null) {
        same = false;
      } else {
        ticks += Math.max(0, stat.get().cpuTicks() - before);
      }
    }
    double seconds = (nanos - previousNanos) / 1e9;
    previous = now;
    previousNanos = nanos;
    first = false;
    if (!same) {
      return Optional.empty();
    }
    return Optional.of(
        new Reading(
            ProcFs.cpuPercent(0, ticks * 1000 / ProcFs.TICKS_PER_SECOND, seconds, cores), seconds));
  }
}
