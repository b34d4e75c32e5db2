package io.optimizarr.encoder.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;

/**
 * A set of logical CPUs written as the kernel's cpulist ({@code 0-3,6}). An empty text means every
 * core. Parsing is pure; the host's core count is given.
 */
public record CpuAffinity(BitSet cores) {

  /** Parses a cpulist; throws {@link IllegalArgumentException} saying what is wrong. */
  public static CpuAffinity parse(String text, int hostCores) {
    var cores = new BitSet();
    if (text == null || text.isBlank()) {
      cores.set(0, hostCores);
      return new CpuAffinity(cores);
    }
    for (String part : text.split(",")) {
      String range = part.trim();
      if (!range.matches("\\d{1,4}(-\\d{1,4})?")) {
        throw new IllegalArgumentException(
            "'" + range + "' is not a core or a range of cores such as 0-3");
      }
      String[] ends = range.split("-");
      int from = Integer.parseInt(ends[0]);
      int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
      if (from > to) {
        throw new IllegalArgumentException("range " + range + " runs backwards");
      }
      if (to >= hostCores) {
        throw new IllegalArgumentException(
            "core " + to + " does not exist: this host has cores 0-" + (hostCores - 1));
      }
      cores.set(from, to + 1);
    }
    return new CpuAffinity(cores);
  }

  /**
   * The cores this service may run on ({@code Cpus_allowed_list} of its own status: a container's
   * cpuset, a {@code taskset} it was started under), read once; every online core where that cannot
   * be read.
   */
  public static CpuAffinity allowedHere() {
    return AllowedHere.CORES;
  }

  private static final class AllowedHere {
    static final CpuAffinity CORES = read();

    private static CpuAffinity read() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("Cpus_allowed_list:")) {
            return parse(line.substring(line.indexOf(':') + 1).trim(), MAX_CORES);
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        // Not Linux, or a format this does not know: every online core.
      }
      return parse("", Runtime.getRuntime().availableProcessors());
    }
  }

  /** The most cores a cpulist may name (four digits). */
  private static final int MAX_CORES = 10_000;

  /** The problem with a cpulist, or empty when it is valid on this host. */
  public static Optional<String> problem(String text, int hostCores) {
    try {
      parse(text, hostCores);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The mask as the kernel's {@code cpu_set_t}: 64 cores per word. */
  long[] mask(int words) {
    long[] mask = new long[words];
    for (int core = cores.nextSetBit(0); core >= 0; core = cores.nextSetBit(core + 1)) {
      if (core < words * 64) {
        mask[core / 64] |= 1L << (core % 64);
      }
    }
    return mask;
  }

  /** The canonical cpulist, as {@code /proc/PID/status} writes it in Cpus_allowed_list. */
  public String toCpuList() {
    var text = new StringBuilder();
    int core = cores.nextSetBit(0);
    while (core >= 0) {
      int end = cores.nextClearBit(core) - 1;
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(core);
      if (end > core) {
        text.append('-').append(end);
      }
      core = cores.nextSetBit(end + 1);
    }
    return text.toString();
  }
}
