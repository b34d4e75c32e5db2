package io.optimizarr.monitor.gpu;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import io.optimizarr.model.GpuProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The processes on one NVIDIA GPU with their own figures, from three NVML calls: the per-process
 * utilisation samples since the last read, the compute and graphics process lists (memory), and the
 * encoder sessions. A call the device or driver does not answer leaves its figures null, never
 * failing the sample; all of them unanswered leaves the list null. Called from the sampler thread
 * only.
 */
final class NvmlProcesses {

  /** Samples older than this are not read, at the first read of a device or after a silence. */
  private static final long OLDEST_MICROS = 5_000_000;

  /** Room for processes that start between the count and the read. */
  private static final int SPARE = 4;

  private static final int ATTEMPTS = 3;

  private final NvmlLibrary nvml;
  private final LongSupplier clockMicros;
  private final Map<Integer, Long> lastSeen = new HashMap<>();
  private final Set<String> missing = new HashSet<>();

  /**
   * @param clockMicros the CPU clock in µs, as NVML stamps its samples
   */
  NvmlProcesses(NvmlLibrary nvml, LongSupplier clockMicros) {
    this.nvml = nvml;
    this.clockMicros = clockMicros;
  }

  /** Engine shares of one process, the mean of its samples in the window. */
  private record Engines(double sm, double encoder, double decoder) {}

  /** The GPU's processes by pid; null where no call answered. */
  List<GpuProcess> read(int index, Pointer device) {
    Map<Long, Engines> engines = utilization(index, device);
    Map<Long, Long> memory = memory(device);
    Map<Long, Integer> sessions = sessions(device);
    if (engines == null && memory == null && sessions == null) {
      return null;
    }
    var pids = new TreeSet<Long>();
    for (Map<Long, ?> known : List.of(orEmpty(engines), orEmpty(memory), orEmpty(sessions))) {
      pids.addAll(known.keySet());
    }
    var processes = new ArrayList<GpuProcess>(pids.size());
    for (long pid : pids) {
      Engines used = engines == null ? null : engines.getOrDefault(pid, new Engines(0, 0, 0));
      processes.add(
          new GpuProcess(
              pid,
              used == null ? null : used.sm(),
              used == null ? null : used.encoder(),
              used == null ? null : used.decoder(),
              memory == null ? null : memory.get(pid),
              sessions == null ? null : sessions.getOrDefault(pid, 0)));
    }
    return processes;
  }

  /**
   * Each process's mean shares over the samples since the newest one read before (at most {@link
   * #OLDEST_MICROS} back). A process without a sample used nothing: NVML gives samples only for
   * processes that used the GPU.
   */
  private Map<Long, Engines> utilization(int index, Pointer device) {
    long since =
        Math.max(lastSeen.getOrDefault(index, 0L), clockMicros.getAsLong() - OLDEST_MICROS);
    List<NvmlLibrary.ProcessUtilizationSample> samples =
        listed(
            "nvmlDeviceGetProcessUtilization",
            NvmlLibrary.ProcessUtilizationSample::new,
            (count, buffer) -> nvml.nvmlDeviceGetProcessUtilization(device, buffer, count, since));
    if (samples == null) {
      return null;
    }
    var sums = new HashMap<Long, double[]>();
    long newest = since;
    for (var sample : samples) {
      if (sample.timeStamp <= since) {
        continue;
      }
      newest = Math.max(newest, sample.timeStamp);
      double[] sum = sums.computeIfAbsent(unsigned(sample.pid), pid -> new double[4]);
      sum[0] += sample.smUtil;
      sum[1] += sample.encUtil;
      sum[2] += sample.decUtil;
      sum[3]++;
    }
    lastSeen.put(index, newest);
    var engines = new HashMap<Long, Engines>();
    sums.forEach((pid, s) -> engines.put(pid, new Engines(s[0] / s[3], s[1] / s[3], s[2] / s[3])));
    return engines;
  }

