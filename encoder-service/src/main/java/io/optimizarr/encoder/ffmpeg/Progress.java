package io.optimizarr.encoder.ffmpeg;

/**
 * One {@code -progress} block of ffmpeg.
 *
 * @param outTimeMicros how much of the output is written, in microseconds of media time
 * @param fps frames per second over the encode so far, or null before ffmpeg knows
 * @param speed media seconds per wall second (ffmpeg's {@code 1.5x}), or null before it knows
 * @param ended true for the last block ({@code progress=end})
 */
public record Progress(long frame, long outTimeMicros, Double fps, Double speed, boolean ended) {

  /** Share of the input written, 0–100; null when the input's duration is unknown. */
  public Double percentOf(double durationSeconds) {
    if (ended) {
      return 100.0;
    }
    if (durationSeconds <= 0) {
      return null;
    }
    return Math.min(100.0, Math.max(0.0, 100.0 * outTimeMicros / 1e6 / durationSeconds));
  }

  /** Wall seconds left at the current speed; null until the speed is known. */
  public Long etaSeconds(double durationSeconds) {
    if (ended) {
      return 0L;
    }
    if (speed == null || speed <= 0 || durationSeconds <= 0) {
      return null;
    }
    double left = Math.max(0.0, durationSeconds - outTimeMicros / 1e6);
    return Math.round(left / speed);
  }

  /**
   * This report of a part that starts {@code seconds} into the input (a chunk of a segmented
   * encode), as a report of the whole: its time shifted, and not the end, which is the whole's.
   */
  public Progress after(double seconds) {
    return new Progress(frame, outTimeMicros + Math.round(seconds * 1e6), fps, speed, false);
  }
}
