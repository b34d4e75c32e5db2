package io.optimizarr.encoder.governor;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessSample;
import io.optimizarr.proc.RunQueueDelay;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Our encodes' CPU, memory and waiting for a core between two calls, read from {@code /proc}: the
 * window between two snapshots, so that it matches the monitor's. A process seen for the first time
 * counts its CPU from its next call. Not thread-safe.
 */
final class OwnUsage {

  /**
   * @param waitingPercent our threads' run-queue delay as a share of all cores (above 100 when many
   *     wait)
   * @param batchCpuPercent the CPU of those of our encodes that are batch work themselves (idle
   *     class or nice 15+), which the monitor counts in its batch figure
   * @param nonBatchWaitingPercent the waiting of our encodes that are not batch work: the part of
   *     ours in a waiting figure that leaves batch work out
   */
  record Figures(
      double cpuPercent,
      long residentBytes,
      double waitingPercent,
      double batchCpuPercent,
      double nonBatchWaitingPercent) {}

  private final int cores = Runtime.getRuntime().availableProcessors();
  private final RunQueueDelay waits = new RunQueueDelay(ProcFs.host());
  private Map<Long, ProcessSample> previous = new HashMap<>();
  private long previousNanos = System.nanoTime();

  Figures measure(List<Long> pids) {
    var now = new HashMap<Long, ProcessSample>();
    Set<Long> batch = new HashSet<>();
    double cpu = 0;
    double batchCpu = 0;
    long resident = 0;
    for (long pid : pids) {
      Optional<ProcessSample> usage = ProcFs.host().sample(pid);
      if (usage.isEmpty()) {
        continue;
      }
      now.put(pid, usage.get());
      resident += usage.get().residentBytes();
      if (usage.get().batch()) {
        batch.add(pid);
      }
      ProcessSample before = previous.get(pid);
      if (before != null) {
        double used = usage.get().cpuPercentSince(before, cores);
        cpu += used;
        batchCpu += usage.get().batch() ? used : 0;
      }
    }
    previous = now;
    long nanos = System.nanoTime();
    double seconds = (nanos - previousNanos) / 1e9;
    RunQueueDelay.Waited waited = waits.sinceLast(pids, batch::contains);
    previousNanos = nanos;
    return new Figures(
        Math.min(100.0, cpu),
        resident,
        RunQueueDelay.percent(waited.totalNanos(), seconds, cores),
        Math.min(100.0, batchCpu),
        RunQueueDelay.percent(waited.otherNanos(), seconds, cores));
  }
}
