package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuProcess;
import io.optimizarr.model.GpuUsage;
import java.util.function.LongSupplier;

/**
 * Prints what the NVML probe reads, in nvidia-smi's order and units, so that
 * bench/gpu/nvml-check.sh can compare the binding with {@code nvidia-smi} on an NVIDIA host. Needs
 * only JNA and this module's classes, not Quarkus.
 *
 * <ul>
 *   <li>no argument: one CSV line per GPU: index, name, uuid, utilisation %, memory used and total
 *       (MiB), °C, W, encoder %;
 *   <li>{@code processes}: one CSV line per process on a GPU: GPU index, GPU uuid, pid, SM %,
 *       encoder %, decoder %, memory (MiB), encoder sessions ({@code null} where the driver cannot
 *       say); a GPU without per-process figures is one line {@code index, uuid, none};
 *   <li>{@code record}: NVML's raw answers to the per-process calls ({@link NvmlRecorder}'s
 *       format), for the tests' recorded data.
 * </ul>
 */
public final class NvmlCheck {

  private NvmlCheck() {}

  public static void main(String[] args) {
    String mode = args.length == 0 ? "gpus" : args[0];
    NvmlLibrary nvml =
        NvmlGpuProbe.library().orElseThrow(() -> new IllegalStateException("NVML did not load"));
    LongSupplier clock = NvmlGpuProbe::clockMicros;
    NvmlRecorder recorder = new NvmlRecorder(nvml, clock);
    GpuProbe probe =
        NvmlGpuProbe.initialise(mode.equals("record") ? recorder : nvml, clock)
            .orElseThrow(() -> new IllegalStateException("NVML did not initialise"));
    switch (mode) {
      case "gpus" -> probe.sample().forEach(NvmlCheck::printGpu);
      case "processes" -> probe.sample().forEach(NvmlCheck::printProcesses);
      case "record" -> {
        probe.sample();
        recorder.writeTo(System.out);
      }
      default -> throw new IllegalArgumentException("mode: gpus, processes or record, not " + mode);
    }
  }

  private static void printGpu(GpuUsage gpu) {
    System.out.printf(
        "%d, %s, %s, %s, %s, %s, %s, %s, %s%n",
        gpu.index(),
        gpu.name(),
        gpu.uuid(),
        gpu.utilizationPercent(),
        mebibytes(gpu.memoryUsedBytes()),
        mebibytes(gpu.memoryTotalBytes()),
        gpu.temperatureCelsius(),
        gpu.powerWatts(),
        gpu.encoderUtilizationPercent());
  }

  private static void printProcesses(GpuUsage gpu) {
    if (gpu.processes() == null) {
      System.out.printf("%d, %s, none%n", gpu.index(), gpu.uuid());
      return;
    }
    for (GpuProcess p : gpu.processes()) {
      System.out.printf(
          "%d, %s, %d, %s, %s, %s, %s, %s%n",
          gpu.index(),
          gpu.uuid(),
          p.pid(),
          p.smPercent(),
          p.encoderPercent(),
          p.decoderPercent(),
          mebibytes(p.memoryBytes()),
          p.encoderSessions());
    }
  }

  private static Long mebibytes(Long bytes) {
    return bytes == null ? null : bytes / (1024 * 1024);
  }
}
