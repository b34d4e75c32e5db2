package io.optimizarr.encoder.schedule;

import java.util.List;
import java.util.Locale;

/**
 * The schedule as clients send it (PUT replaces it whole; the run-now override has its own call).
 * Every field is required; {@link ScheduleRules} names each one that is missing or wrong.
 */
public record ScheduleInput(List<WindowInput> windows, String outsideWindow, IdleInput idle) {

  /** A window: days as {@code MON}…{@code SUN} (or whole names), times as {@code HH:mm}. */
  public record WindowInput(List<String> days, String start, String end) {}

  public record IdleInput(
      Boolean enabled,
      Integer cpuBelow,
      Integer afterMinutes,
      Integer inUseAfterSeconds,
      Integer cpuThreshold,
      Integer memoryThreshold,
      Integer gpuThreshold) {}

  /** The schedule this input stands for; call only once {@link ScheduleRules} found no problem. */
  Schedule toSchedule() {
    return new Schedule(
        windows.stream().map(w -> EncodingWindow.of(w.days(), w.start(), w.end())).toList(),
        OutsideWindow.valueOf(outsideWindow.trim().toUpperCase(Locale.ROOT)),
        null,
        new Idle(
            idle.enabled(),
            idle.cpuBelow(),
            idle.afterMinutes(),
            idle.inUseAfterSeconds(),
            idle.cpuThreshold(),
            idle.memoryThreshold(),
            idle.gpuThreshold()));
  }
}
