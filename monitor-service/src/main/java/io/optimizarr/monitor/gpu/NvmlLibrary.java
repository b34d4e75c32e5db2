package io.optimizarr.monitor.gpu;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of NVIDIA's management library ({@code libnvidia-ml.so.1}) that the probe calls. Every
 * function returns an {@code nvmlReturn_t}: 0 on success. The structures follow nvml.h field for
 * field (C layout: an {@code unsigned long long} after an {@code unsigned int} is padded to 8
 * bytes, as JNA lays it out too); the listing calls take arrays made by {@link
 * Structure#toArray(int)}, whose elements lie one after another as the driver writes them.
 */
public interface NvmlLibrary extends Library {

  int SUCCESS = 0;
  int ERROR_NOT_SUPPORTED = 3;
  int ERROR_NOT_FOUND = 6;
  int ERROR_INSUFFICIENT_SIZE = 7;
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

  /**
   * Per-process samples newer than {@code lastSeenTimeStamp} (µs of the CPU clock): one per process
   * that used the GPU at all in the driver's last sample period. With a null buffer it answers
   * INSUFFICIENT_SIZE and the count needed; NOT_FOUND when there is no sample since; NOT_SUPPORTED
   * on devices without per-process accounting (before Maxwell, MIG, Blackwell).
   */
  int nvmlDeviceGetProcessUtilization(
      Pointer device,
      ProcessUtilizationSample[] utilization,
      IntByReference processSamplesCount,
      long lastSeenTimeStamp);

  /**
   * Processes with a compute (CUDA) context. With a zero count it answers SUCCESS when there are
   * none, else INSUFFICIENT_SIZE and the count needed. Since driver 510.
   */
  int nvmlDeviceGetComputeRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos);

  /** Processes with a graphics context, answered as the compute list. Since driver 510. */
  int nvmlDeviceGetGraphicsRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos);

  /**
   * Active encoder (NVENC) sessions. With a zero count it answers SUCCESS and the number of
   * sessions; INSUFFICIENT_SIZE when the buffer is too small.
   */
  int nvmlDeviceGetEncoderSessions(
      Pointer device, IntByReference sessionCount, EncoderSessionInfo[] sessionInfos);

  /**
   * {@code nvmlProcessUtilizationSample_t}, 32 bytes: percentages of the sample period, the
   * timestamp in µs of the CPU clock.
   */
  @Structure.FieldOrder({"pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"})
  class ProcessUtilizationSample extends Structure {
    public int pid;
    public long timeStamp;
    public int smUtil;
    public int memUtil;
    public int encUtil;
    public int decUtil;
  }

  /**
   * {@code nvmlProcessInfo_t} (the second version, which the {@code _v3} calls fill), 24 bytes.
   * {@code usedGpuMemory} is NVML_VALUE_NOT_AVAILABLE (all bits set: -1 here) where the driver does
   * not know it; the instance ids are 0xFFFFFFFF without MIG.
   */
  @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
  class ProcessInfo extends Structure {
    public int pid;
    public long usedGpuMemory;
    public int gpuInstanceId;
    public int computeInstanceId;
  }

  /**
   * {@code nvmlEncoderSessionInfo_t}, 32 bytes: {@code codecType} 0 H.264, 1 HEVC, 2 AV1; the
   * resolution, the moving averages of frames per second and of latency (µs).
   */
  @Structure.FieldOrder({
    "sessionId",
    "pid",
    "vgpuInstance",
    "codecType",
    "hResolution",
    "vResolution",
    "averageFps",
    "averageLatency"
  })
  class EncoderSessionInfo extends Structure {
    public int sessionId;
    public int pid;
    public int vgpuInstance;
    public int codecType;
    public int hResolution;
    public int vResolution;
    public int averageFps;
    public int averageLatency;
  }

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
