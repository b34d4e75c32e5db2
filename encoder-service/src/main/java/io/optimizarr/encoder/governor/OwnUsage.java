package io.optimizarr.encoder.governor;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessSample;
import io.optimizarr.proc.RunQueueDelay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our encodes' CPU, memory and waiting for a core between two calls, read from {@code /proc}: the
 * window between two snapshots, so that it matches the monitor's. A process seen for the first time
 * counts its CPU from its next call. Not thread-safe.
 */
final class OwnUsage {

  /**
   * @param waitingPercent our threads' run-queue delay as a share of all cores (above 100 when many
   *     wait)
   */
  record Figures(double cpuPercent, long residentBytes, double waitingPercent) {}

  private final int cores = Runtime.getRuntime().availableProcessors();
  private final RunQueueDelay waits = new RunQueueDelay(ProcFs.host());
  private Map<Long, ProcessSample> previous = new HashMap<>();
  private long previousNanos = System.nanoTime();

  Figures measure(List<Long> pids) {
    var now = new HashMap<Long, ProcessSample>();
    double cpu = 0;
    long resident = 0;
    for (long pid : pids) {
      Optional<ProcessSample> usage = ProcFs.host().sample(pid);
      if (usage.isEmpty()) {
        continue;
      }
      now.put(pid, usage.get());
      resident += usage.get().residentBytes();
      ProcessSample before = previous.get(pid);
      if (before != null) {
        cpu += usage.get().cpuPercentSince(before, cores);
      }
    }
    previous = now;
    long nanos = System.nanoTime();
    double waiting =
        RunQueueDelay.percent(waits.sinceLast(pids), (nanos - previousNanos) / 1e9, cores);
    previousNanos = nanos;
    return new Figures(Math.min(100.0, cpu), resident, waiting);
  }
}
