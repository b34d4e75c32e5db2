package io.optimizarr.encoder.governor;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/resources/thresholds}: each resource's total, own and foreign value against its
 * limit, and the throttle's state since when.
 *
 * @param state {@code RUNNING}, {@code THROTTLED} (the node is hot), {@code OUTSIDE_WINDOW}, {@code
 *     MONITOR_LOST} or {@code DISABLED} (throttling off)
 * @param idleSince since when the machine has counted as idle (the idle thresholds apply); null
 *     while it is in use
 */
public record ThresholdsView(
    String state,
    Instant since,
    List<String> reasons,
    List<Resource> resources,
    Instant idleSince) {

  /**
   * @param own our encodes' share; null where it cannot be told (GPU, temperatures)
   */
  public record Resource(
      String resource, Double total, Double own, Double foreign, int threshold, boolean hot) {}
}
