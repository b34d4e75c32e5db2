package io.optimizarr.encoder.alert;

import java.time.Duration;

/** The wait before each retry: {@code first}, doubling after each failed attempt, at most 1 h. */
record Backoff(Duration first, int maxAttempts) {

  static final Duration MAX = Duration.ofHours(1);

  /** The wait after attempt {@code attempt} (1 for the first) failed; null when none is left. */
  Duration after(int attempt) {
    if (attempt >= maxAttempts) {
      return null;
    }
    Duration wait = first.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
