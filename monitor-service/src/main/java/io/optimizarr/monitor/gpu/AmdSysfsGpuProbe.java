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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * AMD GPUs that the amdgpu driver exposes under {@code /sys/class/drm/card*}/device. Encoder and
 * decoder use are not in sysfs and stay null.
 */
public final class AmdSysfsGpuProbe implements GpuProbe {

  private static final Pattern CARD = Pattern.compile("card\\d+");

  private final List<Path> devices;

  AmdSysfsGpuProbe(List<Path> devices) {
    this.devices = List.copyOf(devices);
  }

  /** The probe for the AMD cards under {@code drmRoot}, or empty where there are none. */
  public static Optional<GpuProbe> find(Path drmRoot) {
    if (!Files.isDirectory(drmRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(drmRoot)) {
      List<Path> devices =
          entries
              .filter(p -> CARD.matcher(p.getFileName().toString()).matches())
              .sorted()
              .map(card -> card.resolve("device"))
              .filter(AmdSysfsGpuProbe::isAmdGpu)
              .toList();
      return devices.isEmpty() ? Optional.empty() : Optional.of(new AmdSysfsGpuProbe(devices));
    } catch (IOException | UncheckedIOException unreadable) {
      return Optional.empty();
    }
  }

  private static boolean isAmdGpu(Path device) {
    return AmdGpuFiles.VENDOR_ID.equals(SysfsFiles.read(device.resolve("vendor")))
        && Files.exists(device.resolve(AmdGpuFiles.BUSY));
  }

  @Override
  public String name() {
    return "AMD (sysfs)";
  }

  @Override
  public List<GpuUsage> sample() {
    var gpus = new ArrayList<GpuUsage>(devices.size());
    for (int i = 0; i < devices.size(); i++) {
      gpus.add(AmdGpuFiles.parse(i, files(devices.get(i))));
    }
    return gpus;
  }

  private static Map<String, String> files(Path device) {
    var files = new HashMap<String, String>();
    for (String name :
        List.of(
            AmdGpuFiles.BUSY,
            AmdGpuFiles.VRAM_USED,
            AmdGpuFiles.VRAM_TOTAL,
            AmdGpuFiles.PRODUCT_NAME,
            AmdGpuFiles.DEVICE_ID,
            AmdGpuFiles.UNIQUE_ID)) {
      SysfsFiles.putIfReadable(files, name, device.resolve(name));
    }
    SysfsFiles.hwmon(device)
        .ifPresent(
            hwmon -> {
              SysfsFiles.putIfReadable(
                  files, AmdGpuFiles.TEMPERATURE, hwmon.resolve("temp1_input"));
              SysfsFiles.putIfReadable(
                  files, AmdGpuFiles.POWER_AVERAGE, hwmon.resolve("power1_average"));
              SysfsFiles.putIfReadable(
                  files, AmdGpuFiles.POWER_INPUT, hwmon.resolve("power1_input"));
            });
    return files;
  }
}
