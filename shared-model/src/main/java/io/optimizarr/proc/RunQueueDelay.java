package io.optimizarr.proc;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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

  private final ProcFs proc;
  private final byte[] buffer = new byte[128];
  private Map<Long, Long> previous = new HashMap<>();
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
    var now = new HashMap<Long, Long>(previous.size() * 2 + 16);
    long batchWaited = 0;
    long otherWaited = 0;
    for (long pid : pids) {
      long waited = 0;
      String task = proc.taskFolder(pid);
      String[] threads = new File(task).list();
      if (threads == null) {
        continue; // the process ended: its waiting is gone with it
      }
      for (String thread : threads) {
        long delay = delayOf(task + thread + "/schedstat");
        if (delay < 0) {
          continue;
        }
        long tid = Long.parseLong(thread);
        now.put(tid, delay);
        Long before = previous.get(tid);
        if (before != null) {
          waited += Math.max(0, delay - before);
        } else if (!first) {
          waited += delay;
        }
      }
      if (batch.test(pid)) {
        batchWaited += waited;
      } else {
        otherWaited += waited;
      }
    }
    previous = now;
    first = false;
    return new Waited(batchWaited, otherWaited);
  }

  /** Drops every kept figure: the next call is a new start and gives 0. */
  public void forget() {
    previous = new HashMap<>();
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
