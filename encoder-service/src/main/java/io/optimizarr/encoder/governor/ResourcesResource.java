package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.user.Role;
import io.optimizarr.model.ResourceSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The node's resources as the governor last saw them. */
@Path("/api/resources")
@Produces(MediaType.APPLICATION_JSON)
public class ResourcesResource {

  /** The latest snapshot and how old it is. */
  public record Current(ResourceSnapshot snapshot, double ageSeconds) {}

  private final MonitorClient monitor;
  private final GovernorLoop loop;

  ResourcesResource(MonitorClient monitor, GovernorLoop loop) {
    this.monitor = monitor;
    this.loop = loop;
  }

  @GET
  @Path("/current")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Current current() {
    ResourceSnapshot latest = monitor.latest();
    if (latest == null) {
      throw new ApiException(
          Response.Status.SERVICE_UNAVAILABLE,
          "no snapshot has come from the monitor yet",
          Map.of());
    }
    return new Current(latest, monitor.latestAgeSeconds());
  }

  @GET
  @Path("/thresholds")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public ThresholdsView thresholds() {
    return loop.thresholds();
  }
}
