package io.optimizarr.monitor.stream;

import io.optimizarr.monitor.config.MonitorConfig;
import io.optimizarr.monitor.host.PulseSampler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fast path's loop: a thread of its own takes a {@link io.optimizarr.model.CpuPulse} every
 * pulse interval (default 200 ms) and hands it to the streams that asked for pulses — apart from
 * the sampler, so snapshots, their history and metrics stay as they are. While no stream follows
 * the pulses it reads nothing.
 */
@ApplicationScoped
public class PulseLoop {

  static final String THREAD_NAME = "optimizarr-pulse";

  private final MonitorConfig config;
  private final PulseHub hub;
  private PulseSampler sampler;
  private ScheduledExecutorService executor;
  private boolean followed;

  PulseLoop(MonitorConfig config, PulseHub hub) {
    this.config = config;
    this.hub = hub;
  }

  // After StartupChecks, so that a refused configuration never starts pulsing.
  void start(@Observes @Priority(2000) StartupEvent event) {
    sampler = new PulseSampler(Path.of("/proc"));
    long periodNanos = config.monitor().pulseInterval().toNanos();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleAtFixedRate(this::pulseOnce, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    Log.infof(
        "Pulsing the CPU every %d ms for streams that ask",
        config.monitor().pulseInterval().toMillis());
  }

  private void pulseOnce() {
    try {
      if (!hub.followed()) {
        followed = false;
        return;
      }
      if (!followed) {
        // The first pulse after a time without followers covers one interval, not the whole gap.
        followed = true;
        sampler.restart();
        return;
      }
      hub.publish(sampler.sample());
    } catch (RuntimeException e) {
      // One failed pulse must not end the loop: the next interval tries again.
      Log.errorf(e, "Taking a CPU pulse failed");
    }
  }

  @PreDestroy
  void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
