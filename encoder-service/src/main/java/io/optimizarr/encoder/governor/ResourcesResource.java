package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.process.NodePlacement;
import io.optimizarr.encoder.settings.NodeSettings;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.user.Role;
import io.optimizarr.model.ResourceSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The node's resources as the governor last saw them. */
@Path("/api/resources")
@Produces(MediaType.APPLICATION_JSON)
public class ResourcesResource {

  /** The latest snapshot and how old it is. */
  public record Current(ResourceSnapshot snapshot, double ageSeconds) {}

  private final MonitorClient monitor;
  private final GovernorLoop loop;
  private final NodePlacement placement;
  private final NodeSettings settings;

  ResourcesResource(
      MonitorClient monitor, GovernorLoop loop, NodePlacement placement, NodeSettings settings) {
    this.monitor = monitor;
    this.loop = loop;
    this.placement = placement;
    this.settings = settings;
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

  /** The last {@code minutes} (1–60, default 10) of CPU, memory and GPU, and the paused periods. */
  @GET
  @Path("/history")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public List<ResourceHistory.Point> history(@QueryParam("minutes") Integer minutes) {
    int span = minutes == null ? 10 : minutes;
    if (span < 1 || span > ResourceHistory.KEPT.toMinutes()) {
      throw ApiException.invalid(
          "minutes", "minutes must be from 1 to " + ResourceHistory.KEPT.toMinutes());
    }
    return loop.history(Instant.now().minus(Duration.ofMinutes(span)));
  }

  @GET
  @Path("/thresholds")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public ThresholdsView thresholds() {
    return loop.thresholds(
        placement.report(settings.settings().priorityMode() == PriorityMode.IDLE));
  }
}
