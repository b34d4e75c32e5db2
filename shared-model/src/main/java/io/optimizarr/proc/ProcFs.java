package io.optimizarr.proc;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What both services read of processes and the host from {@code /proc}, in one place: each reader
 * does the I/O and hands the text to a static {@code parse…} beside it, which tests feed real
 * {@code /proc} content. The root is a parameter so tests can point it at a folder of their own.
 * Thread-safe: it keeps no state.
 */
public final class ProcFs {

  /** Linux reports process times in USER_HZ, 100 on every architecture it runs on. */
  public static final int TICKS_PER_SECOND = 100;

  private static final ProcFs HOST = new ProcFs(Path.of("/proc"));

  private final Path root;

  public ProcFs(Path root) {
    this.root = root;
  }

  /** The host's own {@code /proc}. */
  public static ProcFs host() {
    return HOST;
  }

  public Path root() {
    return root;
  }

  /** {@code /proc/PID/stat}, or empty when there is no such process. */
  public Optional<ProcessStat> stat(long pid) {
    return stat(Long.toString(pid));
  }

  private Optional<ProcessStat> stat(String process) {
    try {
      return Optional.of(parseStat(text(root.resolve(process).resolve("stat"))));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /**
   * The fields of a {@code stat} line this project uses. The command sits in parentheses and may
   * hold spaces and parentheses itself, so the fields are counted from the last ')'.
   */
  static ProcessStat parseStat(String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0 || end + 2 > stat.length()) {
      throw new IllegalArgumentException("not a /proc/PID/stat line");
    }
    // After "(comm) ": state is field 3 of proc(5), utime 14, stime 15, nice 19, policy 41.
    String[] f = stat.substring(end + 2).trim().split(" ");
    return new ProcessStat(
        f[0].charAt(0),
        Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Integer.parseInt(f[16]),
        f.length > 38 ? Integer.parseInt(f[38]) : 0);
  }

  /**
   * When the process started, in {@link #TICKS_PER_SECOND} since the host booted (field 22 of
   * {@code /proc/PID/stat}), or empty when there is no such process. A pid and its start time name
   * one process: a pid the kernel gives again later has a later start.
   */
  public Optional<Long> startTicks(long pid) {
    try {
      return Optional.of(parseStartTicks(text(file(pid, "stat"))));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** The start time of a {@code stat} line, counted from the last ')' as {@link #parseStat}. */
  static long parseStartTicks(String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0 || end + 2 > stat.length()) {
      throw new IllegalArgumentException("not a /proc/PID/stat line");
    }
    // After "(comm) ": state is field 3 of proc(5), starttime field 22.
    return Long.parseLong(stat.substring(end + 2).trim().split(" ")[19]);
  }

  /**
   * The process's resident memory (VmRSS of {@code /proc/PID/status}), or empty when there is no
   * such process. A kernel thread has none and gives 0.
   */
  public Optional<Long> residentBytes(long pid) {
    try {
      return Optional.of(parseResidentBytes(text(file(pid, "status"))));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  static long parseResidentBytes(String status) {
    int at = status.indexOf("VmRSS:");
    if (at < 0) {
      return 0;
    }
    int i = at + "VmRSS:".length();
    while (i < status.length() && !digit(status.charAt(i))) {
      i++;
    }
    long kb = 0;
    while (i < status.length() && digit(status.charAt(i))) {
      kb = kb * 10 + (status.charAt(i) - '0');
      i++;
    }
    return kb * 1024;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The process's CPU time and memory now, stamped with {@link System#nanoTime()}; empty when there
   * is no such process (or it exited between the two reads).
   */
  public Optional<ProcessSample> sample(long pid) {
    Optional<ProcessStat> stat = stat(pid);
    if (stat.isEmpty()) {
      return Optional.empty();
    }
    return residentBytes(pid)
        .map(
            resident ->
                new ProcessSample(
                    pid,
                    stat.get().state(),
                    stat.get().cpuTicks(),
                    resident,
                    System.nanoTime(),
                    stat.get().batch()));
  }

  /**
   * CPU time used over a window as a share of the whole machine, 0–100. A counter that went
   * backwards (another process behind a reused pid) counts as none.
   */
  public static double cpuPercent(
      long cpuMillisBefore, long cpuMillisAfter, double windowSeconds, int logicalCores) {
    if (windowSeconds <= 0 || logicalCores <= 0) {
      return 0.0;
    }
    double used = Math.max(0, cpuMillisAfter - cpuMillisBefore) / 1000.0;
    return Math.min(100.0, 100.0 * used / (windowSeconds * logicalCores));
  }

  /** The nice level of this JVM's process (0 when it cannot be read). */
  public int ownNiceness() {
    return stat("self").map(ProcessStat::niceness).orElse(0);
  }

  /** The ids of the process's threads ({@code /proc/PID/task}) now; empty once it has exited. */
  public List<Integer> threads(long pid) {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(file(pid, "task"))) {
      var ids = new ArrayList<Integer>();
      for (Path task : tasks) {
        ids.add(Integer.parseInt(task.getFileName().toString()));
      }
      return ids;
    } catch (NoSuchFileException gone) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the threads of " + pid, e);
    }
  }

  /** Every process on the host: the numeric entries of the root. */
  public List<Long> processes() {
    String[] entries = root.toFile().list();
    if (entries == null) {
      throw new UncheckedIOException(new IOException("cannot list " + root));
    }
    var pids = new ArrayList<Long>(entries.length);
    for (String name : entries) {
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        pids.add(Long.parseLong(name));
      }
    }
    return pids;
  }

  /**
   * The process's arguments ({@code /proc/PID/cmdline}), or empty when there is no such process.
   */
  public List<String> commandLine(long pid) {
    try {
      return parseCommandLine(bytes(file(pid, "cmdline")));
    } catch (IOException gone) {
      return List.of();
    }
  }

  /** Arguments end in NUL each; a zombie or kernel thread has none. */
  static List<String> parseCommandLine(byte[] raw) {
    if (raw.length == 0) {
      return List.of();
    }
    return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }

  /** The kernel's host name ({@code /proc/sys/kernel/hostname}), or "localhost" without one. */
  public String hostName() {
    try {
      return parseHostName(text(root.resolve("sys/kernel/hostname"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "localhost";
    }
  }

  static String parseHostName(String hostname) {
    return hostname.trim();
  }

  /** Whether this kernel reports per-thread scheduling figures (CONFIG_SCHED_INFO). */
  boolean hasSchedstat() {
    return Files.isReadable(root.resolve("self/schedstat"));
  }

  /** {@code ROOT/PID/task/} as a string, for the per-thread reads that build paths by hand. */
  String taskFolder(long pid) {
    return root + "/" + pid + "/task/";
  }

  private Path file(long pid, String name) {
    return root.resolve(Long.toString(pid)).resolve(name);
  }

  /** Numeric files: Latin-1 decodes any byte, so a command name in another encoding cannot fail. */
  private static String text(Path file) throws IOException {
    return text(file, StandardCharsets.ISO_8859_1);
  }

  private static String text(Path file, Charset charset) throws IOException {
    return new String(bytes(file), charset);
  }

  /** Plain streams: {@code /proc} files report size 0, and these are cheaper than NIO channels. */
  private static byte[] bytes(Path file) throws IOException {
    try (var in = new FileInputStream(file.toFile())) {
      return in.readAllBytes();
    }
  }
}
