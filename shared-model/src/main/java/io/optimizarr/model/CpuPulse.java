package io.optimizarr.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A quick look at the host's CPU, taken several times a second between snapshots so that an encoder
 * can make room for a foreground without waiting for the next snapshot. Only cheap figures: the
 * busy share from {@code /proc/stat} and the CPU pressure stall from {@code /proc/pressure/cpu}.
 *
 * @param seq increasing per monitor process, starting at 1; a sequence of its own, apart from the
 *     snapshots'
 * @param timestamp when it was taken
 * @param intervalSeconds the window its figures cover: since the previous pulse
 * @param usagePercent busy share of all cores over the window, 0–100
 * @param stalledPercent share of the window in which at least one runnable thread waited for a core
 *     (the {@code some} line of {@code /proc/pressure/cpu}), 0–100; null where the kernel has no
 *     pressure figures
 */
public record CpuPulse(
    long seq,
    Instant timestamp,
    double intervalSeconds,
    double usagePercent,
    Double stalledPercent) {

  public CpuPulse {
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
