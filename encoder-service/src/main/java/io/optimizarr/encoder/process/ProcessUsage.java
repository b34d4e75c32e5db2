package io.optimizarr.encoder.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and resident memory of one process, read from {@code /proc}. The CPU share between two
 * readings is computed by {@link #cpuPercentSince}.
 */
public record ProcessUsage(long cpuTicks, long residentBytes, long atNanos) {

  /** Linux reports process times in USER_HZ, 100 on every architecture it runs on. */
  static final int TICKS_PER_SECOND = 100;

  public static Optional<ProcessUsage> read(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
      return Optional.of(parse(stat, status, System.nanoTime()));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  static ProcessUsage parse(String stat, String status, long atNanos) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // after the command: state is field 3, utime 14 and stime 15 (1-based, as in proc(5))
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    long rssKb =
        status
            .lines()
            .filter(l -> l.startsWith("VmRSS:"))
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
            .findFirst()
            .orElse(0L);
    return new ProcessUsage(ticks, rssKb * 1024, atNanos);
  }

  /** Share of the whole machine used since {@code earlier}, 0–100. */
  public double cpuPercentSince(ProcessUsage earlier, int cores) {
    double seconds = (atNanos - earlier.atNanos) / 1e9;
    if (seconds <= 0 || cores <= 0) {
      return 0.0;
    }
    double used = Math.max(0, cpuTicks - earlier.cpuTicks) / (double) TICKS_PER_SECOND;
    return Math.min(100.0, 100.0 * used / (seconds * cores));
  }
}
