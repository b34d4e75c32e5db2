package io.optimizarr.encoder.queue;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Warns at start when PostgreSQL runs with autovacuum off (it is on by default). Without vacuums
 * the job list's pages read every row they skip from the table instead of from its index alone: at
 * 100,000 jobs the list's p99 doubled (docs/RELIABILITY.md, Load).
 */
@ApplicationScoped
public class AutovacuumCheck {

  static final String WARNING =
      "PostgreSQL runs with autovacuum off: the job list slows as jobs accumulate; turn autovacuum"
          + " on or VACUUM the database regularly";

  private final Pool pool;

  AutovacuumCheck(Pool pool) {
    this.pool = pool;
  }

  /** The warning, when this database's autovacuum is off. */
  Uni<Optional<String>> warning() {
    return pool.query("SELECT current_setting('autovacuum') = 'off' AS off")
        .execute()
        .map(
            rows ->
                rows.iterator().next().getBoolean("off") ? Optional.of(WARNING) : Optional.empty());
  }

  void onStart(@Observes StartupEvent event) {
    warning()
        .subscribe()
        .with(
            warning -> warning.ifPresent(Log::warn),
            error -> Log.debugf("Could not read the autovacuum setting: %s", error.getMessage()));
  }
}
