package io.optimizarr.encoder.events;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.user.SessionsEnded;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The {@code /api/events} streams of each user on this node: at most {@code
 * optimizarr.events.max-streams-per-user} at once (a further one is refused with 429), and all of a
 * user's streams closed when their sessions end ({@link SessionsEnded}: a password change or reset,
 * a logout, their deletion); the browser then reconnects, and is asked to log in.
 */
@Singleton
public class UserStreams {

  /** Ends one stream when it gets an item (kept until the stream subscribes, if it has not). */
  private static final class Closer {
    final UnicastProcessor<LiveEvents.Event> signal = UnicastProcessor.create();
  }

  private static final LiveEvents.Event END = new LiveEvents.Event("end", Map.of());

  private final LiveEvents events;
  private final int perUser;
  private final OpenStreams<Closer> open;

  UserStreams(LiveEvents events, EncoderConfig config) {
    this.events = events;
    this.perUser = config.events().maxStreamsPerUser();
    this.open = new OpenStreams<>(perUser);
  }

  /** A new stream of every live event for {@code username}; 429 beyond their cap. */
  public Multi<LiveEvents.Event> open(String username) {
    var closer = new Closer();
    if (!open.open(username, closer)) {
      throw new ApiException(
          Response.Status.TOO_MANY_REQUESTS,
          "user "
              + username
              + " has "
              + perUser
              + " event streams open, the most allowed at once; close one first",
          Map.of());
    }
    return Multi.createBy()
        .merging()
        .streams(events.stream(), closer.signal)
        .select()
        .first(event -> event != END)
        .onTermination()
        .invoke(() -> open.closed(username, closer));
  }

  void sessionsEnded(@Observes SessionsEnded ended) {
    for (Closer closer : open.of(ended.username())) {
      closer.signal.onNext(END);
    }
  }
}
