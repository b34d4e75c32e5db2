package io.optimizarr.encoder.queue;

import java.time.OffsetDateTime;

/**
 * A chunk of a segmented encode as the API shows it: finished (with its size, the node that encoded
 * it and how long that took), being encoded on a node, or offered and waiting for one.
 */
public record ChunkView(
    int index,
    State state,
    double startSeconds,
    long firstFrame,
    long frames,
    Long bytes,
    String node,
    Double encodeSeconds,
    OffsetDateTime finishedAt) {

  /** Where a chunk stands. */
  public enum State {
    FINISHED,
    ENCODING,
    OFFERED
  }
}
