package io.optimizarr.encoder.job;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.profile.EncodingProfile;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.JobView;
import io.optimizarr.encoder.queue.NewJobRow;
import io.optimizarr.encoder.queue.OriginalState;
import io.optimizarr.encoder.queue.OutputMode;
import io.optimizarr.encoder.supervisor.Restoration;
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

  /** A new job's input and output, checked against the roots, and its profile's output mode. */
  private record JobFiles(Path input, Path output, OutputMode mode, int recycleDays) {}

  private final JobQueue queue;
  private final Supervisor supervisor;
  private final MediaPaths paths;
  private final Vertx vertx;

  private final Restoration restoration;

  JobService(
      JobQueue queue,
      Supervisor supervisor,
      MediaPaths paths,
      Vertx vertx,
      Restoration restoration) {
    this.restoration = restoration;
    this.queue = queue;
    this.supervisor = supervisor;
    this.paths = paths;
    this.vertx = vertx;
  }

  /**
   * Queues {@code body}, checked already for its own fields; 409 when its output is taken. A
   * replace-mode profile writes in the input's own place: an {@code outputPath} or {@code
   * overwrite} with it is a 400, a file already at the new extension's name a 409.
   */
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
              OutputMode mode = OutputMode.byWire(profile.outputMode).orElseThrow();
              if (mode == OutputMode.REPLACE) {
                refuseWithReplace(body);
              }
              return offTheEventLoop(
                  () -> {
                    Path input = paths.input(body.inputPath());
                    Path output =
                        mode == OutputMode.REPLACE
                            ? paths.replacing(input, extension)
                            : paths.output(body.outputPath(), input, extension, overwrite);
                    return new JobFiles(input, output, mode, profile.recycleDays);
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
                            Boolean.TRUE.equals(body.ignoreThresholds()),
                            files.mode(),
                            files.recycleDays()),
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

  /** What a replace-mode profile does not take: it writes in the input's place, nowhere else. */
  private static void refuseWithReplace(NewJob body) {
    if (body.outputPath() != null && !body.outputPath().isBlank()) {
      throw ApiException.invalid(
          "outputPath",
          "the profile replaces its input in place (outputMode replace); leave outputPath out");
    }
    if (Boolean.TRUE.equals(body.overwrite())) {
      throw ApiException.invalid(
          "overwrite",
          "the profile replaces its input in place, keeping the original in the recycle folder;"
              + " it never overwrites another file");
    }
  }

  /**
   * Puts a replaced original back from the recycle folder; 409 saying why when it cannot (gone,
   * restored already, the new file changed since, not a replace).
   */
  public Uni<JobView> restore(long id) {
    return offTheEventLoop(() -> restoration.restore(id))
        .map(
            result -> {
              if (result.isEmpty()) {
                throw ApiException.notFound("job", id);
              }
              if (result.get() instanceof Restoration.Refused refused) {
                throw ApiException.conflict(null, refused.why());
              }
              return id;
            })
        .flatMap(this::find);
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
              if (job.status() == JobStatus.REPLACING) {
                throw ApiException.conflict(
                    null,
                    "job "
                        + id
                        + " is replacing its input (step "
                        + job.replaceStep()
                        + "); a replace is completed, not cancelled; restore the original after");
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
                    // The chunks an earlier run left for a resume will not be wanted.
                    .call(
                        cancelled ->
                            offTheEventLoop(
                                () -> {
                                  supervisor.removeChunks(Path.of(job.outputPath()), id);
                                  return true;
                                }))
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
              if (job.originalState() == OriginalState.RECYCLED
                  || job.originalState() == OriginalState.RESTORING) {
                throw ApiException.conflict(
                    null,
                    "job "
                        + id
                        + " keeps its original in the recycle folder until "
                        + job.recycleUntil()
                        + "; restore it, or delete the job after that");
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
