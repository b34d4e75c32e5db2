package io.optimizarr.encoder.job;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.queue.ChunkView;
import io.optimizarr.encoder.queue.EventView;
import io.optimizarr.encoder.queue.JobChunks;
import io.optimizarr.encoder.queue.JobPage;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.JobView;
import io.optimizarr.encoder.user.Role;
import io.optimizarr.encoder.user.SessionPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The queue over HTTP: create jobs, list and inspect them, pause, resume and cancel them. Checks
 * the request's own fields and maps; {@link JobService} and {@link JobQueue} do the work.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

  static final int MAX_PAGE_SIZE = 200;

  private final JobService jobs;
  private final JobChunks chunks;
  private final JobQueue queue;
  private final SecurityIdentity identity;

  JobsResource(JobService jobs, JobQueue queue, JobChunks chunks, SecurityIdentity identity) {
    this.chunks = chunks;
    this.jobs = jobs;
    this.queue = queue;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> create(NewJob body) {
    if (body == null || body.profileId() == null) {
      throw ApiException.invalid("profileId", "profileId is required");
    }
    if (body.priority() != null && (body.priority() < -100 || body.priority() > 100)) {
      throw ApiException.invalid("priority", "priority must be from -100 to 100");
    }
    return jobs.create(body, user())
        .map(job -> Response.created(URI.create("/api/jobs/" + job.id())).entity(job).build());
  }

  /**
   * A page of the list: what the UI and API clients poll, and at 100,000 jobs every millisecond of
   * it counts (bench/jobs-listing.sh).
   */
  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<JobPage> list(
      @QueryParam("status") String status,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    int pageIndex = page == null ? 0 : page;
    int pageSize = size == null ? 50 : size;
    if (pageIndex < 0) {
      throw ApiException.invalid("page", "page must be 0 or more");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw ApiException.invalid("size", "size must be from 1 to " + MAX_PAGE_SIZE);
    }
    JobStatus filter = status == null || status.isBlank() ? null : status(status);
    return queue.page(filter, pageIndex, pageSize);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<JobView> get(@PathParam("id") long id) {
    return jobs.find(id);
  }

  /**
   * The chunks of a segmented encode (issue 19): those finished (where each starts, its frames and
   * bytes, the node that encoded it and how long that took), and those of a shared encode being
   * encoded on a node or waiting for one.
   */
  @GET
  @Path("/{id}/chunks")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<List<ChunkView>> chunks(@PathParam("id") long id) {
    return jobs.find(id).flatMap(job -> chunks.views(id));
  }

  @GET
  @Path("/{id}/events")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<List<EventView>> events(@PathParam("id") long id) {
    return jobs.find(id).flatMap(job -> queue.events(id));
  }

  @POST
  @Path("/{id}/pause")
  @RolesAllowed(Role.ADMIN)
  public Uni<JobView> pause(@PathParam("id") long id) {
    return jobs.pause(id, user());
  }

  @POST
  @Path("/{id}/resume")
  @RolesAllowed(Role.ADMIN)
  public Uni<JobView> resume(@PathParam("id") long id) {
    return jobs.resume(id, user());
  }

  @POST
  @Path("/{id}/cancel")
  @RolesAllowed(Role.ADMIN)
  public Uni<JobView> cancel(@PathParam("id") long id) {
    return jobs.cancel(id, user());
  }

  /** Puts the original of a replace-mode job back from the recycle folder. */
  @POST
  @Path("/{id}/restore")
  @RolesAllowed(Role.ADMIN)
  public Uni<JobView> restore(@PathParam("id") long id) {
    return jobs.restore(id);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> delete(@PathParam("id") long id) {
    return jobs.delete(id).map(done -> Response.noContent().build());
  }

  private static JobStatus status(String text) {
    try {
      return JobStatus.valueOf(text.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "status", "status '" + text + "' is not one of " + Arrays.toString(JobStatus.values()));
    }
  }

  private String user() {
    return SessionPrincipal.username(identity);
  }
}
