package io.optimizarr.encoder.schedule;

/**
 * Thresholds for a machine nobody is using, as BOINC has for its volunteers. The machine counts as
 * idle once other programs' CPU has stayed under {@code cpuBelow} percent for {@code afterMinutes};
 * it is in use again once that CPU has stayed at or above it for {@code inUseAfterSeconds} (so a
 * short burst of a background task does not end idleness, and the idle thresholds judge it). While
 * idle, the governor judges by the idle thresholds instead of the node's.
 */
public record Idle(
    boolean enabled,
    int cpuBelow,
    int afterMinutes,
    int inUseAfterSeconds,
    int cpuThreshold,
    int memoryThreshold,
    int gpuThreshold) {

  public static Idle off() {
    return new Idle(false, 15, 10, 30, 95, 95, 95);
  }
}
