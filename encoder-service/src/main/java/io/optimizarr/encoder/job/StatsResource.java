package io.optimizarr.encoder.job;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.library.LibraryStore;
import io.optimizarr.encoder.queue.DaySaved;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStats;
import io.optimizarr.encoder.user.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** The space saved: what the completed jobs did, for the whole library or one library folder. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

  static final int MAX_DAYS = 366;

  private final JobQueue queue;
  private final LibraryStore folders;

  StatsResource(JobQueue queue, LibraryStore folders) {
    this.queue = queue;
    this.folders = folders;
  }

  /** {@code folder}: a library folder's id, for the jobs whose input lies under it. */
  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<JobStats> stats(@QueryParam("folder") Long folder) {
    return folderPath(folder).flatMap(queue::stats);
  }

  /**
   * The space saved on each of the last {@code days} days (1–{@value #MAX_DAYS}, default 30), today
   * included, oldest first, days without completions as zeros; days as {@code zone} (a time zone
   * such as {@code Europe/Berlin}; default the node's) counts them.
   */
  @GET
  @Path("/days")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<List<DaySaved>> days(
      @QueryParam("days") Integer days,
      @QueryParam("zone") String zone,
      @QueryParam("folder") Long folder) {
    int span = days == null ? 30 : days;
    if (span < 1 || span > MAX_DAYS) {
      throw ApiException.invalid("days", "days must be from 1 to " + MAX_DAYS);
    }
    ZoneId in = zone(zone);
    return folderPath(folder).flatMap(path -> queue.savedByDay(path, in, span));
  }

  private static ZoneId zone(String zone) {
    if (zone == null || zone.isBlank()) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw ApiException.invalid(
          "zone", "zone '" + zone + "' is not a time zone (e.g. Europe/Berlin)");
    }
  }

  /** The folder's path, null for no folder; 404 when there is no folder of that id. */
  private Uni<String> folderPath(Long folder) {
    if (folder == null) {
      return Uni.createFrom().nullItem();
    }
    return folders
        .find(folder)
        .map(
            found ->
                found.orElseThrow(() -> ApiException.notFound("library folder", folder)).path());
  }
}
