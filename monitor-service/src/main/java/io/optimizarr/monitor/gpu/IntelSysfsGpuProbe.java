package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Intel GPUs that the i915 or xe driver exposes under {@code /sys/class/drm/card*}: busy (out of
 * the idle state), clock, temperature and power where the kernel gives them ({@link
 * IntelGpuFiles}). Absent where there is no Intel GPU; a figure the kernel does not give is null.
 */
public final class IntelSysfsGpuProbe implements GpuProbe {

  private static final Pattern CARD = Pattern.compile("card\\d+");
  private static final Pattern PCI_ADDRESS =
      Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-9a-f]");
  private static final List<String> FILES =
      List.of(
          IntelGpuFiles.VENDOR,
          IntelGpuFiles.DEVICE_ID,
          IntelGpuFiles.I915_ACTUAL_MHZ,
          IntelGpuFiles.I915_CURRENT_MHZ,
          IntelGpuFiles.I915_RC6_MS,
          IntelGpuFiles.I915_GT0_RC6_MS,
          IntelGpuFiles.XE_ACTUAL_MHZ,
          IntelGpuFiles.XE_IDLE_MS);

  private final List<Path> cards;
  private final List<String> uuids;
  private final IntelGpuFiles.Counters[] before;
  private final LongSupplier nanos;

  IntelSysfsGpuProbe(List<Path> cards, LongSupplier nanos) {
    this.cards = List.copyOf(cards);
    this.uuids = cards.stream().map(IntelSysfsGpuProbe::pciAddress).toList();
    this.before = new IntelGpuFiles.Counters[cards.size()];
    this.nanos = nanos;
  }

  /** The probe for the Intel GPUs under {@code drmRoot}, or empty where there are none. */
  public static Optional<GpuProbe> find(Path drmRoot) {
    return find(drmRoot, System::nanoTime);
  }

  static Optional<GpuProbe> find(Path drmRoot, LongSupplier nanos) {
    if (!Files.isDirectory(drmRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(drmRoot)) {
      List<Path> cards =
          entries
              .filter(p -> CARD.matcher(p.getFileName().toString()).matches())
              .sorted()
              .filter(card -> IntelGpuFiles.isGpu(files(card)))
              .toList();
      return cards.isEmpty() ? Optional.empty() : Optional.of(new IntelSysfsGpuProbe(cards, nanos));
    } catch (IOException | UncheckedIOException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "Intel (sysfs)";
  }

  @Override
  public List<GpuUsage> sample() {
    var gpus = new ArrayList<GpuUsage>(cards.size());
    for (int i = 0; i < cards.size(); i++) {
      var reading =
          IntelGpuFiles.parse(i, uuids.get(i), files(cards.get(i)), before[i], nanos.getAsLong());
      before[i] = reading.counters();
      gpus.add(reading.usage());
    }
    return gpus;
  }

  private static Map<String, String> files(Path card) {
    var files = new HashMap<String, String>();
    for (String name : FILES) {
      SysfsFiles.putIfReadable(files, name, card.resolve(name));
    }
    SysfsFiles.hwmon(card.resolve("device"))
        .ifPresent(
            hwmon -> {
              SysfsFiles.putIfReadable(
                  files, IntelGpuFiles.TEMPERATURE, hwmon.resolve("temp1_input"));
              SysfsFiles.putIfReadable(files, IntelGpuFiles.ENERGY, hwmon.resolve("energy1_input"));
            });
    return files;
  }

  /** The card's PCI address (its {@code device} link's target), a stable id; null where none. */
  private static String pciAddress(Path card) {
    try {
      String name = card.resolve("device").toRealPath().getFileName().toString();
      return PCI_ADDRESS.matcher(name).matches() ? name : null;
    } catch (IOException e) {
      return null;
    }
  }
}
