package io.optimizarr.encoder.supervisor;

import java.time.Duration;

/**
 * How often a node renews its lease and checks that its claims still hold: a third of the lease, so
 * that two renewals may be missed (a slow database, a long pause of the JVM) before the lease runs
 * out, and at most every 5 s. Pure.
 */
final class LeaseTiming {

  static final Duration SHORTEST_LEASE = Duration.ofSeconds(3);
  private static final Duration LONGEST_RENEWAL = Duration.ofSeconds(5);

  private LeaseTiming() {}

  /** The lease as configured, refused when too short to be renewed in time on a busy machine. */
  static Duration checked(Duration lease) {
    if (lease.compareTo(SHORTEST_LEASE) < 0) {
      throw new IllegalArgumentException(
          "OPTIMIZARR_NODE_LEASE is "
              + lease
              + "; it must be at least "
              + SHORTEST_LEASE.toSeconds()
              + " s, or a busy node loses its jobs while it runs them");
    }
    return lease;
  }

  static Duration renewEvery(Duration lease) {
    Duration third = lease.dividedBy(3);
    return third.compareTo(LONGEST_RENEWAL) > 0 ? LONGEST_RENEWAL : third;
  }
}
