package io.optimizarr.encoder.schedule;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock the governor and the alerts read: the system's, in the node's time zone (the JVM's
 * default, from {@code TZ} or {@code -Duser.timezone}). Tests enable an alternative that they move.
 */
public class NodeClock {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemDefaultZone();
  }
}
