package io.optimizarr.encoder.governor;

/**
 * What a reason to hold encodes is about: a hot {@link Resource}, or a {@link Circumstance} that is
 * not a resource.
 */
public sealed interface Cause permits Resource, Cause.Circumstance {

  /** Its tag on {@code optimizarr_throttle_pauses_total{resource}}. */
  String tag();

  /** A reason that is not a resource's load. */
  enum Circumstance implements Cause {
    /** No snapshot from the monitor for longer than the settings allow. */
    MONITOR_SILENT("monitor"),
    /** No encoding window is open. */
    WINDOW_CLOSED("window");

    private final String tag;

    Circumstance(String tag) {
      this.tag = tag;
    }

    @Override
    public String tag() {
      return tag;
    }
  }
}
