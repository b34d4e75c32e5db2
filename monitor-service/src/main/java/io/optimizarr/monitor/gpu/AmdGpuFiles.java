package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuUsage;
import java.util.Map;

/**
 * Turns the contents of one AMD card's sysfs files into a {@link GpuUsage}. Keys are paths relative
 * to {@code /sys/class/drm/cardN/device}; a missing or unreadable file is a null figure.
 */
final class AmdGpuFiles {

  static final String VENDOR_ID = "0x1002";
  static final String BUSY = "gpu_busy_percent";
  static final String VRAM_USED = "mem_info_vram_used";
  static final String VRAM_TOTAL = "mem_info_vram_total";
  static final String PRODUCT_NAME = "product_name";
  static final String DEVICE_ID = "device";
  static final String UNIQUE_ID = "unique_id";
  static final String TEMPERATURE = "hwmon/temp1_input";
  static final String POWER_AVERAGE = "hwmon/power1_average";
  static final String POWER_INPUT = "hwmon/power1_input";

  private AmdGpuFiles() {}

  static GpuUsage parse(int index, Map<String, String> files) {
    String product = SysfsFiles.trimmed(files.get(PRODUCT_NAME));
    String deviceId = SysfsFiles.trimmed(files.get(DEVICE_ID));
    String name =
        product != null && !product.isEmpty()
            ? product
            : "AMD GPU" + (deviceId == null ? "" : " " + deviceId);
    Long milliCelsius = SysfsFiles.number(files.get(TEMPERATURE));
    Long microWatts = SysfsFiles.number(files.getOrDefault(POWER_AVERAGE, files.get(POWER_INPUT)));
    Long busy = SysfsFiles.number(files.get(BUSY));
    return new GpuUsage(
        index,
        name,
        SysfsFiles.trimmed(files.get(UNIQUE_ID)),
        "amd",
        busy == null ? null : busy.doubleValue(),
        SysfsFiles.number(files.get(VRAM_USED)),
        SysfsFiles.number(files.get(VRAM_TOTAL)),
        milliCelsius == null ? null : milliCelsius / 1000.0,
        microWatts == null ? null : microWatts / 1_000_000.0,
        null,
        null);
  }
}
