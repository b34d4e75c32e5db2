package io.optimizarr.encoder.library;

import java.util.Map;
import java.util.TreeMap;

/** A scan's tally: files seen, queued, skipped and why. Not thread-safe: one scan owns it. */
final class ScanCounts {

  private int seen;
  private int queued;
  private final Map<String, Integer> reasons = new TreeMap<>();

  void countSeen() {
    seen++;
  }

  void countQueued() {
    queued++;
  }

  void countSkipped(String why) {
    reasons.merge(why, 1, Integer::sum);
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
