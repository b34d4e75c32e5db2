package io.optimizarr.encoder.events;

import io.optimizarr.encoder.user.Role;
import io.optimizarr.encoder.user.SessionPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * {@code GET /api/events}: the UI's one stream: {@code snapshot} (each snapshot from the monitor),
 * {@code job} (a running job's state and progress), {@code throttle} (the governor's state and
 * reasons when they change), {@code settings} and {@code schedule} (after a change). A user has at
 * most a configured number open at once and theirs close when their sessions end ({@link
 * UserStreams}).
 */
@Path("/api/events")
public class EventsResource {

  private final UserStreams streams;
  private final SecurityIdentity identity;

  EventsResource(UserStreams streams, SecurityIdentity identity) {
    this.streams = streams;
    this.identity = identity;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    return streams
        .open(SessionPrincipal.username(identity))
        .map(
            event ->
                sse.newEventBuilder()
                    .name(event.name())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(event.data())
                    .build());
  }
}
