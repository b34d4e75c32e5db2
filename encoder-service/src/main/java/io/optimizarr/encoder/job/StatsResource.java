package io.optimizarr.encoder.job;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.library.LibraryStore;
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

/** The space saved: what the completed jobs did, for the whole library or one library folder. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

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
    if (folder == null) {
      return queue.stats(null);
    }
    return folders
        .find(folder)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("library folder", folder)))
        .flatMap(found -> queue.stats(found.path()));
  }
}
