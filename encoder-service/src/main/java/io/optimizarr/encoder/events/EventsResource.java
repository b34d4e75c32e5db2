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

/** {@code GET /api/events}: the UI's one stream; so far {@code job} events with progress. */
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
    return events
        .jobs()
        .map(
            update ->
                sse.newEventBuilder()
                    .name("job")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(JobUpdate.class, update)
                    .build());
  }
}
