package io.optimizarr.encoder.testing;

import io.optimizarr.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /proc} says of each thread of a process; threads that exit meanwhile are left out.
 */
public final class Threads {

  /**
   * ffmpeg's arguments for an endless four-thread x264 encode of a test picture, output dropped.
   */
  public static final List<String> ENDLESS_ENCODE =
      List.of(
          "-nostdin",
          "-loglevel",
          "error",
          "-f",
          "lavfi",
          "-i",
          "testsrc2=size=320x240:rate=30",
          "-c:v",
          "libx264",
          "-preset",
          "ultrafast",
          "-threads",
          "4",
          "-f",
          "null",
          "-");

  /**
   * @param state the kernel's letter: R, S, D, T (stopped), …
   * @param cpusAllowed the cpulist the thread may run on, as {@code Cpus_allowed_list} writes it
   * @param policy the scheduling policy: 0 SCHED_OTHER, 5 SCHED_IDLE
   * @param io the I/O class as {@code ionice -p} says it: {@code idle}, {@code none: prio 0}, …
   */
  public record Task(int tid, String state, int nice, String cpusAllowed, int policy, String io) {}

  private Threads() {}

  public static List<Task> of(long pid) {
    var tasks = new ArrayList<Task>();
    for (int tid : ProcFs.host().threads(pid)) {
      Path task = Path.of("/proc", Long.toString(pid), "task", Integer.toString(tid));
      try {
        String stat = Files.readString(task.resolve("stat"));
        // Fields after "(comm) ": state is field 3 of proc(5), nice field 19, policy field 41.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        String cpus =
            Files.readString(task.resolve("status"))
                .lines()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("");
        tasks.add(
            new Task(
                tid,
                fields[0],
                Integer.parseInt(fields[16]),
                cpus,
                Integer.parseInt(fields[38]),
                ioClass(tid)));
      } catch (IOException gone) {
        // the thread ended between the listing and the read
      }
    }
    return tasks;
  }

  /** What util-linux's ionice says of the thread's I/O class. */
  private static String ioClass(int tid) throws IOException {
    Process ionice =
        new ProcessBuilder("ionice", "-p", Integer.toString(tid)).redirectErrorStream(true).start();
    try {
      String said = new String(ionice.getInputStream().readAllBytes()).trim();
      ionice.waitFor();
      return said;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
