package io.optimizarr.encoder.governor;

/**
 * One resource's hot/cool state. Hot after {@code pauseAfter} consecutive values above the limit;
 * cool again after {@code resumeAfter} consecutive values below limit − margin. A value between the
 * two keeps the state and starts both counts again. Not thread-safe.
 */
final class Hysteresis {

  private boolean hot;
  private int hotRun;
  private int coolRun;

  /** Takes one value; true while the resource is hot. */
  boolean accept(double value, double limit, double margin, int pauseAfter, int resumeAfter) {
    if (value > limit) {
      hotRun++;
      coolRun = 0;
    } else if (value < limit - margin) {
      coolRun++;
      hotRun = 0;
    } else {
      hotRun = 0;
      coolRun = 0;
    }
    if (!hot && hotRun >= pauseAfter) {
      hot = true;
    } else if (hot && coolRun >= resumeAfter) {
      hot = false;
    }
    return hot;
  }

  /**
   * Makes the resource hot at once, without its hold count (the fast rule's pause); it cools as
   * always, after {@code resumeAfter} values below limit − margin.
   */
  void trip() {
    hot = true;
    hotRun = 0;
    coolRun = 0;
  }

  /** Forgets a resource that is not judged now (no GPU, throttling off). */
  void reset() {
    hot = false;
    hotRun = 0;
    coolRun = 0;
  }

  boolean hot() {
    return hot;
  }
}
