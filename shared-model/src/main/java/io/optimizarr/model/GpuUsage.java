package io.optimizarr.model;

/**
 * One GPU. Every figure the hardware or driver cannot give is null.
 *
 * @param index position among the host's GPUs of all vendors, from 0
 * @param uuid a stable identifier where the driver gives one, else null
 * @param vendor {@code nvidia} or {@code amd}
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
    Double decoderUtilizationPercent) {

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
        decoderUtilizationPercent);
  }
}
