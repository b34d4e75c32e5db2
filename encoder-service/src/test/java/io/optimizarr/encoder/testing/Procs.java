package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What {@code /proc} says of processes: their state, and the ffmpeg processes naming a path. */
public final class Procs {

  private Procs() {}

  /** The process's state letter ({@code R}, {@code S}, {@code T}…), or {@code gone}. */
  public static String state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (IOException gone) {
      return "gone";
    }
  }

  /** The ffmpeg processes whose arguments contain {@code path}. */
  public static List<Long> ffmpegsNaming(Path path) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> cmdline(p).contains("ffmpeg") && cmdline(p).contains(path.toString()))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }
}
