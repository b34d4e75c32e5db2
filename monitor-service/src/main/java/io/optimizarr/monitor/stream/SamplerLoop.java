package io.optimizarr.monitor.stream;

import io.optimizarr.model.ResourceSnapshot;
import io.optimizarr.monitor.config.MonitorConfig;
import io.optimizarr.monitor.host.HostSampler;
import io.optimizarr.monitor.metrics.SnapshotMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one sampling loop of the process, whatever the number of clients: a single thread samples the
 * host once per interval and publishes the result.
 */
@ApplicationScoped
public class SamplerLoop {

  static final String THREAD_NAME = "optimizarr-sampler";

  private final MonitorConfig config;
  private final HostSampler sampler;
  private final SnapshotHub hub;
  private final SnapshotHistory history;
  private final SnapshotMetrics metrics;
  private ScheduledExecutorService executor;

  SamplerLoop(
      MonitorConfig config,
      HostSampler sampler,
      SnapshotHub hub,
      SnapshotHistory history,
      SnapshotMetrics metrics) {
    this.config = config;
    this.sampler = sampler;
    this.hub = hub;
    this.history = history;
    this.metrics = metrics;
  }

  // After StartupChecks, so that a refused configuration never starts sampling.
  void start(@Observes @Priority(2000) StartupEvent event) {
    long periodNanos = config.monitor().interval().toNanos();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleAtFixedRate(this::sampleOnce, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    Log.infof("Sampling the host every %d ms", config.monitor().interval().toMillis());
  }

  private void sampleOnce() {
    try {
      long started = System.nanoTime();
      ResourceSnapshot snapshot = sampler.sample();
      history.add(snapshot.withProcesses(List.of()));
      metrics.record(snapshot, System.nanoTime() - started);
      hub.publish(snapshot);
    } catch (RuntimeException e) {
      // One failed sample must not end the loop: the next interval tries again.
      Log.errorf(e, "Sampling the host failed");
    }
  }

  @PreDestroy
  void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
