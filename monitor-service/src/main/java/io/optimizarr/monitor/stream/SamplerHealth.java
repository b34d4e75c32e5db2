package io.optimizarr.monitor.stream;

import io.optimizarr.monitor.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live while the sampler keeps sampling (a stuck loop means a restart); ready once there is a
 * snapshot to serve. Neither check does any I/O.
 */
public class SamplerHealth {

  /** How many intervals without a sample mean the loop is stuck; never under 10 s. */
  private static final int STUCK_AFTER_INTERVALS = 5;

  @Liveness
  @ApplicationScoped
  static class Sampling implements HealthCheck {
    private final SnapshotHub hub;
    private final Duration stuckAfter;
    private final Instant started = Instant.now();

    Sampling(SnapshotHub hub, MonitorConfig config) {
      this.hub = hub;
      Duration intervals = config.monitor().interval().multipliedBy(STUCK_AFTER_INTERVALS);
      this.stuckAfter =
          intervals.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : intervals;
    }

    @Override
    public HealthCheckResponse call() {
      Instant last = hub.latest().map(s -> s.timestamp()).orElse(started);
      Duration age = Duration.between(last, Instant.now());
      return HealthCheckResponse.named("sampler")
          .status(age.compareTo(stuckAfter) <= 0)
          .withData("lastSampleAgeMillis", age.toMillis())
          .build();
    }
  }

  @Readiness
  @ApplicationScoped
  static class FirstSnapshot implements HealthCheck {
    private final SnapshotHub hub;

    FirstSnapshot(SnapshotHub hub) {
      this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
      return HealthCheckResponse.named("snapshot").status(hub.latest().isPresent()).build();
    }
  }
}
