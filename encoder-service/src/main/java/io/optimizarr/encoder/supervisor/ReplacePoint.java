package io.optimizarr.encoder.supervisor;

/**
 * The instants between the steps of a replace (and of a restore), where the test-only pause ({@code
 * optimizarr.test.pause-replace-at}) can hold it so that a test may kill the service there: {@code
 * _WRITTEN} after a journal step is written and before its file-system step, {@code _DONE} after
 * the file-system step and before the next journal write.
 */
enum ReplacePoint {
  /** The output is checked, has the original's attributes and is synced; nothing journaled yet. */
  CHECKED,
  PLACE_WRITTEN,
  PLACE_DONE,
  RECYCLE_WRITTEN,
  RECYCLE_DONE,
  DELETE_ORIGINAL_WRITTEN,
  DELETE_ORIGINAL_DONE,
  DONE_WRITTEN,
  /** A restore: RESTORING written, no file moved yet. */
  RESTORE_WRITTEN,
  /** A restore: the original back in its place, the new file not deleted yet. */
  RESTORE_SWAPPED,
  /** A restore: the files done, RESTORED not written yet. */
  RESTORE_DONE
}
