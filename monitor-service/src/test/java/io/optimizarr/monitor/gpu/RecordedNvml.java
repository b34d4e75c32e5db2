package io.optimizarr.monitor.gpu;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Replays NVML answers in NVML's own units (bytes, milliwatts, °C, percent) and return codes, for
 * hosts without an NVIDIA GPU. A figure given as null answers NOT_SUPPORTED, as NVML does for
 * consumer cards without encoder statistics or power sensors.
 *
 * <p>The per-process calls answer from {@link RecordedAnswers} (a file in {@link NvmlRecorder}'s
 * format) as the driver does: the count query first (INSUFFICIENT_SIZE and the count; SUCCESS and
 * the count for encoder sessions; SUCCESS and 0 for an empty list), then the entries written into
 * the caller's buffer byte for byte at nvml.h's offsets ({@link RecordedAnswers.Layout}), so that
 * the probe reads them through its JNA structures' own layout; utilisation samples only newer than
 * the caller's lastSeenTimeStamp, else NOT_FOUND. A call without recorded answers is NOT_SUPPORTED.
 */
final class RecordedNvml implements NvmlLibrary {

  record Device(
      String name,
      String uuid,
      Integer gpuPercent,
      Long memoryTotal,
      Long memoryUsed,
      Long memoryReserved,
      Integer celsius,
      Integer milliwatts,
      Integer encoderPercent,
      Integer decoderPercent) {}

  private final List<Device> devices;
  int initStatus = SUCCESS;
  int countStatus = SUCCESS;

  /** False replays a driver older than 510, whose library lacks nvmlDeviceGetMemoryInfo_v2. */
  boolean hasMemoryV2 = true;

  /** False replays a driver older than 510, which lacks the {@code _v3} process lists. */
  boolean hasProcessListsV3 = true;

  /** Answers of the per-process calls; none: NOT_SUPPORTED. */
  RecordedAnswers answers = RecordedAnswers.none();

  /**
   * Entries that appear between a count query and the call with the buffer (processes starting), as
   * many as this, on every count query.
   */
  int startingBetweenCalls;

  RecordedNvml(List<Device> devices) {
    this.devices = devices;
  }

  private Device device(Pointer handle) {
    return devices.get((int) Pointer.nativeValue(handle) - 1);
  }

  private static int answer(Object figure) {
    return figure == null ? ERROR_NOT_SUPPORTED : SUCCESS;
  }

  @Override
  public int nvmlInit_v2() {
    return initStatus;
  }

  @Override
  public int nvmlDeviceGetCount_v2(IntByReference deviceCount) {
    deviceCount.setValue(devices.size());
    return countStatus;
  }

  @Override
  public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
    device.setValue(new Pointer(index + 1L));
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetName(Pointer device, byte[] name, int length) {
    return copy(device(device).name(), name);
  }

