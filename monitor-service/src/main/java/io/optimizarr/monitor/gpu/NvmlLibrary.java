package io.optimizarr.monitor.gpu;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of NVIDIA's management library ({@code libnvidia-ml.so.1}) that the probe calls. Every
 * function returns an {@code nvmlReturn_t}: 0 on success.
 */
public interface NvmlLibrary extends Library {

  int SUCCESS = 0;
  int ERROR_NOT_SUPPORTED = 3;
  int ERROR_FUNCTION_NOT_FOUND = 13;
  int TEMPERATURE_GPU = 0;
  int BUFFER_SIZE = 96;

  int nvmlInit_v2();

  int nvmlDeviceGetCount_v2(IntByReference deviceCount);

  int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

  int nvmlDeviceGetName(Pointer device, byte[] name, int length);

  int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

  int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization);

  int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory);

  /**
   * Since driver 510; unlike the first version, its {@code used} leaves out the reserved memory.
   */
  int nvmlDeviceGetMemoryInfo_v2(Pointer device, MemoryV2 memory);

  int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius);

  int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

  int nvmlDeviceGetEncoderUtilization(
      Pointer device, IntByReference utilization, IntByReference samplingPeriodMicros);

  int nvmlDeviceGetDecoderUtilization(
      Pointer device, IntByReference utilization, IntByReference samplingPeriodMicros);

  /** {@code nvmlUtilization_t}: percentages over the driver's last sample period. */
  @Structure.FieldOrder({"gpu", "memory"})
  class Utilization extends Structure {
    public int gpu;
    public int memory;
  }

  /** {@code nvmlMemory_t}, in bytes. */
  @Structure.FieldOrder({"total", "free", "used"})
  class Memory extends Structure {
    public long total;
    public long free;
    public long used;
  }

  /**
   * {@code nvmlMemory_v2_t}, in bytes: {@code used} without the driver's {@code reserved} memory,
   * as nvidia-smi shows it. {@code version} is NVML's {@code nvmlMemory_v2}: the size and 2.
   */
  @Structure.FieldOrder({"version", "total", "reserved", "free", "used"})
  class MemoryV2 extends Structure {
    public int version;
    public long total;
    public long reserved;
    public long free;
    public long used;

    public MemoryV2() {
      version = size() | (2 << 24);
    }
  }
}
