package io.optimizarr.encoder.settings;

import io.optimizarr.model.ResourceSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

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
        r.getInteger("max_concurrent_jobs"));
  }
}
