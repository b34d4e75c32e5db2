package io.optimizarr.monitor.host;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's CPU time counters from {@code /proc/stat}: one row for the whole machine and one per
 * logical core, each as the fields after the row's name (user, nice, system, idle, iowait, irq,
 * softirq, steal, …) in clock ticks.
 */
public record CpuTicks(long[] total, List<long[]> perCore) {

  private static final int IDLE = 3;
  private static final int IOWAIT = 4;
  // guest and guest_nice are already counted in user and nice.
  private static final int COUNTED_FIELDS = 8;

  /** Parses the {@code cpu} and {@code cpuN} rows of {@code /proc/stat}. */
  public static CpuTicks parse(List<String> procStatLines) {
    long[] total = null;
    var cores = new ArrayList<long[]>();
    for (String line : procStatLines) {
      if (!line.startsWith("cpu")) {
        continue;
      }
      String[] fields = line.trim().split("\\s+");
      long[] ticks = new long[COUNTED_FIELDS];
      for (int i = 0; i < COUNTED_FIELDS && i + 1 < fields.length; i++) {
        ticks[i] = Long.parseLong(fields[i + 1]);
      }
      if (fields[0].equals("cpu")) {
        total = ticks;
      } else {
        cores.add(ticks);
      }
    }
    if (total == null) {
      throw new IllegalArgumentException("no aggregate cpu row in /proc/stat");
    }
    return new CpuTicks(total, List.copyOf(cores));
  }

  /** Busy share of all cores between {@code earlier} and this reading, 0–100. */
  public double usagePercentSince(CpuTicks earlier) {
    return busyPercent(earlier.total, total);
  }

  /** Busy share of each core between {@code earlier} and this reading, 0–100. */
  public List<Double> perCorePercentSince(CpuTicks earlier) {
    var result = new ArrayList<Double>(perCore.size());
    for (int i = 0; i < perCore.size(); i++) {
      long[] before = i < earlier.perCore.size() ? earlier.perCore.get(i) : new long[0];
      result.add(busyPercent(before, perCore.get(i)));
    }
    return result;
  }

  static double busyPercent(long[] before, long[] after) {
    long all = 0;
    long idle = 0;
    for (int i = 0; i < after.length; i++) {
      long delta = Math.max(0, after[i] - (i < before.length ? before[i] : 0));
      all += delta;
      if (i == IDLE || i == IOWAIT) {
        idle += delta;
      }
    }
    if (all == 0) {
      return 0.0;
    }
    return Math.min(100.0, 100.0 * (all - idle) / all);
  }
}
