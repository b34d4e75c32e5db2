package io.optimizarr.encoder.queue;

/**
 * The journal of a replace: each step is written to the job's row (status REPLACING) before its
 * file-system step is made, so that a start after a crash can tell from the row and the disk how
 * far it got, and complete or roll back (docs/RELIABILITY.md). The new file takes the original's
 * place before the original leaves it, so the place is never empty.
 */
public enum ReplaceStep {
  /**
   * The checked, synced new file (its inode recorded) moves into the input's place: under a new
   * name beside the original, or under the same name swapped with it in one step.
   */
  PLACE,
  /** The new file is in place; the original moves to the recycle folder. */
  RECYCLE,
  /** The original lies in the recycle folder and is deleted (recycle days 0). */
  DELETE_ORIGINAL,
  /** Every file-system step is made and durable; the job completes. */
  DONE
}
