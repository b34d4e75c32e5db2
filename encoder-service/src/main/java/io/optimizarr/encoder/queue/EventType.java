package io.optimizarr.encoder.queue;

/** The kinds of a job's timeline entries; the API shows their names. */
enum EventType {
  QUEUED,
  CLAIMED,
  /** The run's stream plan was decided (before ffmpeg starts, or the job fails). */
  PLANNED,
  STARTED,
  /** The output passed its checks (against the plan; decoded in full where asked). */
  CHECKED,
  THROTTLED,
  PAUSED,
  RESUMED,
  REPLACING,
  COMPLETED,
  SKIPPED,
  FAILED,
  CANCELLED,
  REQUEUED,
  ROLLED_BACK,
  RESTORED,
  RESTORE_REFUSED,
  SWEPT
}
