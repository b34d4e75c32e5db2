package io.optimizarr.encoder.library;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A scan's tally: files seen, queued, skipped and why. Not thread-safe: one scan owns it. */
final class ScanCounts {

  private int seen;
  private int queued;
  private final Map<String, Integer> reasons = new TreeMap<>();
  private Instant settlesAt;

  /** Why a file changed too recently is left alone. */
  static final String UNSETTLED = "changed too recently; scanned again once it settles";

  void countSeen() {
    seen++;
  }

  void countQueued() {
    queued++;
  }

  void countSkipped(String why) {
    reasons.merge(why, 1, Integer::sum);
  }

  /** A file left to settle until {@code at}: the scan after then takes it. */
  void countUnsettled(Instant at) {
    countSkipped(UNSETTLED);
    settlesAt = settlesAt == null || at.isBefore(settlesAt) ? at : settlesAt;
  }

  /** When the first file left to settle will have settled; null when none was left. */
  Instant settlesAt() {
    return settlesAt;
  }

  int seen() {
    return seen;
  }

  int queued() {
    return queued;
  }

  int skipped() {
    return reasons.values().stream().mapToInt(Integer::intValue).sum();
  }

  Map<String, Integer> reasons() {
    return Map.copyOf(reasons);
  }
}
