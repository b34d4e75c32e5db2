package io.optimizarr.model;

import java.util.List;

/**
 * Processor use over the snapshot's window.
 *
 * @param usagePercent 0–100 over all logical cores
 * @param perCorePercent 0–100 for each logical core, in core order
 * @param loadAverage1m null where the platform has no load average
 * @param temperatureCelsius null when the host exposes no CPU temperature
 * @param waitingPercent time the host's threads were ready to run but waited for a core, as a share
 *     of all cores (above 100 when many wait); null where the kernel does not report it, and while
 *     the CPU is less than half busy (the monitor reads it only from then on)
 */
public record CpuUsage(
    double usagePercent,
    List<Double> perCorePercent,
    int logicalCores,
    Double loadAverage1m,
    Double temperatureCelsius,
    Double waitingPercent) {

  public CpuUsage {
    perCorePercent = perCorePercent == null ? List.of() : List.copyOf(perCorePercent);
  }
}
