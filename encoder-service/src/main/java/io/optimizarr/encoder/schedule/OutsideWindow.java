package io.optimizarr.encoder.schedule;

/** What running encodes do when a window closes; either way no new job starts. */
public enum OutsideWindow {
  /** Running encodes pause ("outside window") and go on when a window opens. */
  PAUSE,
  /** Running encodes finish; the next job waits for a window. */
  FINISH_CURRENT
}
