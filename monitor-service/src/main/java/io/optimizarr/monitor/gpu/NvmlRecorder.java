package io.optimizarr.monitor.gpu;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The real library, writing down the answers of its per-process calls as they pass: so that a lent
 * GPU's answers become recorded data for the tests (bench/gpu/device-check.sh runs {@code NvmlCheck
 * record}; the tests' {@code RecordedNvml} replays them). One line per call with a buffer or with a
 * final status, then one per entry, every field of nvml.h's structure by name, unsigned and in
 * NVML's units:
 *
 * <pre>
 * call gpu=0 function=nvmlDeviceGetProcessUtilization status=0 at=1764151200500000 lastSeenTimeStamp=1764151195500000
 * entry gpu=0 function=nvmlDeviceGetProcessUtilization pid=4145 timeStamp=1764151200334512 smUtil=99 …
 * </pre>
 *
 * Only for the check: it is not thread-safe and the monitor never uses it.
 */
final class NvmlRecorder implements NvmlLibrary {

  private final NvmlLibrary real;
  private final LongSupplier clockMicros;
  private final Map<Long, Integer> gpuOfHandle = new HashMap<>();
  private final List<String> lines = new ArrayList<>();

  NvmlRecorder(NvmlLibrary real, LongSupplier clockMicros) {
    this.real = real;
    this.clockMicros = clockMicros;
  }

  /** Writes what was recorded, with a header saying what it is. */
  void writeTo(PrintStream out) {
    out.println("# NVML per-process answers recorded by NvmlCheck record (NvmlRecorder's format)");
    lines.forEach(out::println);
  }

  /**
   * Writes down a call's answer, unless it is the count query of a list with entries (the call with
   * the buffer follows and says more).
   */
  private <T extends Structure> int recorded(
      Pointer device, String function, String extra, int status, T[] entries, int count) {
    boolean bufferFollows =
        entries == null && (status == ERROR_INSUFFICIENT_SIZE || (status == SUCCESS && count > 0));
    if (bufferFollows) {
      return status;
    }
    String gpu = "gpu=" + gpuOfHandle.getOrDefault(Pointer.nativeValue(device), -1);
    lines.add(
        "call %s function=%s status=%d at=%d%s"
            .formatted(gpu, function, status, clockMicros.getAsLong(), extra));
    if (entries != null && status == SUCCESS) {
      for (int i = 0; i < Math.min(count, entries.length); i++) {
        entries[i].read(); // JNA has read them after a native call; a replayed one wrote memory
        lines.add("entry %s function=%s%s".formatted(gpu, function, fields(entries[i])));
      }
    }
    return status;
  }

  private static String fields(Structure entry) {
    var text = new StringBuilder();
    for (String name : entry.getClass().getAnnotation(Structure.FieldOrder.class).value()) {
      try {
        Field field = entry.getClass().getField(name);
        Object value = field.get(entry);
        text.append(' ').append(name).append('=');
        text.append(
            value instanceof Integer i
                ? Integer.toUnsignedString(i)
                : Long.toUnsignedString((Long) value));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("field " + name + " of " + entry.getClass(), e);
      }
    }
    return text.toString();
  }

  @Override
  public int nvmlDeviceGetProcessUtilization(
      Pointer device,
      ProcessUtilizationSample[] utilization,
      IntByReference processSamplesCount,
      long lastSeenTimeStamp) {
    int status =
        real.nvmlDeviceGetProcessUtilization(
            device, utilization, processSamplesCount, lastSeenTimeStamp);
    return recorded(
        device,
        "nvmlDeviceGetProcessUtilization",
        " lastSeenTimeStamp=" + lastSeenTimeStamp,
        status,
        utilization,
        processSamplesCount.getValue());
  }

  @Override
  public int nvmlDeviceGetComputeRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos) {
    int status = real.nvmlDeviceGetComputeRunningProcesses_v3(device, infoCount, infos);
    return recorded(
        device, "nvmlDeviceGetComputeRunningProcesses_v3", "", status, infos, infoCount.getValue());
  }

  @Override
  public int nvmlDeviceGetGraphicsRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos) {
    int status = real.nvmlDeviceGetGraphicsRunningProcesses_v3(device, infoCount, infos);
    return recorded(
        device,
        "nvmlDeviceGetGraphicsRunningProcesses_v3",
        "",
        status,
        infos,
        infoCount.getValue());
  }

  @Override
  public int nvmlDeviceGetEncoderSessions(
      Pointer device, IntByReference sessionCount, EncoderSessionInfo[] sessionInfos) {
    int status = real.nvmlDeviceGetEncoderSessions(device, sessionCount, sessionInfos);
    return recorded(
        device, "nvmlDeviceGetEncoderSessions", "", status, sessionInfos, sessionCount.getValue());
  }

  @Override
  public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
    int status = real.nvmlDeviceGetHandleByIndex_v2(index, device);
    if (status == SUCCESS) {
      gpuOfHandle.put(Pointer.nativeValue(device.getValue()), index);
    }
    return status;
  }

  @Override
  public int nvmlInit_v2() {
    return real.nvmlInit_v2();
  }

  @Override
  public int nvmlDeviceGetCount_v2(IntByReference deviceCount) {
    return real.nvmlDeviceGetCount_v2(deviceCount);
  }

  @Override
  public int nvmlDeviceGetName(Pointer device, byte[] name, int length) {
    return real.nvmlDeviceGetName(device, name, length);
  }

  @Override
  public int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length) {
    return real.nvmlDeviceGetUUID(device, uuid, length);
  }

  @Override
  public int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization) {
    return real.nvmlDeviceGetUtilizationRates(device, utilization);
  }

  @Override
  public int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory) {
    return real.nvmlDeviceGetMemoryInfo(device, memory);
  }

  @Override
  public int nvmlDeviceGetMemoryInfo_v2(Pointer device, MemoryV2 memory) {
    return real.nvmlDeviceGetMemoryInfo_v2(device, memory);
  }

  @Override
  public int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius) {
    return real.nvmlDeviceGetTemperature(device, sensorType, celsius);
  }

  @Override
  public int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts) {
    return real.nvmlDeviceGetPowerUsage(device, milliwatts);
  }

  @Override
  public int nvmlDeviceGetEncoderUtilization(
      Pointer device, IntByReference utilization, IntByReference samplingPeriodMicros) {
    return real.nvmlDeviceGetEncoderUtilization(device, utilization, samplingPeriodMicros);
  }

  @Override
  public int nvmlDeviceGetDecoderUtilization(
      Pointer device, IntByReference utilization, IntByReference samplingPeriodMicros) {
    return real.nvmlDeviceGetDecoderUtilization(device, utilization, samplingPeriodMicros);
  }
}
