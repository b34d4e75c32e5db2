package io.optimizarr.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sample of a host's resources.
 *
 * @param seq increasing per monitor process, starting at 1
 * @param timestamp when the sample was taken
 * @param host the sampled host's name
 * @param intervalSeconds the window that the rates and percentages cover
 * @param processes figures for the process ids a caller asked about; empty when none
 */
public record ResourceSnapshot(
    long seq,
    Instant timestamp,
    String host,
    double intervalSeconds,
    CpuUsage cpu,
    MemoryUsage memory,
    List<GpuUsage> gpus,
    DiskIo disk,
    NetworkIo network,
    List<ProcessUsage> processes) {

  public ResourceSnapshot {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(disk, "disk");
    Objects.requireNonNull(network, "network");
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    processes = processes == null ? List.of() : List.copyOf(processes);
  }

  /** The same snapshot carrying other process figures. */
  public ResourceSnapshot withProcesses(List<ProcessUsage> otherProcesses) {
    return new ResourceSnapshot(
        seq, timestamp, host, intervalSeconds, cpu, memory, gpus, disk, network, otherProcesses);
  }
}
