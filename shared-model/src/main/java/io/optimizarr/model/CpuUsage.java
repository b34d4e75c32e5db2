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
 *     the CPU is less than half busy (the monitor reads it only from then on); where {@code
 *     batchPercent} is given, batch programs' threads are left out of it
 * @param batchPercent CPU used by batch programs — those in the idle scheduling class or at nice 15
 *     or more, another batch job like our encodes — as a share of the whole machine (0–100); null
 *     while the CPU is less than half busy, when it is not read
 */
public record CpuUsage(
    double usagePercent,
    List<Double> perCorePercent,
    int logicalCores,
    Double loadAverage1m,
    Double temperatureCelsius,
    Double waitingPercent,
    Double batchPercent) {

  public CpuUsage {
    perCorePercent = perCorePercent == null ? List.of() : List.copyOf(perCorePercent);
  }
}
