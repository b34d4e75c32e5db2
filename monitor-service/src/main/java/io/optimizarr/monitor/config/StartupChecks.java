package io.optimizarr.monitor.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Refuses to start with settings that would leave the service open or the sampler too busy. */
@ApplicationScoped
public class StartupChecks {

  static final Duration MIN_INTERVAL = Duration.ofMillis(250);
  static final Duration MIN_PULSE = Duration.ofMillis(50);

  /** At least four pulses a second: the fast path's reaction depends on it. */
  static final Duration MAX_PULSE = Duration.ofMillis(250);

  // Before anything else observes startup, so that a refused configuration starts nothing.
  void onStart(@Observes @Priority(1) StartupEvent event, MonitorConfig config) {
    List<String> problems = problems(config.monitor(), LaunchMode.current());
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("; ", problems));
    }
  }

  static List<String> problems(MonitorConfig.Monitor monitor, LaunchMode mode) {
    var problems = new ArrayList<String>();
    boolean noPassword = monitor.password().map(String::isBlank).orElse(true);
    if (noPassword && mode == LaunchMode.NORMAL) {
      problems.add(
          "no service password is configured: set OPTIMIZARR_MONITOR_PASSWORD"
              + " (optimizarr.monitor.password) to the password API clients will present");
    }
    if (monitor.interval().compareTo(MIN_INTERVAL) < 0) {
      problems.add(
          "OPTIMIZARR_MONITOR_INTERVAL (optimizarr.monitor.interval) is "
              + monitor.interval().toMillis()
              + " ms; it must be at least 250ms");
    }
    Duration pulse = monitor.pulseInterval();
    if (pulse.compareTo(MIN_PULSE) < 0 || pulse.compareTo(MAX_PULSE) > 0) {
      problems.add(
          "OPTIMIZARR_MONITOR_PULSE_INTERVAL (optimizarr.monitor.pulse-interval) is "
              + pulse.toMillis()
              + " ms; it must be from 50ms to 250ms");
    }
    return problems;
  }
}
