package io.optimizarr.encoder.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.optimizarr.encoder.queue.JobFinished;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.NodeLost;
import io.optimizarr.encoder.queue.Outcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code optimizarr_jobs{status}} (the queue, all nodes, as last counted), {@code
 * optimizarr_job_duration_seconds} (wall time of this node's completed encodes) and {@code
 * optimizarr_job_failures_total}, {@code optimizarr_job_skips_total}; {@code
 * optimizarr_jobs_taken_from_lost_nodes_total} (jobs this node requeued from nodes whose lease ran
 * out) and {@code optimizarr_jobs_replacing_on_lost_nodes} (REPLACING jobs that wait for their lost
 * node, all nodes, as last counted).
 */
@Singleton
public class JobMetrics {

  static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

  private final JobQueue queue;
  private volatile long refreshedAt;
  private final Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
  private final Timer duration;
  private final Counter failures;
  private final Counter skips;
  private final Counter encodedFiles;
  private final Counter savedBytes;
  private final Counter takenFromLostNodes;
  private volatile long replacingOnLostNodes;

  JobMetrics(MeterRegistry registry, JobQueue queue) {
    this.queue = queue;
    for (JobStatus status : JobStatus.values()) {
      counts.put(status, 0L);
      Gauge.builder("optimizarr.jobs", this, m -> m.count(status))
          .description("Jobs in the queue by status")
          .tag("status", status.name())
          .register(registry);
    }
    duration =
        Timer.builder("optimizarr.job.duration")
            .description("Wall time of completed encodes, pauses included")
            .register(registry);
    failures =
        Counter.builder("optimizarr.job.failures")
            .description("Encodes that ended FAILED")
            .register(registry);
    encodedFiles =
        Counter.builder("optimizarr.encoded.files")
            .description("Encodes this node completed, their outputs checked and in place")
            .register(registry);
    savedBytes =
        Counter.builder("optimizarr.saved")
            .baseUnit("bytes")
            .description(
                "Bytes this node's completed encodes saved: inputs' sizes less outputs', where"
                    + " smaller (a counter never falls; GET /api/stats has the net figure)")
            .register(registry);
    takenFromLostNodes =
        Counter.builder("optimizarr.jobs.taken.from.lost.nodes")
            .description(
                "Jobs this node took from nodes whose lease ran out: requeued with one more"
                    + " attempt (or failed, out of attempts)")
            .register(registry);
    Gauge.builder("optimizarr.jobs.replacing.on.lost.nodes", this, m -> m.replacingOnLostNodes)
        .description(
            "Jobs REPLACING their input on a node whose lease ran out: each waits for that node's"
                + " next start, which completes or undoes the replace")
        .register(registry);
    skips =
        Counter.builder("optimizarr.job.skips")
            .description("Jobs that ended SKIPPED: input already in the codec, or output larger")
            .register(registry);
  }

  private synchronized double count(JobStatus status) {
    return counts.get(status);
  }

  /**
   * Counts the queue again if the last count is {@link #REFRESH_EVERY} old; the supervisor asks
   * every second. The count reads the whole table, which at 100,000 jobs is too dear to do every
   * second.
   */
  public Uni<Void> refreshIfDue() {
    long now = System.nanoTime();
    if (refreshedAt != 0 && now - refreshedAt < REFRESH_EVERY.toNanos()) {
      return Uni.createFrom().voidItem();
    }
    refreshedAt = now;
    return refresh();
  }

  /** Counts the queue again. */
  public Uni<Void> refresh() {
    return queue
        .countByStatus()
        .invoke(
            fresh -> {
              synchronized (this) {
                counts.putAll(fresh);
              }
            })
        .flatMap(counted -> queue.countReplacingOnLostNodes())
        .invoke(waiting -> replacingOnLostNodes = waiting)
        .replaceWithVoid();
  }

  /** This node took jobs from a lost node. */
  void nodeLost(@Observes NodeLost lost) {
    takenFromLostNodes.increment(lost.taken().size());
  }

  /** An encode of this node ended: its wall time when it completed, a count when not. */
  void jobFinished(@Observes JobFinished finished) {
    if (finished.outcome() instanceof Outcome.Completed completed) {
      duration.record(finished.ran());
      encodedFiles.increment();
      savedBytes.increment(Math.max(0, completed.inputBytes() - completed.outputBytes()));
    } else if (finished.outcome() instanceof Outcome.Failed) {
      failures.increment();
    } else if (finished.outcome() instanceof Outcome.Skipped) {
      skips.increment();
    }
  }
}
