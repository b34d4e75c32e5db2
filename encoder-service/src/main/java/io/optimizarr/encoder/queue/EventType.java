package io.optimizarr.encoder.queue;

/** The kinds of a job's timeline entries; the API shows their names. */
enum EventType {
  QUEUED,
  CLAIMED,
  STARTED,
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
