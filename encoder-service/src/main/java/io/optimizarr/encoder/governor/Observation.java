package io.optimizarr.encoder.governor;

import io.optimizarr.model.GpuUsage;
import io.optimizarr.model.ResourceSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One snapshot as the governor judges it: the machine's totals and our own share over the same
 * window. Ours is the encodes', this service's and its helpers' ({@link
 * io.optimizarr.encoder.process.ServiceProcesses}): an encoder must never take itself for foreign
 * load.
 *
 * @param ownCpuPercent our CPU, as a share of the whole machine (0–100)
 * @param ownMemoryBytes our resident memory
 * @param gpuInUseByUs true while an encode of ours uses a GPU: GPU load is then split by process
 *     where the monitor lists the GPU's processes, and not judged where it does not ({@link
 *     GpuLoad})
 * @param cpuWaitingPercent the host's threads' waiting for a core as a share of all cores; null
 *     where unknown or not counted
 * @param ownCpuWaitingPercent our encodes' share of that waiting
 * @param othersBatchCpuPercent other programs' batch work (idle class or nice 15+: the monitor's
 *     batch figure less our encodes' part of it), which is spare capacity rather than foreign load;
 *     0 where it is not known or the node counts it as foreign ({@code ignoreBatchLoad} off)
 * @param ownPids our pids: the running encodes', this service's and its helpers'
 */
public record Observation(
    double cpuPercent,
    double ownCpuPercent,
    long memoryUsedBytes,
    long memoryTotalBytes,
    long ownMemoryBytes,
    Double cpuTemperatureCelsius,
    List<GpuUsage> gpus,
    boolean gpuInUseByUs,
    Double cpuWaitingPercent,
    double ownCpuWaitingPercent,
    double othersBatchCpuPercent,
    Set<Long> ownPids) {

  public Observation {
    ownPids = Set.copyOf(ownPids);
  }

  /**
   * @param ownPids our pids, those {@code ours} was measured on
   * @param countWaiting whether others' waiting for a core counts as demand
   * @param ignoreBatchLoad whether other programs' batch work is left out of foreign CPU
   */
  public static Observation of(
      ResourceSnapshot snapshot,
      OwnUsage.Figures ours,
      boolean gpuInUseByUs,
      Collection<Long> ownPids,
      boolean countWaiting,
      boolean ignoreBatchLoad) {
    Double batch = snapshot.cpu().batchPercent();
    // A monitor that reads batch work leaves its waiting out: so is ours then.
    double ownWaiting = batch != null ? ours.nonBatchWaitingPercent() : ours.waitingPercent();
    double othersBatch =
        ignoreBatchLoad && batch != null ? Math.max(0, batch - ours.batchCpuPercent()) : 0;
    return new Observation(
        snapshot.cpu().usagePercent(),
        ours.cpuPercent(),
        snapshot.memory().usedBytes(),
        snapshot.memory().totalBytes(),
        ours.residentBytes(),
        snapshot.cpu().temperatureCelsius(),
        snapshot.gpus(),
        gpuInUseByUs,
        countWaiting ? snapshot.cpu().waitingPercent() : null,
        ownWaiting,
        othersBatch,
        Set.copyOf(ownPids));
  }

  /**
   * Other programs' CPU demand: what they ran (the total less ours and less others' batch work)
   * and, where known, what they waited for a core (the host's waiting less ours), at most 100.
   */
  double foreignCpuPercent() {
    double ran = Math.max(0, cpuPercent - ownCpuPercent - othersBatchCpuPercent);
    double waited =
        cpuWaitingPercent == null ? 0 : Math.max(0, cpuWaitingPercent - ownCpuWaitingPercent);
    return Math.min(100, ran + waited);
  }

  /** Other programs' memory as a share of the machine's. */
  double foreignMemoryPercent() {
    if (memoryTotalBytes <= 0) {
      return 0;
    }
    return Math.max(0, 100.0 * (memoryUsedBytes - ownMemoryBytes) / memoryTotalBytes);
  }

  /** The GPU that weighs most, its load split into ours and others' where it can be. */
  GpuLoad.Share gpuLoad() {
    return GpuLoad.busiest(gpus, gpuInUseByUs, ownPids);
  }

  Double hottestGpuCelsius() {
    return gpus.stream()
        .map(GpuUsage::temperatureCelsius)
        .filter(v -> v != null)
        .max(Double::compare)
        .orElse(null);
  }
}
