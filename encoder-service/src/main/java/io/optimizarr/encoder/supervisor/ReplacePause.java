package io.optimizarr.encoder.supervisor;

import io.quarkus.logging.Log;
import java.util.Optional;

/**
 * The test-only pause point of a replace: where {@code optimizarr.test.pause-replace-at} names a
 * {@link ReplacePoint}, a replace reaching it says so in the log and blocks until the thread is
 * interrupted (the service stops) or the process is killed. Unset in production: no pause.
 */
final class ReplacePause {

  /** What the log says when a replace is held, followed by the job's id and the point. */
  static final String ANNOUNCEMENT = "Replace paused for a test: job ";

  private final Optional<ReplacePoint> at;

  ReplacePause(Optional<String> at) {
    this.at = at.filter(name -> !name.isBlank()).map(ReplacePoint::valueOf);
  }

  void at(ReplacePoint point, long jobId) throws InterruptedException {
    if (at.isPresent() && at.get() == point) {
      Log.warnf("%s%d at %s", ANNOUNCEMENT, jobId, point);
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
