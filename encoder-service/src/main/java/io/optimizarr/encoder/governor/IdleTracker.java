package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.schedule.Idle;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the machine is idle, by {@link Idle}'s rule: other programs' CPU under the level for so
 * many minutes makes it idle; at or above the level for so many seconds makes it in use again.
 * Pure, fed one observation at a time. Not thread-safe.
 */
final class IdleTracker {

  private Instant belowSince;
  private Instant aboveSince;
  private Instant idleSince;

  /** Takes the foreign CPU seen at {@code at}; gives whether the machine is idle now. */
  boolean accept(Instant at, double foreignCpuPercent, Idle rule) {
    if (!rule.enabled()) {
      reset();
      return false;
    }
    if (foreignCpuPercent < rule.cpuBelow()) {
      aboveSince = null;
      belowSince = belowSince == null ? at : belowSince;
      if (idleSince == null
          && !Duration.between(belowSince, at).minusMinutes(rule.afterMinutes()).isNegative()) {
        idleSince = at;
      }
    } else {
      belowSince = null;
      aboveSince = aboveSince == null ? at : aboveSince;
      if (idleSince != null
          && Duration.between(aboveSince, at).toSeconds() >= rule.inUseAfterSeconds()) {
        idleSince = null;
      }
    }
    return idleSince != null;
  }

  boolean idle() {
    return idleSince != null;
  }

  /** Since when the machine has been idle; null while it is in use. */
  Instant idleSince() {
    return idleSince;
  }

  void reset() {
    belowSince = null;
    aboveSince = null;
    idleSince = null;
  }
}
