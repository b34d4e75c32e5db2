package io.optimizarr.model;

/**
 * Where a job is: {@code QUEUED → PROCESSING ⇄ PAUSED → COMPLETED | FAILED | CANCELLED}. The last
 * three are final.
 */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  PAUSED,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isFinished() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** A job in this state has (or had, before a crash) an ffmpeg process on its node. */
  public boolean isRunning() {
    return this == PROCESSING || this == PAUSED;
  }
}
