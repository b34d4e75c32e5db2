package io.optimizarr.encoder.governor;

/**
 * The governor's state, as the thresholds view, the {@code throttle} events and the chart show it.
 */
public enum State {
  /** Encoding as usual. */
  RUNNING(false),
  /** The node's own limits are exceeded: queued jobs wait, encodes over their limits pause. */
  THROTTLED(true),
  /** No encoding window is open. */
  OUTSIDE_WINDOW(true),
  /** No snapshot from the monitor for too long, and the settings say to pause then. */
  MONITOR_LOST(true),
  /** Throttling is off; the windows still apply. */
  DISABLED(false);

  private final boolean holdsEncodes;

  State(boolean holdsEncodes) {
    this.holdsEncodes = holdsEncodes;
  }

  /** Whether encodes are held in this state: the periods the dashboard's chart shades. */
  public boolean holdsEncodes() {
    return holdsEncodes;
  }
}
