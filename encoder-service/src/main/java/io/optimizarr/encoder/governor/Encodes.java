package io.optimizarr.encoder.governor;

import java.util.List;

/**
 * What the governor needs of this node's encodes: what runs, and the signals. The supervisor
 * provides it. Thread-safe: the governor calls it from the snapshot thread and its tick.
 */
public interface Encodes {

  /** The running encodes as the governor judges them. */
  List<Governor.Job> views();

  /** The pids of the running encodes: our own load. */
  List<Long> pids();

  List<Long> jobIds();

  /** Whether a running encode uses a GPU. */
  boolean gpuInUse();

  /** While held, no new job starts here. */
  void hold(boolean hold);

  /**
   * Pauses an encode for {@code reason}, unless it is paused already: stops it (SIGSTOP), or where
   * {@code kind} says so and the encode can be, releases it (ends its ffmpeg, to encode the chunk
   * it was in again on resume); its job's row follows off the caller's thread, so a slow database
   * does not hold up the governor.
   */
  void pause(long jobId, String reason, PauseKind kind);

  /**
   * Continues an encode the governor paused (SIGCONT, or a released one's next ffmpeg), and only
   * such a one; its job's row follows off the caller's thread.
   */
  void resume(long jobId);
}
