package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one running job's writes reach the database from its thread: a change of state is retried
 * until the database takes it, a progress figure is given up if it cannot be written now. Not
 * thread-safe: one thread uses each (a job's own, or the throttle writes' for one write).
 */
final class JobWrites {

  static final Duration STATE_RETRY = Duration.ofSeconds(2);
  static final Duration STATE_RETRY_LIMIT = Duration.ofHours(1);

  private final long jobId;
  private boolean progressUnsaved;

  JobWrites(long jobId) {
    this.jobId = jobId;
  }

  /**
   * A progress figure: worth saving, not worth stopping an encode for while the database is away (a
   * failed write must not end the run, and ffmpeg with it).
   */
  void bestEffort(Uni<?> write) {
    try {
      write.await().atMost(Await.DATABASE);
      progressUnsaved = false;
    } catch (RuntimeException e) {
      if (!progressUnsaved) {
        Log.warnf("Job %d: progress not saved (%s); the encode goes on", jobId, e.getMessage());
        progressUnsaved = true;
      }
    }
  }

  /**
   * A change of the job's state: tried again every {@link #STATE_RETRY} until the database takes it
   * (it may be restarting), for up to {@link #STATE_RETRY_LIMIT}; the state catches up once it is
   * back.
   */
  <T> T persist(Supplier<Uni<T>> write) {
    long since = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        T result = write.get().await().atMost(Await.DATABASE);
        if (attempt > 1) {
          Log.infof("Job %d: its state is saved again", jobId);
        }
        return result;
      } catch (RuntimeException e) {
        if (System.nanoTime() - since > STATE_RETRY_LIMIT.toNanos()) {
          throw e;
        }
        if (attempt == 1) {
          Log.warnf(
              "Job %d: could not save its state (%s); trying again every %d s",
              jobId, e.getMessage(), STATE_RETRY.toSeconds());
        }
        try {
          Thread.sleep(STATE_RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
