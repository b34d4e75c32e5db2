package io.optimizarr.encoder.queue;

import java.nio.file.Path;

/**
 * A job this node left REPLACING: the journal's last step, its files, the new file's size (checked
 * and inode, checked before it is trusted) and the recycle days, enough for a start to complete or
 * undo the replace.
 */
public record LeftReplacing(
    long id,
    ReplaceStep step,
    Path input,
    Path output,
    Path recycledPath,
    long inputBytes,
    long outputBytes,
    int recycleDays,
    long outputInode,
    Long token) {

  /** The claim the replace was begun under, which its journal's writes are conditioned on. */
  public Claim claim() {
    return new Claim(id, token);
  }
}
