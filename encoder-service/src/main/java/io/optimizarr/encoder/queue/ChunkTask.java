package io.optimizarr.encoder.queue;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A chunk of a shared segmented encode as a node took it (issue 19): the job, the chunk as cut, the
 * SHA-256 of the ffmpeg arguments that encode it (its output aside), and the take's own token, on
 * which every later write about it is conditioned.
 *
 * @param jobClaim the token of the job's run that offered it
 * @param output the job's target, beside which its chunk folder and work folders lie
 * @param lost the take before this one, when its node was lost while it held the chunk: the taker
 *     removes that run's work folder
 */
public record ChunkTask(
    long jobId,
    int index,
    long jobClaim,
    long token,
    double startSeconds,
    long firstFrame,
    long frames,
    String argumentsSha256,
    Path output,
    Optional<Lost> lost) {

  /** The node that held the chunk before, and its take's token. */
  public record Lost(String node, long token) {}

  /** A chunk offered by the job's run, not yet taken. */
  public record Offer(
      int index, double startSeconds, long firstFrame, long frames, String argumentsSha256) {}

  /** How a taken chunk stands now. */
  public enum Standing {
    /** Still this take's, and its job runs. */
    TAKEN,
    /** Still this take's, but its job is paused by hand: its encode waits. */
    HELD,
    /** No longer this take's: the job ended, was requeued, or its run offered its chunks anew. */
    GONE
  }

  /** What became of recording a taken chunk as finished. */
  public enum Recorded {
    RECORDED,
    /** The take no longer holds, but its job runs: another take may record the chunk. */
    TAKE_LOST,
    /** The job no longer runs under the claim that offered the chunk. */
    JOB_OVER
  }
}
