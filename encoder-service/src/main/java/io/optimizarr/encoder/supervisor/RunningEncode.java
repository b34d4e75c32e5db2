package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.governor.Governor;
import io.optimizarr.encoder.governor.PauseKind;
import io.optimizarr.encoder.process.EncodeCgroup;
import io.optimizarr.encoder.process.OwnProcess;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.process.Refusal;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.quarkus.logging.Log;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One claimed job this node runs, from its claim to its outcome: the process that runs for it now
 * (ffmpeg, or the thorough check's decode), and the requests made to it meanwhile (pause, resume,
 * cancel, shut down, superseded). A request made before any process starts is kept, and the run
 * checks it before each stage, so a cancel between claim and ffmpeg's start ends the job without
 * ffmpeg ever starting. Signals go only to the process as it was when it started ({@link
 * OwnProcess}): never to a pid that has exited and may name another process now. A change of
 * settings reaches every thread's policy, nice level and I/O class at once; the session, autogroup
 * and cgroup of a running process stay as it was launched with, until its next process (an encode
 * started in NICE mode and switched to IDLE runs in the idle class in this service's session and
 * cgroup). Thread-safe: the job's thread runs it, API calls and the governor pause, resume or
 * cancel it, the lease keeper supersedes it.
 */
final class RunningEncode {

  final long jobId;
  final Claim claim;

  /**
   * Whether this encodes a chunk of another node's run of the job ({@link ChunkHelp}) rather than
   * running the job: the governor pauses it all the same, but the job's row is its run's to write.
   */
  final boolean helping;

  /** Completes once the job's thread has finished with the process and written the outcome. */
  final CompletableFuture<Void> finished = new CompletableFuture<>();

  private final ProcessControl control;
  private final EncodeCgroup cgroup;
  private Set<Refusal> refused = Set.of();
  private volatile Integer niceOverride;
  private volatile String affinityOverride;
  private volatile ResourceSettings settings;
  private volatile Priority priority;
  private volatile Process process;
  private volatile OwnProcess own;
  private volatile boolean launchedIdle;
  private volatile boolean cancelRequested;
  private volatile boolean shutdownRequested;
  private volatile boolean superseded;
  private volatile Throttling throttling = new Throttling(false, null, null, null, false);
  private long pausedSinceNanos = -1;
  private boolean manual;
  private boolean releasable;
  private boolean released;
  private int manualSteps;

  /** How the governor treats this encode: the job's flag and its profile's overrides. */
  record Throttling(
      boolean ignoreThresholds,
      Integer cpuThreshold,
      Integer memoryThreshold,
      Integer gpuThreshold,
      boolean usesGpu) {}

  /**
   * A job just claimed, run by the node's settings until its profile is loaded.
   *
   * @param cgroup the idle cgroup its processes join in IDLE mode
   */
  RunningEncode(
      Claim claim, ProcessControl control, EncodeCgroup cgroup, ResourceSettings settings) {
    this(claim, control, cgroup, settings, false);
  }

  /**
   * As {@link #RunningEncode(Claim, ProcessControl, EncodeCgroup, ResourceSettings)}; {@code
   * helping} for a chunk of another node's run of the job, under that run's {@code claim}.
   */
  RunningEncode(
      Claim claim,
      ProcessControl control,
      EncodeCgroup cgroup,
      ResourceSettings settings,
      boolean helping) {
    this.helping = helping;
    this.claim = claim;
    this.jobId = claim.jobId();
    this.control = control;
    this.cgroup = cgroup;
    this.settings = settings;
    this.priority = Priority.of(settings, null, null);
  }

  /** The job and its profile are loaded: its overrides and the governor's treatment apply. */
  void configure(Integer niceOverride, String affinityOverride, Throttling throttling) {
    this.niceOverride = niceOverride;
    this.affinityOverride = affinityOverride;
    this.throttling = throttling;
    this.priority = Priority.of(settings, niceOverride, affinityOverride);
  }

  Priority priority() {
    return priority;
  }

  EncodeCgroup cgroup() {
    return cgroup;
  }

  /**
   * Takes new node settings: the policy, level, I/O class and cores are set on every thread now.
   */
  void settingsChanged(ResourceSettings changed) {
    settings = changed;
    priority = Priority.of(changed, niceOverride, affinityOverride);
    applyPriority();
  }

  /**
   * Sets the policy, nice level, I/O class and cores on every thread of the process (threads come
   * and go). What the kernel refuses is logged once, until it changes, and stays as it was; the
   * rest is set, and the encode goes on.
   */
  void applyPriority() {
    OwnProcess p = own;
    if (p != null) {
      Priority now = priority;
      Set<Refusal> refusedNow = control.schedule(p, now.scheduling());
      control.pin(p, now.affinity());
      logChanged(refusedNow);
    }
  }

  /**
   * Moves an encode launched in IDLE mode into the idle cgroup if its launch did not: called once
   * ffmpeg reports progress, when the launch chain's shell step is long done.
   */
  void checkPlacement() {
    Process p = process;
    if (p != null && launchedIdle) {
      cgroup.ensureJoined(p.pid());
    }
  }

  private synchronized void logChanged(Set<Refusal> refusedNow) {
    if (!refusedNow.equals(refused)) {
      for (Refusal r : refusedNow) {
        Log.warnf("Job %d: %s; the encode goes on with that part as it was", jobId, r.text());
      }
      refused = refusedNow;
    }
  }

