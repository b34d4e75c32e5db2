package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.queue.JobQueue;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Pause, resume and cancel for one running encode, each recorded on the job. */
public final class Steering {

  private final RunningEncode encode;
  private final JobQueue queue;

  Steering(RunningEncode encode, JobQueue queue) {
    this.encode = encode;
    this.queue = queue;
  }

  /** SIGSTOP to the encode; false when it was already paused. */
  public Uni<Boolean> pause(String by) {
    if (!encode.pause(true)) {
      return Uni.createFrom().item(false);
    }
    return queue.setManualPause(
        encode.claim,
        true,
        "paused by " + by,
        "paused by " + by + " (SIGSTOP to pid " + encode.pid() + ")");
  }

  /** SIGCONT to the encode; false when it was not paused. */
  public Uni<Boolean> resume(String by) {
    double seconds = encode.resume(true);
    if (seconds < 0) {
      return Uni.createFrom().item(false);
    }
    return queue
        .addPausedSeconds(encode.claim, seconds)
        .flatMap(
            done ->
                queue.setManualPause(
                    encode.claim,
                    false,
                    null,
                    "resumed by " + by + " (SIGCONT to pid " + encode.pid() + ")"));
  }

  /**
   * Ends the run (its process continued first if stopped; before ffmpeg has started, ffmpeg never
   * starts) and completes once its job is CANCELLED. The wait holds no database connection: it is
   * on the run's own completion.
   */
  public Uni<Void> cancel() {
    // The job's thread completes the wait; what follows belongs back on the caller's context.
    Context caller = Vertx.currentContext();
    encode.cancel();
    Uni<Void> finished = Uni.createFrom().completionStage(encode.finished);
    return caller == null
        ? finished
        : finished.emitOn(task -> caller.runOnContext(ignored -> task.run()));
  }
}
