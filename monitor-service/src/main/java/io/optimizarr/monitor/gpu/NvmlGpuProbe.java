package io.optimizarr.monitor.gpu;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.optimizarr.model.GpuUsage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * NVIDIA GPUs through NVML, with the processes on each ({@link NvmlProcesses}). Figures a device
 * does not support are null.
 */
public final class NvmlGpuProbe implements GpuProbe {

  private final NvmlLibrary nvml;
  private final NvmlProcesses processes;
  private volatile boolean memoryV2Missing;

  /**
   * @param clockMicros the CPU clock in µs, as NVML stamps its per-process samples
   */
  NvmlGpuProbe(NvmlLibrary nvml, LongSupplier clockMicros) {
    this.nvml = nvml;
    this.processes = new NvmlProcesses(nvml, clockMicros);
  }

  /**
   * Loads and initialises NVML; empty where the library is missing (no NVIDIA driver) or does not
   * initialise (no device, or a driver that does not match the library).
   */
  public static Optional<GpuProbe> load() {
    return library().flatMap(NvmlGpuProbe::initialise);
  }

  /** libnvidia-ml, where the host has an NVIDIA driver. */
  static Optional<NvmlLibrary> library() {
    NvmlLibrary nvml = null;
    for (String name : List.of("libnvidia-ml.so.1", "nvidia-ml")) {
      try {
        nvml = Native.load(name, NvmlLibrary.class);
        break;
      } catch (UnsatisfiedLinkError notThere) {
        // try the next name; none found means no NVIDIA driver on this host
      }
    }
    return Optional.ofNullable(nvml);
  }

  static Optional<GpuProbe> initialise(NvmlLibrary nvml) {
    return initialise(nvml, NvmlGpuProbe::clockMicros);
  }

  static Optional<GpuProbe> initialise(NvmlLibrary nvml, LongSupplier clockMicros) {
    if (nvml.nvmlInit_v2() != NvmlLibrary.SUCCESS) {
      return Optional.empty();
    }
    return Optional.of(new NvmlGpuProbe(nvml, clockMicros));
  }

  /** The CPU clock in µs since the epoch, as NVML stamps its samples. */
  static long clockMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  @Override
  public String name() {
    return "NVIDIA (NVML)";
  }

  @Override
  public List<GpuUsage> sample() {
    var count = new IntByReference();
    check(nvml.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2");
    var gpus = new ArrayList<GpuUsage>(count.getValue());
    for (int i = 0; i < count.getValue(); i++) {
      var handle = new PointerByReference();
      check(nvml.nvmlDeviceGetHandleByIndex_v2(i, handle), "nvmlDeviceGetHandleByIndex_v2");
      gpus.add(device(i, handle.getValue()));
    }
    return gpus;
  }

  private GpuUsage device(int index, Pointer device) {
    byte[] name = new byte[NvmlLibrary.BUFFER_SIZE];
    byte[] uuid = new byte[NvmlLibrary.BUFFER_SIZE];
    var utilization = new NvmlLibrary.Utilization();
    var celsius = new IntByReference();
    var milliwatts = new IntByReference();
    var encoder = new IntByReference();
    var decoder = new IntByReference();
    var period = new IntByReference();
    boolean hasUtilization = supported(nvml.nvmlDeviceGetUtilizationRates(device, utilization));
    long[] memory = memory(device);
    return new GpuUsage(
        index,
        supported(nvml.nvmlDeviceGetName(device, name, name.length)) ? text(name) : "NVIDIA GPU",
        supported(nvml.nvmlDeviceGetUUID(device, uuid, uuid.length)) ? text(uuid) : null,
        "nvidia",
        hasUtilization ? (double) utilization.gpu : null,
        memory == null ? null : memory[0],
        memory == null ? null : memory[1],
        supported(nvml.nvmlDeviceGetTemperature(device, NvmlLibrary.TEMPERATURE_GPU, celsius))
            ? (double) celsius.getValue()
            : null,
        supported(nvml.nvmlDeviceGetPowerUsage(device, milliwatts))
            ? milliwatts.getValue() / 1000.0
            : null,
        supported(nvml.nvmlDeviceGetEncoderUtilization(device, encoder, period))
            ? (double) encoder.getValue()
            : null,
        supported(nvml.nvmlDeviceGetDecoderUtilization(device, decoder, period))
            ? (double) decoder.getValue()
            : null,
        processes.read(index, device));
  }

  /**
   * Used and total bytes, or null. The second version of the call leaves the driver's reservation
   * (about 480 MiB on an H100) out of {@code used}, as nvidia-smi does; drivers older than 510 have
   * only the first.
   */
  private long[] memory(Pointer device) {
    if (!memoryV2Missing) {
      var memory = new NvmlLibrary.MemoryV2();
      try {
        int status = nvml.nvmlDeviceGetMemoryInfo_v2(device, memory);
        if (status != NvmlLibrary.ERROR_FUNCTION_NOT_FOUND) {
          return supported(status) ? new long[] {memory.used, memory.total} : null;
        }
      } catch (UnsatisfiedLinkError olderDriver) {
        // the symbol is not in this libnvidia-ml: fall through to the first version
      }
      memoryV2Missing = true;
    }
    var memory = new NvmlLibrary.Memory();
    return supported(nvml.nvmlDeviceGetMemoryInfo(device, memory))
        ? new long[] {memory.used, memory.total}
        : null;
  }

  /**
   * A figure the device cannot give (NOT_SUPPORTED, or any other per-figure error) is null; only a
   * failure to list the devices fails the probe.
   */
  private static boolean supported(int status) {
    return status == NvmlLibrary.SUCCESS;
  }

  private static void check(int status, String function) {
    if (status != NvmlLibrary.SUCCESS) {
      throw new IllegalStateException(function + " returned NVML error " + status);
    }
  }

  private static String text(byte[] nulTerminated) {
    int end = 0;
    while (end < nulTerminated.length && nulTerminated[end] != 0) {
      end++;
    }
    return new String(nulTerminated, 0, end, StandardCharsets.UTF_8);
  }
}
