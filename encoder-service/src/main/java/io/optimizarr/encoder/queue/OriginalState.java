package io.optimizarr.encoder.queue;

/** What became of the original a replace-mode job moved to the recycle folder. */
public enum OriginalState {
  /** In the recycle folder, restorable until the job's {@code recycleUntil}. */
  RECYCLED,
  /** Being put back (journaled like the replace: a start completes or undoes it). */
  RESTORING,
  /** Put back in its place by a restore; the encode's output removed. */
  RESTORED,
  /** Deleted once the new file was in place: the profile keeps originals 0 days. */
  DELETED,
  /** Deleted by the sweep when its days in the recycle folder were up. */
  SWEPT,
  /** Found missing from the recycle folder (deleted by someone else). */
  GONE
}
