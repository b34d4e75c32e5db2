package io.optimizarr.monitor.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The CPU temperature from sysfs: a CPU hwmon driver (coretemp, k10temp, …) where there is one,
 * else a thermal zone of the CPU package. The file is chosen once; each reading is one small read.
 */
public final class CpuTemperatureSensor {

  private static final Set<String> CPU_HWMON_DRIVERS =
      Set.of("coretemp", "k10temp", "zenpower", "cpu_thermal", "soc_thermal", "cpu-thermal");
  private static final List<String> CPU_THERMAL_ZONE_TYPES =
      List.of("x86_pkg_temp", "cpu", "soc", "acpitz");

  private final Path input;

  CpuTemperatureSensor(Path input) {
    this.input = input;
  }

  /** The sensor under {@code sysRoot} (normally {@code /sys}), or empty where there is none. */
  public static Optional<CpuTemperatureSensor> find(Path sysRoot) {
    return choose(hwmons(sysRoot.resolve("class/hwmon")), zones(sysRoot.resolve("class/thermal")))
        .map(CpuTemperatureSensor::new);
  }

  /**
   * Picks the input file: a CPU hwmon driver first, then the first thermal zone whose type names
   * the CPU package in the order of {@link #CPU_THERMAL_ZONE_TYPES}.
   *
   * @param hwmons driver name and {@code temp1_input} path of each hwmon device
   * @param zones type and {@code temp} path of each thermal zone
   */
  static Optional<Path> choose(List<Labelled> hwmons, List<Labelled> zones) {
    for (Labelled hwmon : hwmons) {
      if (CPU_HWMON_DRIVERS.contains(hwmon.label())) {
        return Optional.of(hwmon.path());
      }
    }
    for (String wanted : CPU_THERMAL_ZONE_TYPES) {
      for (Labelled zone : zones) {
        if (zone.label().toLowerCase().startsWith(wanted)) {
          return Optional.of(zone.path());
        }
      }
    }
    return Optional.empty();
  }

  /** Degrees Celsius now, or null when the file cannot be read or holds no plausible value. */
  public Double read() {
    try {
      long milli = Long.parseLong(Files.readString(input).trim());
      return milli <= 0 ? null : milli / 1000.0;
    } catch (IOException | NumberFormatException unreadable) {
      return null;
    }
  }

  record Labelled(String label, Path path) {}

  private static List<Labelled> hwmons(Path classHwmon) {
    var result = new ArrayList<Labelled>();
    for (Path dir : list(classHwmon)) {
      Path input = dir.resolve("temp1_input");
      readTrimmed(dir.resolve("name"))
          .filter(name -> Files.exists(input))
          .ifPresent(name -> result.add(new Labelled(name, input)));
    }
    return result;
  }

  private static List<Labelled> zones(Path classThermal) {
    var result = new ArrayList<Labelled>();
    for (Path dir : list(classThermal)) {
      if (dir.getFileName().toString().startsWith("thermal_zone")) {
        readTrimmed(dir.resolve("type"))
            .ifPresent(type -> result.add(new Labelled(type, dir.resolve("temp"))));
      }
    }
    return result;
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<String> readTrimmed(Path file) {
    try {
      return Optional.of(Files.readString(file).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
