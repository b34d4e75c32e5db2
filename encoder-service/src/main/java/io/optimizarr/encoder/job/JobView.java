package io.optimizarr.encoder.job;

import io.optimizarr.model.JobStatus;
import java.time.Instant;

/** A job as the API and UI see it (DESIGN §8 names). */
public record JobView(
    Long id,
    String inputPath,
    String outputPath,
    Long profileId,
    int priority,
    JobStatus status,
    String statusReason,
    double progressPercent,
    Double fps,
    Double speed,
    Long etaSeconds,
    String node,
    Long pid,
    int attempts,
    String error,
    Double cpuPercent,
    Long memoryBytes,
    Double peakCpuPercent,
    Long peakMemoryBytes,
    double pausedSeconds,
    boolean ignoreThresholds,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public static JobView of(EncodingJob j) {
    return new JobView(
        j.id,
        j.inputPath,
        j.outputPath,
        j.profileId,
        j.priority,
        j.status,
        j.statusReason,
        j.progressPercent,
        j.fps,
        j.speed,
        j.etaSeconds,
        j.node,
        j.pid,
        j.attempts,
        j.error,
        j.cpuPercent,
        j.memoryBytes,
        j.peakCpuPercent,
        j.peakMemoryBytes,
        j.pausedSeconds,
        j.ignoreThresholds,
        j.createdAt,
        j.startedAt,
        j.finishedAt);
  }
}
