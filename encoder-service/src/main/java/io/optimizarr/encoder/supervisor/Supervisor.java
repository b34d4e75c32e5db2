package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.optimizarr.encoder.governor.Encodes;
import io.optimizarr.encoder.governor.Governor;
import io.optimizarr.encoder.governor.PauseKind;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.metrics.JobMetrics;
import io.optimizarr.encoder.process.NodePlacement;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.profile.EncodingProfile;
import io.optimizarr.encoder.queue.ChunkTask;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.queue.JobChunks;
import io.optimizarr.encoder.queue.JobFinished;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.JobToRun;
import io.optimizarr.encoder.queue.NodeLease;
import io.optimizarr.encoder.queue.NodeLost;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.encoder.queue.OutputMode;
import io.optimizarr.encoder.settings.NodeSettings;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs this node's share of the queue: while fewer than {@code maxConcurrentJobs} encodes run,
 * takes a chunk of another node's shared encode ({@link ChunkHelp}) or else claims a job, runs each
 * on a thread of its own, and steers the jobs on request; the governor pauses and resumes them
 * through {@link Encodes}. At start it cleans up what a crashed run of this node left, then takes
 * its lease ({@link Leases}: renewed every few seconds; runs whose claims were superseded end, lost
 * nodes' jobs are requeued); at shutdown it ends its encodes and requeues their jobs.
 */
@ApplicationScoped
public class Supervisor implements Encodes {

  private static final long CLAIM_EVERY_MILLIS = 1_000;
  private static final long WAKE_DELAY_MILLIS = 50;

  /** How often encoders that failed mid-job are probed again. */
  private static final long PROBE_AGAIN_MINUTES = 10;

  /** How long a node that cannot encode a job's chunks alike leaves them to the others. */
  private static final Duration CANNOT_HELP_FOR = Duration.ofMinutes(10);

  private final EncoderConfig config;
  private final JobQueue queue;
  private final NodeSettings settings;
  private final ProcessControl control = new ProcessControl();
  private final MediaProbe probe;
  private final MediaPaths paths;
  private final NodeIdentity node;
  private final JobMetrics metrics;
  private final LiveEvents live;
  private final Event<JobFinished> finished;
  private final Clock clock;
  private final Replacement replacement;
  private final Restoration restoration;
  private final Leases leases;
  private final NodePlacement placement;
  private final JobChunks chunks;
  private final CapabilityProbe capabilities;
  private final Map<Long, RunningEncode> running = new ConcurrentHashMap<>();

  /**
   * The jobs whose shared chunks this node cannot encode alike (its plan or ffmpeg differs, no
   * chunk folder of its user), and until when it does not try again.
   */
  private final Map<Long, Instant> cannotHelp = new ConcurrentHashMap<>();

  private ScheduledExecutorService claims;

  /** The governor's pauses and resumes as the jobs' rows record them, one at a time, in order. */
  private ExecutorService throttleWrites;

  private volatile boolean held;

  Supervisor(
      EncoderConfig config,
      JobQueue queue,
      NodeSettings settings,
      NodeIdentity node,
      MediaPaths paths,
      JobMetrics metrics,
      LiveEvents live,
      Event<JobFinished> finished,
      Clock clock,
      Restoration restoration,
      NodeLease nodeLease,
      Event<NodeLost> lost,
      NodePlacement placement,
      JobChunks chunks,
      CapabilityProbe capabilities) {
    this.capabilities = capabilities;
    this.placement = placement;
    this.chunks = chunks;
    this.restoration = restoration;
    this.clock = clock;
    this.metrics = metrics;
    this.finished = finished;
    this.live = live;
    this.config = config;
    this.queue = queue;
    this.settings = settings;
    this.node = node;
    this.paths = paths;
    this.probe = new MediaProbe(config.ffprobe(), config.ffprobeTimeout());
    this.replacement =
        new Replacement(queue, paths, new ReplacePause(config.test().pauseReplaceAt()), clock);
    this.leases =
        new Leases(
            nodeLease, queue, node.name(), config.nodeLease(), running::values, this::wake, lost);
  }

  void start(@Observes StartupEvent event) {
    placement.setUp(settings.settings().priorityMode() == PriorityMode.IDLE);
    new Reconciler(queue, chunks, control, node.name(), replacement, restoration).reconcile();
    leases.start();
    // What this node can encode is known before it claims anything.
    try {
      capabilities.probe();
    } catch (RuntimeException e) {
      Log.warnf(
          "Could not probe the encoders (jobs of any encoder are claimed): %s", e.getMessage());
    }
    throttleWrites = DaemonThreads.single("optimizarr-throttle-writes");
    claims = DaemonThreads.single("optimizarr-queue");
    claims.scheduleWithFixedDelay(
        this::claimWhileRoom, 0, CLAIM_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    claims.scheduleWithFixedDelay(
        capabilities::probeAgainIfFailed,
        PROBE_AGAIN_MINUTES,
        PROBE_AGAIN_MINUTES,
        TimeUnit.MINUTES);
    Log.infof("Supervisor of node %s started", node.name());
  }

  void stop(@Observes ShutdownEvent event) {
    if (claims != null) {
      claims.shutdownNow();
    }
    leases.stop();
    running.values().forEach(RunningEncode::shutDown);
    for (RunningEncode encode : running.values()) {
      try {
        encode.finished.get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        encode.kill();
      }
    }
    if (throttleWrites != null) {
      throttleWrites.shutdown();
      try {
        throttleWrites.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    placement.tearDown();
  }

  /** New node settings: each running encode's policy, level and cores follow at once. */
  void settingsChanged(@Observes NodeSettings.SettingsChanged changed) {
    running.values().forEach(encode -> encode.settingsChanged(changed.settings()));
  }

  private void claimWhileRoom() {
    try {
      metrics.refreshIfDue().await().atMost(Await.DATABASE);
      settings.refresh();
      ResourceSettings current = settings.settings();
      if (settings.schedule().closed(clock.instant(), clock.getZone()).isPresent()) {
        // The governor holds the queue too, but only once it has judged the new schedule.
        return;
      }
      while (!held && running.size() < current.maxConcurrentJobs()) {
        // A chunk of a film another node encodes first: work begun finishes sooner.
        Optional<ChunkTask> chunk =
            chunks.take(node.name(), null, notToHelp()).await().atMost(Await.DATABASE);
        if (chunk.isPresent()) {
          launchHelp(chunk.get(), current);
          continue;
        }
        Optional<Claim> claimed = queue.claimNext(node.name()).await().atMost(Await.DATABASE);
        if (claimed.isEmpty()) {
          return;
        }
        launch(claimed.get(), current);
      }
    } catch (RuntimeException e) {
      Log.errorf(e, "Claiming the next job failed; trying again in %d ms", CLAIM_EVERY_MILLIS);
    }
  }

  /**
   * Runs a claimed job on a thread of its own. The run is steerable from its claim on (a cancel
   * before ffmpeg starts ends it before ffmpeg starts); whatever fails before the run begins (the
   * job or its profile not loaded, no thread) puts the job back or fails it ({@link
   * LaunchFailure}), so no claim is left with nothing running it.
   */
  private void launch(Claim claim, ResourceSettings current) {
    endHelp(claim.jobId());
    var encode = new RunningEncode(claim, control, placement.cgroup(), current);
    running.put(claim.jobId(), encode);
    encode.finished.whenComplete((done, error) -> running.remove(claim.jobId(), encode));
    try {
      new Thread(() -> runClaimed(encode), "optimizarr-job-" + claim.jobId()).start();
    } catch (RuntimeException | OutOfMemoryError e) {
      launchFailed(encode, e);
    }
  }

  /**
   * Ends this node's encode of a chunk of the job, if any, before it claims the job itself (its run
   * was lost and the job requeued): the chunk belongs to the earlier run.
   */
  private void endHelp(long jobId) {
    RunningEncode helping = running.get(jobId);
    if (helping == null || !helping.helping) {
      return;
    }
    helping.supersede();
    try {
      helping.finished.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      helping.kill();
    }
  }

  /** The jobs this node takes no chunk of now: it runs or helps them, or cannot help them. */
  private List<Long> notToHelp() {
    Instant now = clock.instant();
    cannotHelp.values().removeIf(until -> until.isBefore(now));
    var jobs = new ArrayList<Long>(running.keySet());
    jobs.addAll(cannotHelp.keySet());
    return jobs;
  }

  /**
   * Encodes a chunk of another node's shared encode on a thread of its own, as one of this node's
   * encodes (the governor pauses it); what fails before it begins gives the chunk back.
   */
  private void launchHelp(ChunkTask task, ResourceSettings current) {
    var encode =
        new RunningEncode(
            new Claim(task.jobId(), task.jobClaim()), control, placement.cgroup(), current, true);
    running.put(task.jobId(), encode);
    encode.finished.whenComplete((done, error) -> running.remove(task.jobId(), encode));
    try {
      new Thread(
              () -> runHelp(encode, task),
              "optimizarr-chunk-" + task.jobId() + "-" + (task.index() + 1))
          .start();
    } catch (RuntimeException | OutOfMemoryError e) {
      Log.errorf(e, "Job %d: chunk %d could not be launched here", task.jobId(), task.index() + 1);
      chunks.giveBack(task).await().atMost(Await.DATABASE);
      encode.finished.complete(null);
    }
  }

  private void runHelp(RunningEncode encode, ChunkTask task) {
    EncodeRun.Job job;
    try {
      job = load(task.jobId());
    } catch (RuntimeException e) {
      Log.errorf(e, "Job %d: chunk %d given back", task.jobId(), task.index() + 1);
      new JobWrites(task.jobId()).persist(() -> chunks.giveBack(task));
      encode.finished.complete(null);
      return;
    }
    encode.configure(job.niceOverride(), job.affinityOverride(), job.throttling());
    new ChunkHelp(
            task,
            encode,
            job,
            chunks,
            paths,
            probe,
            config.ffmpeg(),
            node.name(),
            why -> cannotHelp.put(task.jobId(), clock.instant().plus(CANNOT_HELP_FOR)))
        .run();
  }

  private void runClaimed(RunningEncode encode) {
    EncodeRun.Job job;
    try {
      job = load(encode.jobId);
    } catch (RuntimeException e) {
      launchFailed(encode, e);
      return;
    }
    encode.configure(job.niceOverride(), job.affinityOverride(), job.throttling());
    new EncodeRun(
            job,
            encode,
            queue,
            paths,
            probe,
            config.ffmpeg(),
            live,
            finished,
            replacement,
            chunks,
            node.name())
        .run();
  }

  /** The launch failed before the run began: the job is put back, or failed, with the reason. */
  private void launchFailed(RunningEncode encode, Throwable failure) {
    try {
      Outcome outcome =
          encode.cancelRequested()
              ? new Outcome.Cancelled("cancelled before ffmpeg started")
              : LaunchFailure.outcome(node.name(), failure);
      JobStatus now =
          new JobWrites(encode.jobId).persist(() -> queue.record(encode.claim, outcome));
      Log.errorf(failure, "Job %d could not be launched; it is now %s", encode.jobId, now);
    } catch (RuntimeException e) {
      Log.errorf(
          e,
          "Job %d could not be launched, nor put back; the next start of this node requeues it",
          encode.jobId);
    } finally {
      encode.finished.complete(null);
    }
  }

  /** The claimed job's row and its profile, as the run needs them. */
  private EncodeRun.Job load(long jobId) {
    try {
      JobToRun row = queue.loadForRun(jobId).await().atMost(Await.DATABASE).orElseThrow();
      EncodingProfile profile =
          VertxContextSupport.subscribeAndAwait(
              () -> EncodingProfile.byId(row.profileId()).ifNoItem().after(Await.DATABASE).fail());
      return job(row, profile);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot load job " + jobId, e);
    }
  }

  private static EncodeRun.Job job(JobToRun j, EncodingProfile p) {
    return new EncodeRun.Job(
        j.id(),
        j.input(),
        j.output(),
        j.overwrite(),
        p.settings(),
        p.niceLevel,
        p.cpuAffinity,
        new RunningEncode.Throttling(
            j.ignoreThresholds(),
            p.cpuThreshold,
            p.memoryThreshold,
            p.gpuThreshold,
            // NVENC, VAAPI and Quick Sync encodes load a GPU the governor must not count as
            // foreign.
            p.settings().video().hardware() != VideoCodec.Hardware.NONE),
        p.skipIfTargetCodec,
        p.discardLargerOutput,
        p.streamRules(),
        // Unset, the thorough check is on exactly when the output replaces its input.
        p.thoroughCheck != null ? p.thoroughCheck : j.outputMode() == OutputMode.REPLACE,
        j.outputMode(),
        j.recycleDays(),
        p.minSavingsPercent,
        new SegmentedEncode.Settings(
            p.segmented, p.segmentSeconds, p.segmentAboveSeconds, p.shareChunks));
  }

  /**
   * Removes the finished chunks a segmented encode of the job keeps beside {@code output}, if any:
   * the job ended without running (a queued job cancelled). File-system work: not on an event loop.
   */
  public void removeChunks(Path output, long jobId) {
    ChunkStore.removeFor(output, jobId);
  }

  /**
   * Looks at the queue shortly rather than at the next tick: a job is being added. The short delay
   * lets the adding transaction commit; a job it misses is claimed at the next tick.
   */
  public void wake() {
    if (claims != null && !claims.isShutdown()) {
      claims.schedule(this::claimWhileRoom, WAKE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void hold(boolean hold) {
    held = hold;
  }

  @Override
  public List<Governor.Job> views() {
    return running.values().stream().map(RunningEncode::governorView).toList();
  }

  @Override
  public List<Long> pids() {
    return running.values().stream().map(RunningEncode::pid).filter(Objects::nonNull).toList();
  }

  @Override
  public List<Long> jobIds() {
    return List.copyOf(running.keySet());
  }

  @Override
  public boolean gpuInUse() {
    return running.values().stream().anyMatch(RunningEncode::usesGpu);
  }

  /** The governor's pause: SIGSTOP now, the job's state and reason after. */
  @Override
  public void pause(long jobId, String reason, PauseKind kind) {
    RunningEncode encode = running.get(jobId);
    if (encode != null && encode.pauseForGovernor(kind) && !encode.helping) {
      int steps = encode.manualSteps();
      boolean released = encode.released();
      writeThrottleState(
          jobId,
          () -> running.get(jobId) == encode && encode.manualSteps() == steps,
          () -> queue.setThrottled(encode.claim, true, reason, released));
    }
  }

  /** The governor's resume: SIGCONT now, the seconds paused and the job's state after. */
  @Override
  public void resume(long jobId) {
    RunningEncode encode = running.get(jobId);
    if (encode == null) {
      return;
    }
    double seconds = encode.resume(false);
    if (seconds >= 0 && !encode.helping) {
      int steps = encode.manualSteps();
      writeThrottleState(jobId, () -> true, () -> queue.addPausedSeconds(encode.claim, seconds));
      writeThrottleState(
          jobId,
          () -> running.get(jobId) == encode && encode.manualSteps() == steps,
          () -> queue.setThrottled(encode.claim, false, null));
    }
  }

  /**
   * Writes off the governor's thread, after the writes queued before it, retried while the database
   * is away as every state change of a job is ({@link JobWrites#persist}); a write is dropped when,
   * by its turn, it no longer says how the encode stands ({@code stillSo}: a manual pause or resume
   * came between, or the run ended).
   */
  private <T> void writeThrottleState(long jobId, BooleanSupplier stillSo, Supplier<Uni<T>> write) {
    try {
      throttleWrites.execute(
          () -> {
            if (!stillSo.getAsBoolean()) {
              return;
            }
            try {
              new JobWrites(jobId).persist(write);
            } catch (RuntimeException e) {
              Log.errorf(e, "Job %d: its throttle state could not be saved", jobId);
            }
          });
    } catch (RejectedExecutionException stopping) {
      Log.warnf("Job %d: the service is stopping; its throttle state is not saved", jobId);
    }
  }

  /** The encode of a job on this node, if it runs here. */
  public Optional<Steering> steer(long jobId) {
    RunningEncode encode = running.get(jobId);
    return encode == null || encode.helping
        ? Optional.empty()
        : Optional.of(new Steering(encode, queue));
  }
}
