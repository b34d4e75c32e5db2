package io.optimizarr.encoder.queue;

/** The kinds of a job's timeline entries; the API shows their names. */
enum EventType {
  QUEUED,
  CLAIMED,
  /** The run's stream plan was decided (before ffmpeg starts, or the job fails). */
  PLANNED,
  STARTED,
  /**
   * The run encodes the film in chunks: how many, and which finished ones it reuses or why none.
   */
  SEGMENTED,
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
  SWEPT,
  /** Something the run did otherwise than asked, and why (cores this node lacks). */
  WARNING,
  /** The job's node was lost while it replaced the input: the job waits for that node. */
  NODE_LOST
}
