package io.optimizarr.encoder.settings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the one row of {@code resource_settings}. */
@ApplicationScoped
public class SettingsStore {

  private final Pool pool;

  SettingsStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<ResourceSettings> load() {
    return pool.query("SELECT * FROM resource_settings WHERE id = 1")
        .execute()
        .map(rows -> of(rows.iterator().next()));
  }

  /** Replaces the settings; gives them back as stored. */
  public Uni<ResourceSettings> save(ResourceSettings s) {
    return pool.preparedQuery(
            """
            UPDATE resource_settings SET cpu_threshold = $1, memory_threshold = $2,
                gpu_threshold = $3, nice_level = $4, cpu_affinity = $5, enable_throttling = $6,
                resume_margin = $7, pause_after_samples = $8, resume_after_samples = $9,
                cpu_temperature_limit = $10, gpu_temperature_limit = $11, on_monitor_lost = $12,
                stale_after_seconds = $13, max_concurrent_jobs = $14, priority_mode = $15,
                ignore_batch_load = $16, release_pause_on = $17,
                updated_at = now()
            WHERE id = 1
            """)
        .execute(
            Tuple.from(
                List.of(
                    s.cpuThreshold(),
                    s.memoryThreshold(),
                    s.gpuThreshold(),
                    s.niceLevel(),
                    s.cpuAffinity(),
                    s.enableThrottling(),
                    s.resumeMargin(),
                    s.pauseAfterSamples(),
                    s.resumeAfterSamples(),
                    s.cpuTemperatureLimit(),
                    s.gpuTemperatureLimit(),
                    s.onMonitorLost(),
                    s.staleAfterSeconds(),
                    s.maxConcurrentJobs(),
                    s.priorityMode().name(),
                    s.ignoreBatchLoad(),
                    ReleaseCause.stored(s.releasePauseOn()))))
        .flatMap(done -> load());
  }

  private static ResourceSettings of(Row r) {
    return new ResourceSettings(
        r.getInteger("cpu_threshold"),
        r.getInteger("memory_threshold"),
        r.getInteger("gpu_threshold"),
        r.getInteger("nice_level"),
        r.getString("cpu_affinity"),
        r.getBoolean("enable_throttling"),
        r.getInteger("resume_margin"),
        r.getInteger("pause_after_samples"),
        r.getInteger("resume_after_samples"),
        r.getInteger("cpu_temperature_limit"),
        r.getInteger("gpu_temperature_limit"),
        r.getString("on_monitor_lost"),
        r.getInteger("stale_after_seconds"),
        r.getInteger("max_concurrent_jobs"),
        PriorityMode.valueOf(r.getString("priority_mode")),
        r.getBoolean("ignore_batch_load"),
        ReleaseCause.parse(r.getString("release_pause_on")));
  }
}
