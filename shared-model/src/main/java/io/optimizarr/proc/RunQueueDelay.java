package io.optimizarr.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long threads were ready to run but waited for a core: the second figure of {@code
 * /proc/PID/task/TID/schedstat}, in nanoseconds. Both services use it to tell a program that wants
 * more CPU than it gets (a foreground squeezed by our encode) from one that is merely busy. Keeps
 * each thread's last figure, so successive calls give the waiting in between; after the first call
 * a thread seen for the first time counts in whole, having started in between. Not thread-safe.
 */
public final class RunQueueDelay {

  private final Path proc;
  private Map<Long, Long> previous = new HashMap<>();
  private boolean first = true;

  public RunQueueDelay(Path proc) {
    this.proc = proc;
  }

  /** Whether this kernel reports per-thread scheduling figures (CONFIG_SCHED_INFO). */
  public static boolean supported(Path proc) {
    return Files.isReadable(proc.resolve("self/schedstat"));
  }

  /** Nanoseconds waited since the previous call by the threads of these processes. */
  public long sinceLast(Iterable<Long> pids) {
    var now = new HashMap<Long, Long>();
    long waited = 0;
    for (long pid : pids) {
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(task(pid))) {
        for (Path thread : tasks) {
          Long delay = delayOf(thread.resolve("schedstat"));
          if (delay == null) {
            continue;
          }
          long tid = Long.parseLong(thread.getFileName().toString());
          now.put(tid, delay);
          Long before = previous.get(tid);
          if (before != null) {
            waited += Math.max(0, delay - before);
          } else if (!first) {
            waited += delay;
          }
        }
      } catch (IOException | RuntimeException exited) {
        // the process ended between listing and reading: its waiting is gone with it
      }
    }
    previous = now;
    first = false;
    return waited;
  }

  /** Every process on the host: the numeric entries of {@code /proc}. */
  public List<Long> allProcesses() {
    var pids = new ArrayList<Long>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  private Path task(long pid) {
    return proc.resolve(Long.toString(pid)).resolve("task");
  }

  private static Long delayOf(Path schedstat) {
    try {
      return parseDelay(Files.readString(schedstat));
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }

  /** The second of the three figures: {@code on-cpu-ns run-delay-ns timeslices}. */
  static long parseDelay(String schedstat) {
    String[] figures = schedstat.trim().split("\\s+");
    return Long.parseLong(figures[1]);
  }

  /** Waiting over a window as a share of the machine's capacity; above 100 when many wait. */
  public static double percent(long waitedNanos, double windowSeconds, int cores) {
    if (windowSeconds <= 0 || cores <= 0) {
      return 0.0;
    }
    return 100.0 * waitedNanos / (windowSeconds * 1e9 * cores);
  }
}
