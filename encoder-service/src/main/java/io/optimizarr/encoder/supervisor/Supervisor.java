package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.governor.Governor;
import io.optimizarr.encoder.metrics.JobMetrics;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.profile.EncodingProfile;
import io.optimizarr.encoder.queue.JobFinished;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobToRun;
import io.optimizarr.encoder.schedule.Schedule;
import io.optimizarr.encoder.schedule.ScheduleStore;
import io.optimizarr.encoder.settings.SettingsStore;
import io.optimizarr.model.ResourceSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs this node's share of the queue: claims jobs while fewer than {@code maxConcurrentJobs} run,
 * runs each on a thread of its own, and steers them on request. At start it cleans up what a
 * crashed run of this node left; at shutdown it ends its encodes and requeues their jobs.
 */
@ApplicationScoped
public class Supervisor {

  private static final long CLAIM_EVERY_MILLIS = 1_000;
  private static final long WAKE_DELAY_MILLIS = 50;

  private final EncoderConfig config;
  private final JobQueue store;
  private final SettingsStore settings;
  private final ScheduleStore schedules;
  private final ProcessControl control = new ProcessControl();
  private final MediaProbe probe;
  private final NodeIdentity node;
  private final JobMetrics metrics;
  private final LiveEvents live;
  private final Event<JobFinished> finished;
  private final Clock clock;
  private final Map<Long, RunningEncode> running = new ConcurrentHashMap<>();
  private ScheduledExecutorService queue;
  private volatile ResourceSettings applied;
  private volatile Schedule schedule;
  private volatile boolean held;

  Supervisor(
      EncoderConfig config,
      JobQueue store,
      SettingsStore settings,
      ScheduleStore schedules,
      NodeIdentity node,
      JobMetrics metrics,
      LiveEvents live,
      Event<JobFinished> finished,
      Clock clock) {
    this.clock = clock;
    this.metrics = metrics;
    this.finished = finished;
    this.live = live;
    this.config = config;
    this.store = store;
    this.settings = settings;
    this.schedules = schedules;
    this.node = node;
    this.probe = new MediaProbe(config.ffprobe());
  }

  void start(@Observes StartupEvent event) {
    new Reconciler(store, control, node.name()).reconcile();
    queue = DaemonThreads.single("optimizarr-queue");
    queue.scheduleWithFixedDelay(
        this::claimWhileRoom, 0, CLAIM_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    Log.infof("Supervisor of node %s started", node.name());
  }

  void stop(@Observes ShutdownEvent event) {
    if (queue != null) {
      queue.shutdownNow();
    }
    running.values().forEach(RunningEncode::shutDown);
    for (RunningEncode encode : running.values()) {
      try {
        encode.finished.get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        Long pid = encode.pid();
        if (pid != null) {
          control.kill(pid);
        }
      }
    }
  }

  private void claimWhileRoom() {
    try {
      metrics.refreshIfDue().await().atMost(Await.DATABASE);
      ResourceSettings current = settings.load().await().atMost(Await.DATABASE);
      if (applied != null && !current.equals(applied)) {
        running.values().forEach(encode -> encode.settingsChanged(current));
      }
      applied = current;
      schedule = schedules.load().await().atMost(Await.DATABASE);
      if (schedule.closed(clock.instant(), clock.getZone()).isPresent()) {
        // The governor holds the queue too, but only once it has judged the new schedule.
        return;
      }
      while (!held && running.size() < current.maxConcurrentJobs()) {
        Optional<Long> claimed = store.claimNext(node.name()).await().atMost(Await.DATABASE);
        if (claimed.isEmpty()) {
          return;
        }
        launch(claimed.get(), current);
      }
    } catch (RuntimeException e) {
      Log.errorf(e, "Claiming the next job failed; trying again in %d ms", CLAIM_EVERY_MILLIS);
    }
  }

  private void launch(long jobId, ResourceSettings current) {
    EncodeRun.Job job = load(jobId);
    var encode =
        new RunningEncode(
            jobId,
            EncodeRun.temporaryFor(job.output(), jobId),
            control,
            job.niceOverride(),
            job.affinityOverride(),
            current,
            job.throttling());
    running.put(jobId, encode);
    encode.finished.whenComplete((done, error) -> running.remove(jobId));
    var run = new EncodeRun(job, encode, store, probe, config.ffmpeg(), live, finished);
    new Thread(run::run, "optimizarr-job-" + jobId).start();
  }

  /** The claimed job's row and its profile, as the run needs them. */
  private EncodeRun.Job load(long jobId) {
    try {
      JobToRun row = store.loadForRun(jobId).await().atMost(Await.DATABASE).orElseThrow();
      EncodingProfile profile =
          VertxContextSupport.subscribeAndAwait(() -> EncodingProfile.byId(row.profileId()));
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
            p.videoCodec.endsWith("_nvenc")),
        p.skipIfTargetCodec,
        p.discardLargerOutput);
  }

  /**
   * Looks at the queue shortly rather than at the next tick: a job is being added. The short delay
   * lets the adding transaction commit; a job it misses is claimed at the next tick.
   */
  public void wake() {
    if (queue != null && !queue.isShutdown()) {
      queue.schedule(this::claimWhileRoom, WAKE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The settings as last read, once a second, by the claim loop; empty before its first read. The
   * governor takes them from here rather than reading them again.
   */
  public Optional<ResourceSettings> settings() {
    return Optional.ofNullable(applied);
  }

  /** The schedule as last read, once a second, by the claim loop; empty before its first read. */
  public Optional<Schedule> schedule() {
    return Optional.ofNullable(schedule);
  }

  /** While held, no new job starts here: the governor finds the machine busy. */
  public void hold(boolean hold) {
    held = hold;
  }

  public boolean held() {
    return held;
  }

  /** The running encodes as the governor judges them. */
  public List<Governor.Job> governorViews() {
    return running.values().stream().map(RunningEncode::governorView).toList();
  }

  /** The pids of the running encodes: our own load. */
  public List<Long> ownPids() {
    return running.values().stream().map(RunningEncode::pid).filter(Objects::nonNull).toList();
  }

  public List<Long> ownJobIds() {
    return List.copyOf(running.keySet());
  }

  public boolean gpuInUse() {
    return running.values().stream().anyMatch(RunningEncode::usesGpu);
  }

  /** The governor's pause: SIGSTOP, then the job's state and reason. */
  public void throttlePause(long jobId, String reason) {
    RunningEncode encode = running.get(jobId);
    if (encode != null && encode.pause(false)) {
      store.setThrottled(jobId, true, reason).await().atMost(Await.DATABASE);
    }
  }

  /** The governor's resume: SIGCONT, the seconds paused, the job's state. */
  public void throttleResume(long jobId) {
    RunningEncode encode = running.get(jobId);
    if (encode == null) {
      return;
    }
    double seconds = encode.resume(false);
    if (seconds >= 0) {
      store.addPausedSeconds(jobId, seconds).await().atMost(Await.DATABASE);
      store.setThrottled(jobId, false, null).await().atMost(Await.DATABASE);
    }
  }

  /** The encode of a job on this node, if it runs here. */
  public Optional<Steering> steer(long jobId) {
    RunningEncode encode = running.get(jobId);
    return encode == null ? Optional.empty() : Optional.of(new Steering(encode, store));
  }
}