  /**
   * GPU memory by pid from the compute and graphics lists (a process in both holds one amount,
   * which both report); null for a pid whose amount NVML does not know.
   */
  private Map<Long, Long> memory(Pointer device) {
    List<NvmlLibrary.ProcessInfo> compute =
        listed(
            "nvmlDeviceGetComputeRunningProcesses_v3",
            NvmlLibrary.ProcessInfo::new,
            (count, buffer) -> nvml.nvmlDeviceGetComputeRunningProcesses_v3(device, count, buffer));
    List<NvmlLibrary.ProcessInfo> graphics =
        listed(
            "nvmlDeviceGetGraphicsRunningProcesses_v3",
            NvmlLibrary.ProcessInfo::new,
            (count, buffer) ->
                nvml.nvmlDeviceGetGraphicsRunningProcesses_v3(device, count, buffer));
    if (compute == null && graphics == null) {
      return null;
    }
    var memory = new HashMap<Long, Long>();
    for (var info : concat(orEmpty(compute), orEmpty(graphics))) {
      Long bytes = info.usedGpuMemory == NOT_AVAILABLE ? null : info.usedGpuMemory;
      Long before = memory.get(unsigned(info.pid));
      memory.put(
          unsigned(info.pid),
          before == null || bytes == null ? orElse(before, bytes) : max(before, bytes));
    }
    return memory;
  }

  private Map<Long, Integer> sessions(Pointer device) {
    List<NvmlLibrary.EncoderSessionInfo> sessions =
        listed(
            "nvmlDeviceGetEncoderSessions",
            NvmlLibrary.EncoderSessionInfo::new,
            (count, buffer) -> nvml.nvmlDeviceGetEncoderSessions(device, count, buffer));
    if (sessions == null) {
      return null;
    }
    var byPid = new HashMap<Long, Integer>();
    sessions.forEach(s -> byPid.merge(unsigned(s.pid), 1, Integer::sum));
    return byPid;
  }

  /** NVML_VALUE_NOT_AVAILABLE as an unsigned long long. */
  private static final long NOT_AVAILABLE = -1L;

  @FunctionalInterface
  private interface Lister<T extends Structure> {
    int list(IntByReference count, T[] buffer);
  }

  /**
   * A listing call made as NVML asks: first with no buffer for the count, then with a buffer of
   * that size (again, larger, while the list grows in between). Empty on NOT_FOUND (nothing since);
   * null on any other error or where the library lacks the function (an older driver).
   */
  @SuppressWarnings("unchecked")
  private <T extends Structure> List<T> listed(String function, Supplier<T> blank, Lister<T> call) {
    if (missing.contains(function)) {
      return null;
    }
    try {
      var count = new IntByReference(0);
      T[] buffer = null;
      int status = call.list(count, null);
      for (int attempt = 0; attempt <= ATTEMPTS; attempt++) {
        if (status == NvmlLibrary.ERROR_NOT_FOUND) {
          return List.of();
        }
        if (status == NvmlLibrary.SUCCESS && (buffer != null || count.getValue() == 0)) {
          return buffer == null ? List.of() : read(buffer, count.getValue());
        }
        if (status != NvmlLibrary.SUCCESS && status != NvmlLibrary.ERROR_INSUFFICIENT_SIZE) {
          return null;
        }
        buffer = (T[]) blank.get().toArray(Math.max(0, count.getValue()) + SPARE);
        count.setValue(buffer.length);
        status = call.list(count, buffer);
      }
      return null;
    } catch (UnsatisfiedLinkError olderDriver) {
      missing.add(function);
      return null;
    }
  }

  /** The first {@code count} entries as the driver wrote them into the buffer's memory. */
  private static <T extends Structure> List<T> read(T[] buffer, int count) {
    var entries = new ArrayList<T>(count);
    for (int i = 0; i < Math.min(count, buffer.length); i++) {
      buffer[i].read();
      entries.add(buffer[i]);
    }
    return entries;
  }

  private static Long orElse(Long a, Long b) {
    return a != null ? a : b;
  }

  private static Long max(Long a, Long b) {
    return Long.valueOf(Math.max(a, b));
  }

  private static long unsigned(int pid) {
    return Integer.toUnsignedLong(pid);
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    var both = new ArrayList<T>(a);
    both.addAll(b);
    return both;
  }
}
