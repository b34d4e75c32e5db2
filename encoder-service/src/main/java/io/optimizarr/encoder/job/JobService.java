package io.optimizarr.encoder.job;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.profile.EncodingProfile;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.JobView;
import io.optimizarr.encoder.queue.NewJobRow;
import io.optimizarr.encoder.supervisor.Steering;
import io.optimizarr.encoder.supervisor.Supervisor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the job endpoints do beyond reading: queue a job whose paths and profile hold, and pause,
 * resume, cancel or delete one — through this node's supervisor where the job runs here, through
 * the queue where it does not run at all.
 */
@ApplicationScoped
public class JobService {

  /** A new job's input and output, checked against the roots. */
  private record JobFiles(Path input, Path output) {}

  private final JobQueue queue;
  private final Supervisor supervisor;
  private final MediaPaths paths;
  private final Vertx vertx;

  JobService(JobQueue queue, Supervisor supervisor, MediaPaths paths, Vertx vertx) {
    this.queue = queue;
    this.supervisor = supervisor;
    this.paths = paths;
    this.vertx = vertx;
  }

  /** Queues {@code body}, checked already for its own fields; 409 when its output is taken. */
  public Uni<JobView> create(NewJob body, String by) {
    boolean overwrite = Boolean.TRUE.equals(body.overwrite());
    return EncodingProfile.byId(body.profileId())
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
                    Path input = paths.input(body.inputPath());
                    return new JobFiles(
                        input, paths.output(body.outputPath(), input, extension, overwrite));
                  });
            })
        .flatMap(
            files ->
                queue
                    .enqueue(
                        new NewJobRow(
                            files.input().toString(),
                            files.output().toString(),
                            body.profileId(),
                            body.priority() == null ? 0 : body.priority(),
                            overwrite,
                            Boolean.TRUE.equals(body.ignoreThresholds())),
                        by)
                    .map(
                        queued ->
                            queued.orElseThrow(
                                () ->
                                    ApiException.conflict(
                                        "outputPath",
                                        "another unfinished job writes " + files.output()))))
        .invoke(queued -> supervisor.wake());
  }

  public Uni<JobView> find(long id) {
    return queue.find(id).map(job -> job.orElseThrow(() -> ApiException.notFound("job", id)));
  }

  public Uni<JobView> pause(long id, String by) {
    return steer(id, "pause", steering -> steering.pause(by));
  }

  public Uni<JobView> resume(long id, String by) {
    return steer(id, "resume", steering -> steering.resume(by));
  }

  /** Ends an encode running here, or takes a queued job out of the queue. */
  public Uni<JobView> cancel(long id, String by) {
    return find(id)
        .flatMap(
            job -> {
              if (job.status().isFinished()) {
                throw ApiException.conflict(null, "job " + id + " is already " + job.status());
              }
              var steering = supervisor.steer(id);
              if (steering.isPresent()) {
                return steering.get().cancel();
              }
              if (job.status() == JobStatus.QUEUED) {
                return queue
                    .cancelQueued(id, by)
                    .invoke(
                        cancelled -> {
                          if (!cancelled) {
                            // Claimed between our read and our update: it is starting now.
                            throw ApiException.conflict(
                                null, "job " + id + " has just started; cancel it again");
                          }
                        })
                    .replaceWithVoid();
              }
              throw ApiException.conflict(
                  null, "job " + id + " runs on node " + job.node() + "; cancel it there");
            })
        .flatMap(done -> find(id));
  }

  /** Deletes a finished job and its timeline. */
  public Uni<Void> delete(long id) {
    return find(id)
        .flatMap(
            job -> {
              if (!job.status().isFinished()) {
                throw ApiException.conflict(
                    null,
                    "job " + id + " is " + job.status() + "; only finished jobs can be deleted");
              }
              return queue.deleteFinished(id);
            })
        .invoke(
            deleted -> {
              if (!deleted) {
                throw ApiException.notFound("job", id);
              }
            })
        .replaceWithVoid();
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
                        + job.status()
                        + (job.node() == null ? "" : " on node " + job.node())
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
              return find(id);
            });
  }

  /**
   * Path checks touch the file system, which may be a slow network share: they run on a worker
   * thread, and what follows goes on on the caller's context.
   */
  private <T> Uni<T> offTheEventLoop(Supplier<T> check) {
    return vertx.executeBlocking(Uni.createFrom().item(check));
  }
}
