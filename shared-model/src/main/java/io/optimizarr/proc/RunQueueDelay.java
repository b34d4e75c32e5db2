package io.optimizarr.proc;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * How long threads were ready to run but waited for a core: the second figure of {@code
 * /proc/PID/task/TID/schedstat}, in nanoseconds. Both services use it to tell a program that wants
 * more CPU than it gets (a foreground squeezed by our encode) from one that is merely busy. Keeps
 * each thread's last figure, so successive calls give the waiting in between; after the first call
 * a thread seen for the first time counts in whole, having started in between. Not thread-safe.
 */
public final class RunQueueDelay {

  /** Waiting in nanoseconds, of batch processes' threads and of the others'. */
  public record Waited(long batchNanos, long otherNanos) {

    public long totalNanos() {
      return batchNanos + otherNanos;
    }
  }

  /** What one call does with a process. */
  public enum Look {
    /** Reads its threads and counts their waiting since the previous reading. */
    READ,
    /**
     * Does not read it and keeps its threads' figures as they were: its waiting until now counts at
     * the next call that reads it, so nothing is lost, only counted later.
     */
    KEEP,
    /**
     * Neither reads nor counts it, and drops its figures: the next call that reads it starts from
     * there, counting nothing for the time in between.
     */
    SKIP
  }

  private final ProcFs proc;
  private final byte[] buffer = new byte[128];

  /** Per process, each thread's figure when last read. */
  private Map<Long, Map<Long, Long>> previous = new HashMap<>();

  /** The processes of the previous call, read or not. */
  private Set<Long> known = new HashSet<>();

  private boolean first = true;

  public RunQueueDelay(ProcFs proc) {
    this.proc = proc;
  }

  /** Whether this kernel reports per-thread scheduling figures (CONFIG_SCHED_INFO). */
  public static boolean supported(ProcFs proc) {
    return proc.hasSchedstat();
  }

  /**
   * Nanoseconds waited since the previous call by the threads of these processes. Runs every second
   * over every thread of the host, so it reads with plain file streams into one buffer: about a
   * third of the cost of NIO paths and strings.
   */
  public long sinceLast(Iterable<Long> pids) {
    return sinceLast(pids, pid -> false).totalNanos();
  }

  /**
   * The same, told apart by {@code batch}: a process that changes class between calls keeps its
   * threads' figures, so nothing is counted twice.
   */
  public Waited sinceLast(Iterable<Long> pids, LongPredicate batch) {
    return sinceLast(pids, batch, pid -> Look.READ);
  }

  /**
   * The same, reading only the processes {@code look} says to read. A thread seen for the first
   * time after the first call counts in whole where its process was read before or is new since the
   * previous call (it started in between); in a process that was there but not read (skipped, or
   * kept without figures) it counts from this call on.
   */
  public Waited sinceLast(Iterable<Long> pids, LongPredicate batch, LongFunction<Look> look) {
    var now = new HashMap<Long, Map<Long, Long>>(previous.size() * 2 + 16);
    var seen = new HashSet<Long>(known.size() * 2 + 16);
    long batchWaited = 0;
    long otherWaited = 0;
    for (long pid : pids) {
      seen.add(pid);
      Look how = look.apply(pid);
      Map<Long, Long> before = previous.get(pid);
      if (how == Look.SKIP) {
        continue;
      }
      if (how == Look.KEEP && before != null) {
        now.put(pid, before);
        continue;
      }
      String task = proc.taskFolder(pid);
      String[] threads = new File(task).list();
      if (threads == null) {
        continue; // the process ended: its waiting is gone with it
      }
      boolean countNewThreads = !first && (before != null || !known.contains(pid));
      var figures = new HashMap<Long, Long>(threads.length * 2);
      long waited = 0;
      for (String thread : threads) {
        long delay = delayOf(task + thread + "/schedstat");
        if (delay < 0) {
          continue;
        }
        long tid = Long.parseLong(thread);
        figures.put(tid, delay);
        Long last = before == null ? null : before.get(tid);
        if (last != null) {
          waited += Math.max(0, delay - last);
        } else if (countNewThreads) {
          waited += delay;
        }
      }
      now.put(pid, figures);
      if (batch.test(pid)) {
        batchWaited += waited;
      } else {
        otherWaited += waited;
      }
    }
    previous = now;
    known = seen;
    first = false;
    return new Waited(batchWaited, otherWaited);
  }

  /** Drops every kept figure: the next call is a new start and gives 0. */
  public void forget() {
    previous = new HashMap<>();
    known = new HashSet<>();
    first = true;
  }

  /** The run-queue delay a schedstat file holds, or -1 when the thread is gone. */
  private long delayOf(String schedstat) {
    try (var in = new FileInputStream(schedstat)) {
      int length = in.read(buffer);
      return length <= 0 ? -1 : parseDelay(buffer, length);
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  /** The second of the three figures: {@code on-cpu-ns run-delay-ns timeslices}. */
  static long parseDelay(byte[] text, int length) {
    int i = 0;
    while (i < length && text[i] != ' ') {
      i++;
    }
    i++;
    if (i >= length || text[i] < '0' || text[i] > '9') {
      throw new IllegalArgumentException("not a schedstat line");
    }
    long value = 0;
    while (i < length && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + (text[i] - '0');
      i++;
    }
    return value;
  }

  /** Waiting over a window as a share of the machine's capacity; above 100 when many wait. */
  public static double percent(long waitedNanos, double windowSeconds, int cores) {
    if (windowSeconds <= 0 || cores <= 0) {
      return 0.0;
    }
    return 100.0 * waitedNanos / (windowSeconds * 1e9 * cores);
  }
}
