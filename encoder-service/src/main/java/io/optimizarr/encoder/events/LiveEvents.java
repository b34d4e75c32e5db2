package io.optimizarr.encoder.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.inject.Singleton;

/**
 * Hands every job update to every open stream. A stream that cannot keep up drops updates rather
 * than queueing them: the next one carries the newer state. Thread-safe.
 */
@Singleton
public class LiveEvents {

  private final BroadcastProcessor<JobUpdate> jobs = BroadcastProcessor.create();

  public void publish(JobUpdate update) {
    synchronized (jobs) {
      jobs.onNext(update);
    }
  }

  public Multi<JobUpdate> jobs() {
    return jobs.onOverflow().drop();
  }
}
