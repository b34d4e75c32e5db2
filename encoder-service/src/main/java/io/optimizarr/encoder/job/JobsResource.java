package io.optimizarr.encoder.job;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.profile.EncodingProfile;
import io.optimizarr.encoder.supervisor.Steering;
import io.optimizarr.encoder.supervisor.Supervisor;
import io.optimizarr.encoder.user.Role;
import io.optimizarr.model.JobStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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
import java.util.function.Function;

/** The queue: create jobs, list and inspect them, pause, resume and cancel them. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

  static final int MAX_PAGE_SIZE = 200;

  /** A new job's input and output, checked against the roots. */
  private record JobFiles(java.nio.file.Path input, java.nio.file.Path output) {}

  private final ListTotals totals = new ListTotals(System::nanoTime);
  private final MediaPaths paths;
  private final JobStore store;
  private final Supervisor supervisor;
  private final SecurityIdentity identity;
  private final Vertx vertx;

  JobsResource(
      MediaPaths paths,
      JobStore store,
      Supervisor supervisor,
      SecurityIdentity identity,
      Vertx vertx) {
    this.paths = paths;
    this.store = store;
    this.supervisor = supervisor;
    this.identity = identity;
    this.vertx = vertx;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  @WithTransaction
  public Uni<Response> create(NewJob body) {
    if (body == null || body.profileId() == null) {
      throw ApiException.invalid("profileId", "profileId is required");
    }
    if (body.priority() != null && (body.priority() < -100 || body.priority() > 100)) {
      throw ApiException.invalid("priority", "priority must be from -100 to 100");
    }
    boolean overwrite = Boolean.TRUE.equals(body.overwrite());
    return EncodingProfile.<EncodingProfile>findById(body.profileId())
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ApiException.invalid(
                    "profileId", "profile " + body.profileId() + " does not exist"))
        .flatMap(
            profile -> {
              String extension = Container.byName(profile.container).orElseThrow().extension();
              return offTheEventLoop(
                      () -> {
                        java.nio.file.Path input = paths.input(body.inputPath());
                        return new JobFiles(
                            input, paths.output(body.outputPath(), input, extension, overwrite));
                      })
                  .flatMap(
                      files -> {
                        var job = new EncodingJob();
                        job.inputPath = files.input().toString();
                        job.outputPath = files.output().toString();
                        job.profileId = profile.id;
                        job.priority = body.priority() == null ? 0 : body.priority();
                        job.overwrite = overwrite;
                        job.ignoreThresholds = Boolean.TRUE.equals(body.ignoreThresholds());
                        job.status = JobStatus.QUEUED;
                        job.createdAt = java.time.Instant.now();
                        return persistUnlessOutputTaken(job);
                      });
            })
        .call(
            job ->
                JobEvent.of(job.id, "QUEUED", "queued by " + identity.getPrincipal().getName())
                    .persist())
        .call(job -> io.quarkus.hibernate.reactive.panache.Panache.flush())
        .map(
            job -> {
              supervisor.wake();
              return Response.created(URI.create("/api/jobs/" + job.id))
                  .entity(JobView.of(job))
                  .build();
            });
  }

  /** Queues the job unless an unfinished one already writes its output (409). */
  private static Uni<EncodingJob> persistUnlessOutputTaken(EncodingJob job) {
    return EncodingJob.count(
            "outputPath = :output and status in :open",
            Parameters.with("output", job.outputPath)
                .and("open", List.of(JobStatus.QUEUED, JobStatus.PROCESSING, JobStatus.PAUSED)))
        .flatMap(
            clashes -> {
              if (clashes > 0) {
                throw ApiException.conflict(
                    "outputPath", "another unfinished job writes " + job.outputPath);
              }
              return job.<EncodingJob>persist();
            });
  }

  /**
   * Path checks touch the file system, which may be a slow network share: they run on a worker
   * thread, and the transaction goes on on the caller's context.
   */
  private <T> Uni<T> offTheEventLoop(java.util.function.Supplier<T> check) {
    return vertx.executeBlocking(Uni.createFrom().item(check));
  }

  /**
   * A page of the list. Read with the reactive client, not through Hibernate: this is what the UI
   * and API clients poll, and at 100,000 jobs every millisecond of it counts
   * (bench/jobs-listing.sh).
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
    return store
        .page(filter, (long) pageIndex * pageSize, pageSize)
        .flatMap(
            jobs ->
                totals
                    .total(filter == null ? "" : filter.name(), () -> store.count(filter))
                    .map(total -> new JobPage(jobs, pageIndex, pageSize, total)));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  @WithSession
  public Uni<JobView> get(@PathParam("id") long id) {
    return find(id).map(JobView::of);
  }

  @GET
  @Path("/{id}/events")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  @WithSession
  public Uni<List<EventView>> events(@PathParam("id") long id) {
    return find(id)
        .flatMap(
            job ->
                JobEvent.<JobEvent>list("jobId", Sort.by("at").and("id"), id)
                    .map(events -> events.stream().map(EventView::of).toList()));
  }

  @POST
  @Path("/{id}/pause")
  @RolesAllowed(Role.ADMIN)
  @WithSession
  public Uni<JobView> pause(@PathParam("id") long id) {
    return steer(id, "pause", steering -> steering.pause(user()));
  }

  @POST
  @Path("/{id}/resume")
  @RolesAllowed(Role.ADMIN)
  @WithSession
  public Uni<JobView> resume(@PathParam("id") long id) {
    return steer(id, "resume", steering -> steering.resume(user()));
  }

  @POST
  @Path("/{id}/cancel")
  @RolesAllowed(Role.ADMIN)
  @WithTransaction
  public Uni<JobView> cancel(@PathParam("id") long id) {
    return find(id)
        .flatMap(
            job -> {
              if (job.status.isFinished()) {
                throw ApiException.conflict(null, "job " + id + " is already " + job.status);
              }
              var steering = supervisor.steer(id);
              if (steering.isPresent()) {
                return steering.get().cancel();
              }
              if (job.status == JobStatus.QUEUED) {
                return EncodingJob.update(
                        "status = ?1, statusReason = ?2, finishedAt = ?3, version = version + 1"
                            + " where id = ?4 and status = ?5",
                        JobStatus.CANCELLED,
                        "cancelled by " + user(),
                        java.time.Instant.now(),
                        id,
                        JobStatus.QUEUED)
                    .flatMap(
                        n -> {
                          if (n == 0) {
                            // Claimed between our read and our update: it is starting now.
                            throw ApiException.conflict(
                                null, "job " + id + " has just started; cancel it again");
                          }
                          return JobEvent.of(id, "CANCELLED", "cancelled by " + user()).persist();
                        })
                    .call(n -> io.quarkus.hibernate.reactive.panache.Panache.flush())
                    .replaceWithVoid();
              }
              throw ApiException.conflict(
                  null, "job " + id + " runs on node " + job.node + "; cancel it there");
            })
        .flatMap(done -> fresh(id));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN)
  @WithTransaction
  public Uni<Response> delete(@PathParam("id") long id) {
    return find(id)
        .flatMap(
            job -> {
              if (!job.status.isFinished()) {
                throw ApiException.conflict(
                    null,
                    "job " + id + " is " + job.status + "; only finished jobs can be deleted");
              }
              return job.delete();
            })
        .map(done -> Response.noContent().build());
  }

  private Uni<JobView> steer(long id, String action, Function<Steering, Uni<Boolean>> command) {
    return find(id)
        .flatMap(
            job -> {
              var steering = supervisor.steer(id);
              if (steering.isEmpty()) {
                throw ApiException.conflict(
                    null,
                    "job "
                        + id
                        + " is "
                        + job.status
                        + (job.node == null ? "" : " on node " + job.node)
                        + "; only an encode running on this node can "
                        + action);
              }
              return command.apply(steering.get());
            })
        .flatMap(
            changed -> {
              if (!changed) {
                throw ApiException.conflict(null, "job " + id + " cannot " + action + " now");
              }
              return fresh(id);
            });
  }

  private static Uni<JobView> fresh(long id) {
    return EncodingJob.getSession()
        .invoke(session -> session.clear())
        .flatMap(session -> find(id))
        .map(JobView::of);
  }

  private static Uni<EncodingJob> find(long id) {
    return EncodingJob.<EncodingJob>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("job", id));
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
    return identity.getPrincipal().getName();
  }
}
