package io.optimizarr.monitor.host;

import io.optimizarr.model.CpuUsage;
import io.optimizarr.model.DiskIo;
import io.optimizarr.model.MemoryUsage;
import io.optimizarr.model.NetworkIo;
import io.optimizarr.model.ResourceSnapshot;
import io.optimizarr.monitor.gpu.GpuProbes;
import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.RunQueueDelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Takes one snapshot of the host per call, with rates and percentages over the time since the
 * previous call. Not thread-safe: exactly one sampler thread calls it.
 */
public final class HostSampler {

  private static final ProcFs PROC = ProcFs.host();

  /** CPU use (percent) from which threads' waiting for a core and batch work are measured. */
  static final double BUSY_ENOUGH_TO_WAIT = 50;

  /** Waiting for a core and batch programs' CPU; both null while the CPU is not busy enough. */
  private record BusyFigures(Double waitingPercent, Double batchPercent) {}

  private final String host;
  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final Optional<CpuTemperatureSensor> temperature;
  private final GpuProbes gpus;
  private final ProcessWatch processes;
  private final ProcessReader processReader;
  private final Set<String> disks;
  private final Optional<RunQueueDelay> waits;
  private final BatchLoad batch = new BatchLoad(PROC);

  private long seq;
  private long previousNanos;
  private CpuTicks previousTicks;
  private BlockDeviceCounters previousDisk;
  private NetworkCounters previousNetwork;

  public HostSampler(
      String host,
      CentralProcessor processor,
      GlobalMemory memory,
      Optional<CpuTemperatureSensor> temperature,
      GpuProbes gpus,
      ProcessWatch processes,
      ProcessReader processReader) {
    this.host = host;
    this.processor = processor;
    this.memory = memory;
    this.temperature = temperature;
    this.gpus = gpus;
    this.processes = processes;
    this.processReader = processReader;
    this.disks = physicalDisks();
    this.waits =
        RunQueueDelay.supported(PROC) ? Optional.of(new RunQueueDelay(PROC)) : Optional.empty();
    previousNanos = System.nanoTime();
    previousTicks = readCpuTicks();
    previousDisk = readDisk();
    previousNetwork = readNetwork();
  }

  public ResourceSnapshot sample() {
    long now = System.nanoTime();
    CpuTicks ticks = readCpuTicks();
    BlockDeviceCounters disk = readDisk();
    NetworkCounters network = readNetwork();
    double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
    int cores = ticks.perCore().size();

    double usage = ticks.usagePercentSince(previousTicks);
    BusyFigures busy = busyFigures(usage, seconds, cores);
    var cpu =
        new CpuUsage(
            usage,
            ticks.perCorePercentSince(previousTicks),
            cores,
            loadAverage1m(),
            cpuTemperature(),
            busy.waitingPercent(),
            busy.batchPercent());
    var snapshot =
        new ResourceSnapshot(
            ++seq,
            Instant.now(),
            host,
            seconds,
            cpu,
            memoryUsage(),
            gpus.sample(),
            diskIo(disk, seconds),
            networkIo(network, seconds),
            processes.sample(processReader::read, now, seconds, cores));

    previousNanos = now;
    previousTicks = ticks;
    previousDisk = disk;
    previousNetwork = network;
    return snapshot;
  }

  private MemoryUsage memoryUsage() {
    long total = memory.getTotal();
    long available = memory.getAvailable();
    long used = total - available;
    var swap = memory.getVirtualMemory();
    return new MemoryUsage(
        total,
        available,
        used,
        total == 0 ? 0.0 : 100.0 * used / total,
        swap.getSwapTotal(),
        swap.getSwapUsed());
  }

  private DiskIo diskIo(BlockDeviceCounters now, double seconds) {
    return new DiskIo(
        now.readBytes(),
        now.writeBytes(),
        now.reads(),
        now.writes(),
        rate(previousDisk.readBytes(), now.readBytes(), seconds),
        rate(previousDisk.writeBytes(), now.writeBytes(), seconds));
  }

  private NetworkIo networkIo(NetworkCounters now, double seconds) {
    return new NetworkIo(
        now.receivedBytes(),
        now.sentBytes(),
        rate(previousNetwork.receivedBytes(), now.receivedBytes(), seconds),
        rate(previousNetwork.sentBytes(), now.sentBytes(), seconds));
  }

  /** A counter that went backwards (a device removed, a counter reset) gives 0, not a negative. */
  static double rate(long before, long after, double seconds) {
    return Math.max(0, after - before) / seconds;
  }

  /**
   * Batch programs' CPU, and every other thread's run-queue delay, since the previous sample: batch
   * work asked to wait, so its waiting is no one's demand. Reading every process's {@code stat} and
   * threads' {@code schedstat} costs a few milliseconds a sample, so both are read only while the
   * CPU is at least half busy — the lowest threshold a node can set, and nobody waits to speak of
   * below it; null then. Batch processes' threads are not read at all, and those of a process that
   * used no CPU since the previous sample are read once it does: a thread that waited for a core
   * gets one within the second on a machine of ordinary load, and its waiting counts then. On a
   * host of a few hundred threads, most of them asleep, this reads a third of them.
   */
  private BusyFigures busyFigures(double usagePercent, double seconds, int cores) {
    if (usagePercent < BUSY_ENOUGH_TO_WAIT) {
      waits.ifPresent(RunQueueDelay::forget);
      batch.forget();
      return new BusyFigures(null, null);
    }
    List<Long> pids = PROC.processes();
    BatchLoad.Reading batchWork = batch.sinceLast(pids, seconds, cores);
    Double waiting =
        waits
            .map(
                w ->
                    RunQueueDelay.percent(
                        w.sinceLast(
                                pids, batchWork.batchPids()::contains, pid -> look(batchWork, pid))
                            .otherNanos(),
                        seconds,
                        cores))
            .orElse(null);
    return new BusyFigures(waiting, batchWork.percent());
  }

  /** Batch work is not read; a process that did not run keeps its threads' figures. */
  private static RunQueueDelay.Look look(BatchLoad.Reading reading, long pid) {
    if (reading.batchPids().contains(pid)) {
      return RunQueueDelay.Look.SKIP;
    }
    return reading.stillPids().contains(pid) ? RunQueueDelay.Look.KEEP : RunQueueDelay.Look.READ;
  }

  private Double loadAverage1m() {
    double load = processor.getSystemLoadAverage(1)[0];
    return load < 0 ? null : load;
  }

  private Double cpuTemperature() {
    return temperature.map(CpuTemperatureSensor::read).orElse(null);
  }

  private static CpuTicks readCpuTicks() {
    return CpuTicks.parse(lines(PROC.root().resolve("stat")));
  }

  private BlockDeviceCounters readDisk() {
    return BlockDeviceCounters.parse(lines(PROC.root().resolve("diskstats")), disks);
  }

  private static NetworkCounters readNetwork() {
    return NetworkCounters.parse(lines(PROC.root().resolve("net/dev")));
  }

  private static Set<String> physicalDisks() {
    Path block = Path.of("/sys/block");
    if (!Files.isDirectory(block)) {
      return Set.of();
    }
    try (Stream<Path> names = Files.list(block)) {
      return names
          .map(p -> p.getFileName().toString())
          .filter(BlockDeviceCounters::isPhysicalDisk)
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
