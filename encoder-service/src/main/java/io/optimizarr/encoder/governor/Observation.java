package io.optimizarr.encoder.governor;

import io.optimizarr.model.GpuUsage;
import io.optimizarr.model.ResourceSnapshot;
import java.util.List;

/**
 * One snapshot as the governor judges it: the machine's totals and our own encodes' share over the
 * same window.
 *
 * @param ownCpuPercent our encodes' CPU, as a share of the whole machine (0–100)
 * @param ownMemoryBytes our encodes' resident memory
 * @param gpuInUseByUs true while an encode of ours uses a GPU: without per-process GPU figures its
 *     load cannot be told from others', so GPU load is not judged then
 */
public record Observation(
    double cpuPercent,
    double ownCpuPercent,
    long memoryUsedBytes,
    long memoryTotalBytes,
    long ownMemoryBytes,
    Double cpuTemperatureCelsius,
    List<GpuUsage> gpus,
    boolean gpuInUseByUs) {

  public static Observation of(
      ResourceSnapshot snapshot, double ownCpuPercent, long ownMemoryBytes, boolean gpuInUseByUs) {
    return new Observation(
        snapshot.cpu().usagePercent(),
        ownCpuPercent,
        snapshot.memory().usedBytes(),
        snapshot.memory().totalBytes(),
        ownMemoryBytes,
        snapshot.cpu().temperatureCelsius(),
        snapshot.gpus(),
        gpuInUseByUs);
  }

  /** Other programs' CPU: the total less ours, never below 0. */
  double foreignCpuPercent() {
    return Math.max(0, cpuPercent - ownCpuPercent);
  }

  /** Other programs' memory as a share of the machine's. */
  double foreignMemoryPercent() {
    if (memoryTotalBytes <= 0) {
      return 0;
    }
    return Math.max(0, 100.0 * (memoryUsedBytes - ownMemoryBytes) / memoryTotalBytes);
  }

  Double busiestGpuPercent() {
    return gpus.stream()
        .map(GpuUsage::utilizationPercent)
        .filter(v -> v != null)
        .max(Double::compare)
        .orElse(null);
  }

  Double hottestGpuCelsius() {
    return gpus.stream()
        .map(GpuUsage::temperatureCelsius)
        .filter(v -> v != null)
        .max(Double::compare)
        .orElse(null);
  }
}
