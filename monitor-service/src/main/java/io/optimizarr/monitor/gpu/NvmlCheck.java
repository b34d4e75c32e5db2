package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuUsage;

/**
 * Prints what the NVML probe reads, one CSV line per GPU in nvidia-smi's order and units, so that
 * bench/gpu/nvml-check.sh can compare the binding with {@code nvidia-smi} on an NVIDIA host. Needs
 * only JNA and this module's classes, not Quarkus.
 */
public final class NvmlCheck {

  private NvmlCheck() {}

  public static void main(String[] args) {
    GpuProbe probe =
        NvmlGpuProbe.load()
            .orElseThrow(() -> new IllegalStateException("NVML did not load or initialise"));
    for (GpuUsage gpu : probe.sample()) {
      System.out.printf(
          "%d, %s, %s, %s, %s, %s, %s, %s, %s%n",
          gpu.index(),
          gpu.name(),
          gpu.uuid(),
          gpu.utilizationPercent(),
          gpu.memoryUsedBytes() == null ? null : gpu.memoryUsedBytes() / (1024 * 1024),
          gpu.memoryTotalBytes() == null ? null : gpu.memoryTotalBytes() / (1024 * 1024),
          gpu.temperatureCelsius(),
          gpu.powerWatts(),
          gpu.encoderUtilizationPercent());
    }
  }
}
