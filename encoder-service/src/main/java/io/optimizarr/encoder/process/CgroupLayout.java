package io.optimizarr.encoder.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the CPU controller's cgroups are mounted and where this process is in them, as {@code
 * /proc/self/mountinfo} and {@code /proc/self/cgroup} say. Parsing is pure ({@link #parse}); {@link
 * #read} reads this process's.
 *
 * @param cpu the hierarchy that holds the {@code cpu} controller: v2 where the unified hierarchy's
 *     root lists it, else the v1 {@code cpu} mount; empty where neither does
 */
public record CgroupLayout(Optional<CpuHierarchy> cpu) {

  /**
   * The CPU controller's hierarchy.
   *
   * @param mount where it is mounted
   * @param own this process's cgroup in it, such as {@code /system.slice/x.service} ({@code /} for
   *     the root)
   */
  public record CpuHierarchy(CgroupVersion version, Path mount, String own) {

    /** The folder of the cgroup at {@code path} in this hierarchy. */
    public Path dir(String path) {
      String relative = path.startsWith("/") ? path.substring(1) : path;
      return relative.isEmpty() ? mount : mount.resolve(relative);
    }

    /** The path in this hierarchy of the folder {@code dir}, or empty when it is not inside. */
    public Optional<String> pathOf(Path dir) {
      Path normal = dir.toAbsolutePath().normalize();
      if (!normal.startsWith(mount)) {
        return Optional.empty();
      }
      return Optional.of("/" + mount.relativize(normal).toString().replace('\\', '/'));
    }
  }

  /**
   * @param mountinfo the lines of {@code /proc/self/mountinfo}
   * @param cgroup the lines of {@code /proc/self/cgroup}
   * @param v2RootControllers what {@code cgroup.controllers} at the unified mount lists
   */
  static CgroupLayout parse(
      List<String> mountinfo, List<String> cgroup, Set<String> v2RootControllers) {
    Optional<Path> v2 = Optional.empty();
    Optional<Path> v1Cpu = Optional.empty();
    for (String line : mountinfo) {
      String[] halves = line.split(" - ", 2);
      if (halves.length < 2) {
        continue;
      }
      String[] mount = halves[0].split(" ");
      String[] rest = halves[1].split(" ");
      if (mount.length < 5 || rest.length < 3) {
        continue;
      }
      Path point = Path.of(unescape(mount[4]));
      if (rest[0].equals("cgroup2") && v2.isEmpty()) {
        v2 = Optional.of(point);
      } else if (rest[0].equals("cgroup")
          && Arrays.asList(rest[2].split(",")).contains("cpu")
          && v1Cpu.isEmpty()) {
        v1Cpu = Optional.of(point);
      }
    }
    String ownV2 = "/";
    String ownV1 = "/";
    for (String line : cgroup) {
      String[] parts = line.split(":", 3);
      if (parts.length < 3) {
        continue;
      }
      if (parts[0].equals("0") && parts[1].isEmpty()) {
        ownV2 = parts[2];
      } else if (Arrays.asList(parts[1].split(",")).contains("cpu")) {
        ownV1 = parts[2];
      }
    }
    if (v2.isPresent() && v2RootControllers.contains("cpu")) {
      return new CgroupLayout(Optional.of(new CpuHierarchy(CgroupVersion.V2, v2.get(), ownV2)));
    }
    if (v1Cpu.isPresent()) {
      return new CgroupLayout(Optional.of(new CpuHierarchy(CgroupVersion.V1, v1Cpu.get(), ownV1)));
    }
    return new CgroupLayout(Optional.empty());
  }

  /** This process's layout; none where {@code /proc} cannot be read. */
  public static CgroupLayout read() {
    try {
      List<String> mountinfo = Files.readAllLines(Path.of("/proc/self/mountinfo"));
      List<String> cgroup = Files.readAllLines(Path.of("/proc/self/cgroup"));
      Set<String> controllers = Set.of();
      for (String line : mountinfo) {
        String[] halves = line.split(" - ", 2);
        if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
          Path file = Path.of(unescape(halves[0].split(" ")[4]), "cgroup.controllers");
          controllers = words(Files.readString(file));
          break;
        }
      }
      return parse(mountinfo, cgroup, controllers);
    } catch (IOException | RuntimeException e) {
      return new CgroupLayout(Optional.empty());
    }
  }

  static Set<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }

  /** mountinfo writes a space as {@code \040}, and so on. */
  private static String unescape(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
  }
}
