package io.optimizarr.model;

import java.util.List;

/**
 * One GPU. Every figure the hardware or driver cannot give is null.
 *
 * @param index position among the host's GPUs of all vendors, from 0
 * @param uuid a stable identifier where the driver gives one, else null
 * @param vendor {@code nvidia}, {@code amd} or {@code intel}
 * @param processes the processes on the GPU with their own figures: null where the driver cannot
 *     say (AMD through sysfs, an NVIDIA driver without per-process figures, a monitor older than
 *     them), empty where nothing runs on it
 * @param frequencyMhz the graphics clock now, where the driver gives it (Intel's i915 and xe)
 */
public record GpuUsage(
    int index,
    String name,
    String uuid,
    String vendor,
    Double utilizationPercent,
    Long memoryUsedBytes,
    Long memoryTotalBytes,
    Double temperatureCelsius,
    Double powerWatts,
    Double encoderUtilizationPercent,
    Double decoderUtilizationPercent,
    List<GpuProcess> processes,
    Double frequencyMhz) {

  public GpuUsage {
    processes = processes == null ? null : List.copyOf(processes);
  }

  /** A GPU whose clock is not reported. */
  public GpuUsage(
      int index,
      String name,
      String uuid,
      String vendor,
      Double utilizationPercent,
      Long memoryUsedBytes,
      Long memoryTotalBytes,
      Double temperatureCelsius,
      Double powerWatts,
      Double encoderUtilizationPercent,
      Double decoderUtilizationPercent,
      List<GpuProcess> processes) {
    this(
        index,
        name,
        uuid,
        vendor,
        utilizationPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        temperatureCelsius,
        powerWatts,
        encoderUtilizationPercent,
        decoderUtilizationPercent,
        processes,
        null);
  }

  /** A GPU without per-process figures. */
  public GpuUsage(
      int index,
      String name,
      String uuid,
      String vendor,
      Double utilizationPercent,
      Long memoryUsedBytes,
      Long memoryTotalBytes,
      Double temperatureCelsius,
      Double powerWatts,
      Double encoderUtilizationPercent,
      Double decoderUtilizationPercent) {
    this(
        index,
        name,
        uuid,
        vendor,
        utilizationPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        temperatureCelsius,
        powerWatts,
        encoderUtilizationPercent,
        decoderUtilizationPercent,
        null);
  }

  /** The same GPU at another position in the host's list. */
  public GpuUsage withIndex(int otherIndex) {
    return new GpuUsage(
        otherIndex,
        name,
        uuid,
        vendor,
        utilizationPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        temperatureCelsius,
        powerWatts,
        encoderUtilizationPercent,
        decoderUtilizationPercent,
        processes,
        frequencyMhz);
  }
}