  @Override
  public int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length) {
    return copy(device(device).uuid(), uuid);
  }

  @Override
  public int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization) {
    Integer gpu = device(device).gpuPercent();
    if (gpu != null) {
      utilization.gpu = gpu;
    }
    return answer(gpu);
  }

  /** The first version counts the reserved memory as used, as real drivers do. */
  @Override
  public int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory) {
    Device d = device(device);
    if (d.memoryTotal() != null) {
      memory.total = d.memoryTotal();
      memory.used = d.memoryUsed() + d.memoryReserved();
      memory.free = d.memoryTotal() - memory.used;
    }
    return answer(d.memoryTotal());
  }

  @Override
  public int nvmlDeviceGetMemoryInfo_v2(Pointer device, MemoryV2 memory) {
    if (!hasMemoryV2) {
      throw new UnsatisfiedLinkError("Error looking up function 'nvmlDeviceGetMemoryInfo_v2'");
    }
    Device d = device(device);
    if (d.memoryTotal() != null) {
      memory.total = d.memoryTotal();
      memory.reserved = d.memoryReserved();
      memory.used = d.memoryUsed();
      memory.free = d.memoryTotal() - d.memoryReserved() - d.memoryUsed();
    }
    return answer(d.memoryTotal());
  }

  @Override
  public int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius) {
    return set(device(device).celsius(), celsius);
  }

  @Override
  public int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts) {
    return set(device(device).milliwatts(), milliwatts);
  }

  @Override
  public int nvmlDeviceGetEncoderUtilization(
      Pointer device, IntByReference utilization, IntByReference samplingPeriodMicros) {
    return set(device(device).encoderPercent(), utilization);
  }

  @Override
  public int nvmlDeviceGetDecoderUtilization(
      Pointer device, IntByReference utilization, IntByReference samplingPeriodMicros) {
    return set(device(device).decoderPercent(), utilization);
  }

  @Override
  public int nvmlDeviceGetProcessUtilization(
      Pointer device,
      ProcessUtilizationSample[] utilization,
      IntByReference processSamplesCount,
      long lastSeenTimeStamp) {
    return replay(
        device,
        "nvmlDeviceGetProcessUtilization",
        processSamplesCount,
        utilization,
        entry -> entry.get("timeStamp") > lastSeenTimeStamp);
  }

  @Override
  public int nvmlDeviceGetComputeRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos) {
    if (!hasProcessListsV3) {
      throw new UnsatisfiedLinkError("Error looking up function 'nvmlDeviceGetComputeRunning…'");
    }
    return replay(device, "nvmlDeviceGetComputeRunningProcesses_v3", infoCount, infos, e -> true);
  }

  @Override
  public int nvmlDeviceGetGraphicsRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos) {
    if (!hasProcessListsV3) {
      throw new UnsatisfiedLinkError("Error looking up function 'nvmlDeviceGetGraphicsRunning…'");
    }
    return replay(device, "nvmlDeviceGetGraphicsRunningProcesses_v3", infoCount, infos, e -> true);
  }

  @Override
  public int nvmlDeviceGetEncoderSessions(
      Pointer device, IntByReference sessionCount, EncoderSessionInfo[] sessionInfos) {
    return replay(device, "nvmlDeviceGetEncoderSessions", sessionCount, sessionInfos, e -> true);
  }

  private int replay(
      Pointer device,
      String function,
      IntByReference count,
      Structure[] buffer,
      Predicate<Map<String, Long>> answered) {
    int gpu = (int) Pointer.nativeValue(device) - 1;
    RecordedAnswers.Answer answer = answers.of(gpu, function);
    if (answer == null) {
      return ERROR_NOT_SUPPORTED;
    }
    if (answer.status() != SUCCESS) {
      return answer.status();
    }
    List<Map<String, Long>> entries = answer.entries().stream().filter(answered).toList();
    boolean utilization = function.equals("nvmlDeviceGetProcessUtilization");
    if (utilization && entries.isEmpty()) {
      return ERROR_NOT_FOUND;
    }
    if (buffer == null) {
      count.setValue(Math.max(0, entries.size() - startingBetweenCalls));
      boolean sessions = function.equals("nvmlDeviceGetEncoderSessions");
      return entries.isEmpty() || sessions ? SUCCESS : ERROR_INSUFFICIENT_SIZE;
    }
    if (count.getValue() < entries.size()) {
      count.setValue(entries.size());
      return ERROR_INSUFFICIENT_SIZE;
    }
    RecordedAnswers.Layout layout = RecordedAnswers.Layout.of(function);
    for (int i = 0; i < entries.size(); i++) {
      layout.write(entries.get(i), buffer[0].getPointer(), i);
    }
    count.setValue(entries.size());
    return SUCCESS;
  }

  private static int set(Integer figure, IntByReference into) {
    if (figure != null) {
      into.setValue(figure);
    }
    return answer(figure);
  }

  private static int copy(String text, byte[] into) {
    if (text == null) {
      return ERROR_NOT_SUPPORTED;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, into, 0, Math.min(bytes.length, into.length - 1));
    into[Math.min(bytes.length, into.length - 1)] = 0;
    return SUCCESS;
  }
}
