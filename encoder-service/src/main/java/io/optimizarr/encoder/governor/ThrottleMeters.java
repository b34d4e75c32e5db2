package io.optimizarr.encoder.governor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The governor's meters: encodes paused now, the seconds they spent paused, the pauses by what
 * caused them, and the age of the latest snapshot. Thread-safe.
 */
final class ThrottleMeters {

  private final MeterRegistry registry;
  private final Set<Long> paused = ConcurrentHashMap.newKeySet();
  private final Map<Cause, Counter> pauses = new ConcurrentHashMap<>();
  private final DoubleAdder pausedSeconds = new DoubleAdder();
  private long lastAccruedNanos = System.nanoTime();

  ThrottleMeters(MeterRegistry registry, MonitorClient monitor) {
    this.registry = registry;
    Gauge.builder("optimizarr.throttle.paused", paused, Set::size)
        .description("Encodes paused by the governor now")
        .register(registry);
    FunctionCounter.builder("optimizarr.throttle.paused.seconds", pausedSeconds, DoubleAdder::sum)
        .description("Seconds encodes spent paused by the governor, summed over encodes")
        .register(registry);
    Gauge.builder("optimizarr.snapshot.age", monitor, MonitorClient::latestAgeSeconds)
        .description("Seconds since the latest snapshot from the monitor")
        .baseUnit("seconds")
        .register(registry);
  }

  void paused(long jobId, Cause cause) {
    paused.add(jobId);
    pauses
        .computeIfAbsent(
            cause,
            c ->
                Counter.builder("optimizarr.throttle.pauses")
                    .description("Encodes paused by the governor, by the resource that was hot")
                    .tag("resource", c.tag())
                    .register(registry))
        .increment();
  }

  void resumed(long jobId) {
    paused.remove(jobId);
  }

  /** Forgets encodes that no longer run; gives those paused now. */
  Set<Long> running(Collection<Long> jobIds) {
    paused.retainAll(Set.copyOf(jobIds));
    return paused;
  }

  /** Adds the time since the last call for every encode paused now; called once a second. */
  synchronized void accrue() {
    long nanos = System.nanoTime();
    pausedSeconds.add(paused.size() * (nanos - lastAccruedNanos) / 1e9);
    lastAccruedNanos = nanos;
  }
}
