package io.optimizarr.encoder.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.inject.Singleton;

/**
 * Hands every event to every open stream: {@code snapshot}, {@code job}, {@code throttle}, {@code
 * settings} and {@code schedule}. A stream that cannot keep up drops events rather than queueing
 * them: the next one of each kind carries the newer state. Thread-safe.
 */
@Singleton
public class LiveEvents {

  /** One event: its SSE name and its JSON data. */
  public record Event(String name, Object data) {}

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
    return events.onOverflow().drop();
  }
}
