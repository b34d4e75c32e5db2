package io.optimizarr.monitor.gpu;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Replays NVML answers in NVML's own units (bytes, milliwatts, °C, percent) and return codes, for
 * hosts without an NVIDIA GPU. A figure given as null answers NOT_SUPPORTED, as NVML does for
 * consumer cards without encoder statistics or power sensors.
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
