package io.optimizarr.encoder.queue;

/**
 * Where a job is: {@code QUEUED → PROCESSING ⇄ PAUSED → [REPLACING →] COMPLETED | SKIPPED | FAILED
 * | CANCELLED}. The last four are final; SKIPPED means the encode would not have helped (the input
 * is already in the target codec, or the output came out larger or saved too little) and the input
 * stays as it was. REPLACING: a replace-mode job's checked output is taking the input's place, one
 * journaled step at a time ({@link ReplaceStep}); no ffmpeg runs any more.
 */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  PAUSED,
  REPLACING,
  COMPLETED,
  SKIPPED,
  FAILED,
  CANCELLED;

  public boolean isFinished() {
    return this == COMPLETED || this == SKIPPED || this == FAILED || this == CANCELLED;
  }

  /** A job in this state has (or had, before a crash) an ffmpeg process on its node. */
  public boolean isRunning() {
    return this == PROCESSING || this == PAUSED;
  }
}
