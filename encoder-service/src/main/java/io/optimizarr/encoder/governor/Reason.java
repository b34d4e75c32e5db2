package io.optimizarr.encoder.governor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason to hold encodes: what it is about, and the sentence the job's status, the alerts and
 * the UI show.
 */
public record Reason(Cause cause, String text) {

  /** Foreign load over its threshold, or not yet back below threshold − margin. */
  static Reason load(
      Resource resource, double percent, int threshold, int margin, boolean foreign) {
    String figures =
        percent > threshold
            ? String.format("%s %.0f%% > %d%%", resource.label(), percent, threshold)
            : String.format(
                "%s %.0f%%, not yet below %d%%", resource.label(), percent, threshold - margin);
    return new Reason(resource, foreign ? figures + " (other processes)" : figures);
  }

  /** Foreign CPU over the threshold within one pulse: the fast rule's pause. */
  static Reason pulse(double percent, int threshold, double seconds) {
    return new Reason(
        Resource.CPU,
        String.format(
            "cpu %.0f%% > %d%% within %.1f s: a foreground wants the cores (other processes)",
            percent, threshold, seconds));
  }

  /** A temperature over its limit, or not yet back below limit − margin. */
  static Reason temperature(Resource resource, double celsius, int limit, int margin) {
    return new Reason(
        resource,
        celsius > limit
            ? String.format("%s %.0f°C > %d°C", resource.label(), celsius, limit)
            : String.format(
                "%s %.0f°C, not yet below %d°C", resource.label(), celsius, limit - margin));
  }

  static Reason monitorSilent(long seconds) {
    return new Reason(
        Cause.Circumstance.MONITOR_SILENT, "no snapshot from the monitor for " + seconds + " s");
  }

  /**
   * @param text the schedule's own words, naming when the next window opens
   */
  static Reason windowClosed(String text) {
    return new Reason(Cause.Circumstance.WINDOW_CLOSED, text);
  }

  /** Several reasons as one sentence, as a job's status reason holds them. */
  public static String text(List<Reason> reasons) {
    return reasons.stream().map(Reason::text).collect(Collectors.joining(", "));
  }

  /** The reasons' sentences, one each. */
  public static List<String> texts(List<Reason> reasons) {
    return reasons.stream().map(Reason::text).toList();
  }
}
