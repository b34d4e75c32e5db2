package io.optimizarr.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every monitor-service setting; each key has its environment variable (docs/CONFIGURATION.md). */
@ConfigMapping(prefix = "optimizarr")
public interface MonitorConfig {

  Monitor monitor();

  interface Monitor {

    /** How often the host is sampled ({@code OPTIMIZARR_MONITOR_INTERVAL}); at least 250 ms. */
    @WithDefault("1s")
    Duration interval();

    /**
     * How often the streams that ask for pulses get a quick CPU figure between snapshots ({@code
     * OPTIMIZARR_MONITOR_PULSE_INTERVAL}), for the encoder's fast path; 50 ms to 250 ms.
     */
    @WithDefault("200ms")
    Duration pulseInterval();

    /** How far back {@code /api/resources/history} reaches; kept in memory. */
    @WithDefault("60m")
    Duration history();

    /** The service user that API clients authenticate as ({@code OPTIMIZARR_MONITOR_USER}). */
    @WithDefault("optimizarr")
    String user();

    /**
     * That user's password ({@code OPTIMIZARR_MONITOR_PASSWORD}); the service refuses to start
     * without one outside the dev and test profiles.
     */
    Optional<String> password();

    /** The name snapshots carry as {@code host}; the kernel's host name when unset. */
    Optional<String> hostName();
  }
}
