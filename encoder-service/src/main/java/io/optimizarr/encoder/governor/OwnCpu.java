package io.optimizarr.encoder.governor;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessStat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our CPU between two pulses: the encodes', this service's and its helpers' ({@link
 * io.optimizarr.encoder.process.ServiceProcesses}), one {@code stat} read per process, cheap enough
 * for several calls a second. A window in which an encode started or ended is not measured (its CPU
 * in that window is partly unknown), so it gives nothing then; a helper seen for the first time
 * counts in whole (it started in the window), one that ended counts no more. Not thread-safe.
 */
final class OwnCpu {

  /**
   * @param cpuPercent our CPU as a share of the whole machine (0–100)
   * @param seconds the window it covers: since the previous call
   */
  record Reading(double cpuPercent, double seconds) {}

  private final int cores = Runtime.getRuntime().availableProcessors();
  private Map<Long, Long> previous = Map.of();
  private int previousEncodes;
  private long previousNanos = System.nanoTime();
  private boolean first = true;

  /**
   * Our CPU since the previous call; empty after a change in the encodes or at first.
   *
   * @param encodes the running encodes' pids
   * @param service this service's pid and its helpers'
   */
  Optional<Reading> measure(List<Long> encodes, List<Long> service) {
    long nanos = System.nanoTime();
    var now = new HashMap<Long, Long>();
    long ticks = 0;
    boolean same = !first && encodes.size() == previousEncodes;
    for (long pid : encodes) {
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
    for (long pid : service) {
      Optional<ProcessStat> stat = ProcFs.host().stat(pid);
      if (stat.isPresent() && !now.containsKey(pid)) {
        now.put(pid, stat.get().cpuTicks());
        Long before = previous.get(pid);
        ticks += Math.max(0, stat.get().cpuTicks() - (before == null ? 0 : before));
      }
    }
    double seconds = (nanos - previousNanos) / 1e9;
    previous = now;
    previousEncodes = encodes.size();
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
