package io.optimizarr.monitor.host;

import io.optimizarr.model.ProcessUsage;
import io.optimizarr.proc.ProcFs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The processes that callers asked about, each with the reading its next CPU figure is measured
 * from. A process asked about once stays watched for a while; one held by an open stream stays
 * until released. Thread-safe; {@link #sample} reads the processes outside its lock.
 */
public final class ProcessWatch {

  /** A CPU figure over less than this share of the interval would be mostly tick rounding. */
  private static final double MIN_WINDOW_SHARE = 0.25;

  private final Map<Long, Watched> watched = new HashMap<>();
  private final long askedForNanos;

  private static final class Watched {
    long askedUntilNanos;
    int holders;
    ProcessReading baseline;
    long baselineNanos;
  }

  /**
   * @param askedForNanos how long a process asked about once stays watched
   */
  public ProcessWatch(long askedForNanos) {
    this.askedForNanos = askedForNanos;
  }

  /** Watches these processes for a while, measuring from these readings where none is held. */
  public synchronized void ask(Collection<ProcessReading> readings, long nowNanos) {
    for (ProcessReading reading : readings) {
      Watched w = watched.computeIfAbsent(reading.pid(), pid -> new Watched());
      w.askedUntilNanos = Math.max(w.askedUntilNanos, nowNanos + askedForNanos);
      if (w.baseline == null) {
        w.baseline = reading;
        w.baselineNanos = nowNanos;
      }
    }
  }

  /** Watches these processes until {@link #release} is called as often. */
  public synchronized void hold(Collection<Long> pids) {
    for (long pid : pids) {
      watched.computeIfAbsent(pid, p -> new Watched()).holders++;
    }
  }

  public synchronized void release(Collection<Long> pids) {
    for (long pid : pids) {
      Watched w = watched.get(pid);
      if (w != null) {
        w.holders--;
      }
    }
  }

  public synchronized int size() {
    return watched.size();
  }

  /**
   * Reads every watched process and gives each one's use since its previous reading. Processes that
   * have exited or are no longer wanted are dropped; a process read for the first time gives a
   * figure from the next sample on.
   */
  public List<ProcessUsage> sample(
      LongFunction<Optional<ProcessReading>> reader,
      long nowNanos,
      double intervalSeconds,
      int logicalCores) {
    List<Long> pids = wantedPids(nowNanos);
    var readings = new HashMap<Long, Optional<ProcessReading>>();
    for (long pid : pids) {
      readings.put(pid, reader.apply(pid));
    }
    var usages = new ArrayList<ProcessUsage>();
    synchronized (this) {
      for (long pid : pids) {
        Watched w = watched.get(pid);
        Optional<ProcessReading> now = readings.get(pid);
        if (w == null) {
          continue;
        }
        if (now.isEmpty()) {
          watched.remove(pid);
          continue;
        }
        usageSinceBaseline(w, now.get(), nowNanos, intervalSeconds, logicalCores)
            .ifPresent(usages::add);
      }
    }
    usages.sort((a, b) -> Long.compare(a.pid(), b.pid()));
    return usages;
  }

  private synchronized List<Long> wantedPids(long nowNanos) {
    watched.values().removeIf(w -> w.holders <= 0 && w.askedUntilNanos < nowNanos);
    return new ArrayList<>(watched.keySet());
  }

  private static Optional<ProcessUsage> usageSinceBaseline(
      Watched w, ProcessReading current, long nowNanos, double intervalSeconds, int cores) {
    if (w.baseline == null) {
      w.baseline = current;
      w.baselineNanos = nowNanos;
      return Optional.empty();
    }
    double windowSeconds = (nowNanos - w.baselineNanos) / 1e9;
    if (windowSeconds < intervalSeconds * MIN_WINDOW_SHARE) {
      return Optional.empty();
    }
    double cpu =
        ProcFs.cpuPercent(w.baseline.cpuMillis(), current.cpuMillis(), windowSeconds, cores);
    w.baseline = current;
    w.baselineNanos = nowNanos;
    return Optional.of(
        new ProcessUsage(current.pid(), cpu, current.residentBytes(), current.state()));
  }
}
