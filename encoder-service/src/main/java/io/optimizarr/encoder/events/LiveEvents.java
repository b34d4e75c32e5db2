package io.optimizarr.encoder.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import jakarta.inject.Singleton;

/**
 * Hands every event to every open stream: {@code snapshot}, {@code job}, {@code throttle}, {@code
 * settings} and {@code schedule}. Each stream queues up to {@link #MAX_BEHIND} events while its
 * client reads; one further behind is ended (the browser reconnects and reads the state again), so
 * a slow client costs bounded memory. Nothing is dropped while a stream is busy writing: the
 * governor publishes a {@code throttle} event right after the snapshot it judged, while that
 * snapshot is being written. Thread-safe.
 */
@Singleton
public class LiveEvents {

  /** One event: its SSE name and its JSON data. */
  public record Event(String name, Object data) {}

  static final int MAX_BEHIND = 1_000;

  private final BroadcastProcessor<Event> events = BroadcastProcessor.create();

  public void publish(String name, Object data) {
    synchronized (events) {
      events.onNext(new Event(name, data));
    }
  }

  public void job(JobUpdate update) {
    publish("job", update);
  }

  public Multi<Event> stream() {
    return events
        .onOverflow()
        .buffer(MAX_BEHIND)
        .onFailure(BackPressureFailure.class)
        .recoverWithCompletion();
  }
}
