package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.process.ProcessUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our encodes' CPU and memory between two calls, read from {@code /proc}: the window between two
 * snapshots, so that it matches the monitor's. A process seen for the first time counts from its
 * next call. Not thread-safe.
 */
final class OwnUsage {

  record Figures(double cpuPercent, long residentBytes) {}

  private final int cores = Runtime.getRuntime().availableProcessors();
  private Map<Long, ProcessUsage> previous = new HashMap<>();

  Figures measure(List<Long> pids) {
    var now = new HashMap<Long, ProcessUsage>();
    double cpu = 0;
    long resident = 0;
    for (long pid : pids) {
      Optional<ProcessUsage> usage = ProcessUsage.read(pid);
      if (usage.isEmpty()) {
        continue;
      }
      now.put(pid, usage.get());
      resident += usage.get().residentBytes();
      ProcessUsage before = previous.get(pid);
      if (before != null) {
        cpu += usage.get().cpuPercentSince(before, cores);
      }
    }
    previous = now;
    return new Figures(Math.min(100.0, cpu), resident);
  }
}
