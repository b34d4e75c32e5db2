package io.optimizarr.encoder.governor;

import io.optimizarr.model.GpuUsage;
import io.optimizarr.model.ResourceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The last hour as the dashboard charts it: CPU, memory and the busiest GPU per snapshot, and
 * whether the governor's state held encodes then ({@link State#holdsEncodes()}). About 100 bytes a
 * point, 3,600 points at 1 s sampling. Thread-safe.
 */
final class ResourceHistory {

  static final Duration KEPT = Duration.ofHours(1);

  /**
   * One snapshot's figures, in percent; {@code gpuPercent} null without a GPU; {@code throttled}
   * whether the governor's state held encodes.
   */
  record Point(
      Instant at, double cpuPercent, double memoryPercent, Double gpuPercent, boolean throttled) {}

  private final Deque<Point> points = new ArrayDeque<>();

  synchronized void add(ResourceSnapshot snapshot, boolean throttled) {
    Double gpu =
        snapshot.gpus().stream()
            .map(GpuUsage::utilizationPercent)
            .filter(v -> v != null)
            .max(Double::compare)
            .orElse(null);
    points.addLast(
        new Point(
            snapshot.timestamp(),
            snapshot.cpu().usagePercent(),
            snapshot.memory().usedPercent(),
            gpu,
            throttled));
    Instant oldest = snapshot.timestamp().minus(KEPT);
    while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
      points.removeFirst();
    }
  }

  /** The points since {@code since}, oldest first. */
  synchronized List<Point> since(Instant since) {
    var recent = new ArrayList<Point>();
    for (var it = points.descendingIterator(); it.hasNext(); ) {
      Point p = it.next();
      if (p.at().isBefore(since)) {
        break;
      }
      recent.add(p);
    }
    Collections.reverse(recent);
    return recent;
  }
}
