package io.optimizarr.encoder.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.optimizarr.model.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code optimizarr_jobs{status}} (the queue, all nodes, as last counted), {@code
 * optimizarr_job_duration_seconds} (wall time of this node's completed encodes) and {@code
 * optimizarr_job_failures_total}, {@code optimizarr_job_skips_total}.
 */
@Singleton
public class JobMetrics {

  static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

  private final Pool pool;
  private volatile long refreshedAt;
  private final Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
  private final Timer duration;
  private final Counter failures;
  private final Counter skips;

  JobMetrics(MeterRegistry registry, Pool pool) {
    this.pool = pool;
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
   * every second. (The count reads the whole table: every second at 100,000 jobs it took a third of
   * a core of PostgreSQL under load.)
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
    return pool.query("SELECT status, count(*) FROM encoding_job GROUP BY status")
        .execute()
        .invoke(
            rows -> {
              var fresh = new EnumMap<JobStatus, Long>(JobStatus.class);
              for (JobStatus status : JobStatus.values()) {
                fresh.put(status, 0L);
              }
              rows.forEach(r -> fresh.put(JobStatus.valueOf(r.getString(0)), r.getLong(1)));
              synchronized (this) {
                counts.putAll(fresh);
              }
            })
        .replaceWithVoid();
  }

  public void completed(Duration wallTime) {
    duration.record(wallTime);
  }

  public void failed() {
    failures.increment();
  }

  public void skipped() {
    skips.increment();
  }
}
