package io.optimizarr.encoder.queue;

/**
 * The journal of a replace: each step is written to the job's row (status REPLACING) before its
 * file-system step is made, so that a start after a crash can tell from the row and the disk how
 * far it got, and complete or roll back (docs/RELIABILITY.md).
 */
public enum ReplaceStep {
  /** The checked, fsynced new file waits in the work folder; the original moves to the recycle. */
  RECYCLE,
  /** The original lies in the recycle folder; the new file moves into its place. */
  PLACE,
  /** The new file is in place; the original is deleted (recycle days 0). */
  DELETE_ORIGINAL,
  /** Every file-system step is made and durable; the job completes. */
  DONE
}
