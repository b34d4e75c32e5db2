package io.optimizarr.encoder.events;

import io.optimizarr.encoder.user.Role;
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
 * reasons when they change), {@code settings} and {@code schedule} (after a change).
 */
@Path("/api/events")
public class EventsResource {

  private final LiveEvents events;

  EventsResource(LiveEvents events) {
    this.events = events;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    return events.stream()
        .map(
            event ->
                sse.newEventBuilder()
                    .name(event.name())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(event.data())
                    .build());
  }
}