  /**
   * The process that runs for the job now. A request to end the run that came before it is carried
   * out on it at once; so is a pause of the governor's that came while no process ran (the claim
   * before ffmpeg starts, the output's probe before the thorough check's decode).
   */
  void attach(Process started) {
    process = started;
    launchedIdle = priority.mode() == PriorityMode.IDLE;
    synchronized (this) {
      own = OwnProcess.at(started.pid()).orElse(null);
      if (pausedSinceNanos >= 0 && own != null) {
        if (released) {
          control.terminate(own);
        } else {
          control.stop(own);
        }
      }
    }
    if (endRequested()) {
      endProcess();
    }
  }

  /** The pid of the job's process while it runs; null before it starts and once it has exited. */
  Long pid() {
    Process p = process;
    return p == null || !p.isAlive() ? null : p.pid();
  }

  /**
   * Stops the process (every thread, state T). A manual pause also takes over a pause of the
   * governor's, which it then leaves alone. False when there is nothing to do. The governor's pause
   * holds the run even while no process runs: the next one to start is stopped at once ({@link
   * #attach}); a manual pause needs a running process.
   */
  synchronized boolean pause(boolean manually) {
    OwnProcess p = own;
    boolean live = p != null && p.isAlive();
    if ((manually && !live) || (pausedSinceNanos >= 0 && (manual || !manually))) {
      return false;
    }
    if (pausedSinceNanos < 0) {
      if (live && !control.stop(p)) {
        return false;
      }
      pausedSinceNanos = System.nanoTime();
    }
    manual = manually;
    if (manually) {
      manualSteps++;
    }
    return true;
  }

  /**
   * The governor's pause: a {@link PauseKind#RELEASE} ends the process at once while the run may be
   * released (a chunk of a segmented encode is being encoded: {@link #releasable}), which frees its
   * memory, VRAM and encoder sessions, and the run encodes that chunk again once resumed;
   * otherwise, and for a {@link PauseKind#STOP}, the process is stopped ({@link #pause}). False
   * when there is nothing to do.
   */
  synchronized boolean pauseForGovernor(PauseKind kind) {
    if (kind == PauseKind.RELEASE && releasable && pausedSinceNanos < 0) {
      released = true;
      pausedSinceNanos = System.nanoTime();
      manual = false;
      endProcess();
      return true;
    }
    return pause(false);
  }

  /** Whether the run's process may be ended by a release pause now: a chunk is being encoded. */
  synchronized void releasable(boolean now) {
    releasable = now;
  }

  /** Whether the governor released the run: its process was ended, and it waits for a resume. */
  synchronized boolean released() {
    return released;
  }

  /** Waits while the run is released, until the governor resumes it or the run is to end. */
  synchronized void awaitResume() throws InterruptedException {
    while (released && !endRequested()) {
      wait(200);
    }
  }

  /**
   * Continues the process when it was paused the same way (by hand, or by the governor); gives the
   * seconds it was paused, or -1 when it was not. A released run goes on with its next process.
   */
  synchronized double resume(boolean manually) {
    OwnProcess p = own;
    if (pausedSinceNanos < 0 || manual != manually) {
      return -1;
    }
    if (released) {
      released = false;
      notifyAll();
    } else if (p != null && p.isAlive()) {
      control.resume(p);
    }
    double seconds = (System.nanoTime() - pausedSinceNanos) / 1e9;
    pausedSinceNanos = -1;
    manual = false;
    if (manually) {
      manualSteps++;
    }
    return seconds;
  }

  synchronized boolean isPaused() {
    return pausedSinceNanos >= 0;
  }

  /**
   * How many manual pauses and resumes this encode has had: a governor's write made before one of
   * them no longer says how the job stands.
   */
  synchronized int manualSteps() {
    return manualSteps;
  }

  /** The encode as the governor judges it. */
  synchronized Governor.Job governorView() {
    Throttling t = throttling;
    return new Governor.Job(
        jobId,
        t.ignoreThresholds(),
        pausedSinceNanos >= 0 && manual,
        t.cpuThreshold(),
        t.memoryThreshold(),
        t.gpuThreshold());
  }

  boolean usesGpu() {
    return throttling.usesGpu();
  }

  /** Asks the run to end: its process continued first when stopped (a stopped one cannot exit). */
  void cancel() {
    cancelRequested = true;
    endProcess();
  }

  /** Ends the process because the service is shutting down; the job goes back to the queue. */
  void shutDown() {
    shutdownRequested = true;
    endProcess();
  }

  /**
   * The job was taken from this node and claimed again: this run ends its own process and records
   * nothing.
   */
  void supersede() {
    superseded = true;
    endProcess();
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  boolean shutdownRequested() {
    return shutdownRequested;
  }

  boolean superseded() {
    return superseded;
  }

  /** Whether anything asked the run to end: the stage running now stops, and no other starts. */
  boolean endRequested() {
    return cancelRequested || shutdownRequested || superseded;
  }

  /** SIGKILL to the process, if it still runs: for a stop that cannot wait for it any longer. */
  void kill() {
    OwnProcess p = own;
    if (p != null) {
      control.kill(p);
    }
  }

  private void endProcess() {
    OwnProcess p = own;
    if (p != null) {
      control.resume(p);
      control.terminate(p);
    }
  }
}
