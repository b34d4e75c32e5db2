package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuUsage;
import java.util.Map;

/**
 * Turns one Intel GPU's sysfs files (i915 or xe) into a {@link GpuUsage}, given the counters of the
 * sample before. Keys are paths relative to {@code /sys/class/drm/cardN}. Busy is the share of the
 * interval the GPU was out of its idle state (i915's RC6 residency, xe's idle residency: what
 * {@code intel_gpu_top} shows as RC6, inverted); power is the energy counter's rise over the
 * interval (discrete cards' hwmon); the first sample has neither. Engine-level busy (the video
 * engines Quick Sync uses) needs the PMU and is not read here: encoder and decoder stay null. Pure.
 */
final class IntelGpuFiles {

  static final String VENDOR_ID = "0x8086";
  static final String VENDOR = "device/vendor";
  static final String DEVICE_ID = "device/device";
  static final String I915_ACTUAL_MHZ = "gt_act_freq_mhz";
  static final String I915_CURRENT_MHZ = "gt_cur_freq_mhz";
  static final String I915_RC6_MS = "power/rc6_residency_ms";
  static final String I915_GT0_RC6_MS = "gt/gt0/rc6_residency_ms";
  static final String XE_ACTUAL_MHZ = "device/tile0/gt0/freq0/act_freq";
  static final String XE_IDLE_MS = "device/tile0/gt0/gtidle/idle_residency_ms";
  static final String TEMPERATURE = "hwmon/temp1_input";
  static final String ENERGY = "hwmon/energy1_input";

  /** What the next sample's busy and power are measured from. */
  record Counters(Long idleMs, Long energyMicroJoules, long atNanos) {}

  /** One sample: the GPU's figures and the counters they were read with. */
  record Reading(GpuUsage usage, Counters counters) {}

  private IntelGpuFiles() {}

  /** Whether a card's files are an Intel GPU's (its display-only devices have no GT clock). */
  static boolean isGpu(Map<String, String> files) {
    return VENDOR_ID.equals(SysfsFiles.trimmed(files.get(VENDOR)))
        && (files.containsKey(I915_ACTUAL_MHZ)
            || files.containsKey(I915_CURRENT_MHZ)
            || files.containsKey(XE_ACTUAL_MHZ));
  }

  static Reading parse(
      int index, String uuid, Map<String, String> files, Counters before, long nowNanos) {
    Long idle =
        first(
            SysfsFiles.number(files.get(XE_IDLE_MS)),
            SysfsFiles.number(files.get(I915_GT0_RC6_MS)),
            SysfsFiles.number(files.get(I915_RC6_MS)));
    Long energy = SysfsFiles.number(files.get(ENERGY));
    var now = new Counters(idle, energy, nowNanos);
    Double busy = null;
    Double watts = null;
    if (before != null && nowNanos > before.atNanos()) {
      double elapsedMs = (nowNanos - before.atNanos()) / 1e6;
      if (idle != null && before.idleMs() != null && idle >= before.idleMs()) {
        double idleShare = (idle - before.idleMs()) / elapsedMs;
        busy = Math.max(0, Math.min(100, 100 * (1 - idleShare)));
      }
      if (energy != null
          && before.energyMicroJoules() != null
          && energy >= before.energyMicroJoules()) {
        watts = (energy - before.energyMicroJoules()) / (elapsedMs * 1000);
      }
    }
    Long mhz =
        first(
            SysfsFiles.number(files.get(XE_ACTUAL_MHZ)),
            SysfsFiles.number(files.get(I915_ACTUAL_MHZ)),
            SysfsFiles.number(files.get(I915_CURRENT_MHZ)));
    Long milliCelsius = SysfsFiles.number(files.get(TEMPERATURE));
    String deviceId = SysfsFiles.trimmed(files.get(DEVICE_ID));
    var usage =
        new GpuUsage(
            index,
            "Intel GPU" + (deviceId == null ? "" : " " + deviceId),
            uuid,
            "intel",
            busy,
            null,
            null,
            milliCelsius == null ? null : milliCelsius / 1000.0,
            watts,
            null,
            null,
            null,
            mhz == null ? null : mhz.doubleValue());
    return new Reading(usage, now);
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
