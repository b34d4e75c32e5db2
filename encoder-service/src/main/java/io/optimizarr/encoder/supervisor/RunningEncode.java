package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.governor.Governor;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.settings.ResourceSettings;
import java.util.concurrent.CompletableFuture;

/**
 * One ffmpeg this node runs: its process, and the requests made to it while it runs. Thread-safe:
 * the job's thread runs it, API calls pause, resume or cancel it.
 */
final class RunningEncode {

  final long jobId;

  /** Completes once the job's thread has finished with the process and written the outcome. */
  final CompletableFuture<Void> finished = new CompletableFuture<>();

  private final ProcessControl control;
  private final Integer niceOverride;
  private final String affinityOverride;
  private volatile Priority priority;
  private volatile Process process;
  private volatile boolean cancelRequested;
  private volatile boolean shutdownRequested;
  private final Throttling throttling;
  private long pausedSinceNanos = -1;
  private boolean manual;
  private int manualSteps;

  /** How the governor treats this encode: the job's flag and its profile's overrides. */
  record Throttling(
      boolean ignoreThresholds,
      Integer cpuThreshold,
      Integer memoryThreshold,
      Integer gpuThreshold,
      boolean usesGpu) {}

  RunningEncode(
      long jobId,
      ProcessControl control,
      Integer niceOverride,
      String affinityOverride,
      ResourceSettings settings,
      Throttling throttling) {
    this.throttling = throttling;
    this.jobId = jobId;
    this.control = control;
    this.niceOverride = niceOverride;
    this.affinityOverride = affinityOverride;
    this.priority = Priority.of(settings, niceOverride, affinityOverride);
  }

  Priority priority() {
    return priority;
  }

  /** Takes new node settings: the level and cores are set on every thread now. */
  void settingsChanged(ResourceSettings settings) {
    priority = Priority.of(settings, niceOverride, affinityOverride);
    applyPriority();
  }

  /** Sets the nice level and cores on every thread of the process (threads come and go). */
  void applyPriority() {
    Long pid = pid();
    if (pid != null) {
      Priority p = priority;
      control.nice(pid, p.niceLevel());
      control.pin(pid, p.affinity());
    }
  }

  void attach(Process started) {
    process = started;
  }

  Long pid() {
    Process p = process;
    return p == null ? null : p.pid();
  }

  /**
   * Stops the process (every thread, state T). A manual pause also takes over a pause of the
   * governor's, which it then leaves alone. False when there is nothing to do.
   */
  synchronized boolean pause(boolean manually) {
    Long pid = pid();
    if (pid == null || (pausedSinceNanos >= 0 && (manual || !manually))) {
      return false;
    }
    if (pausedSinceNanos < 0) {
      control.stop(pid);
      pausedSinceNanos = System.nanoTime();
    }
    manual = manually;
    if (manually) {
      manualSteps++;
    }
    return true;
  }

  /**
   * Continues the process when it was paused the same way (by hand, or by the governor); gives the
   * seconds it was paused, or -1 when it was not.
   */
  synchronized double resume(boolean manually) {
    Long pid = pid();
    if (pid == null || pausedSinceNanos < 0 || manual != manually) {
      return -1;
    }
    control.resume(pid);
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
    return new Governor.Job(
        jobId,
        throttling.ignoreThresholds(),
        pausedSinceNanos >= 0 && manual,
        throttling.cpuThreshold(),
        throttling.memoryThreshold(),
        throttling.gpuThreshold());
  }

  boolean usesGpu() {
    return throttling.usesGpu();
  }

  /** Asks the process to end: continued first when stopped (a stopped process cannot exit). */
  void cancel() {
    cancelRequested = true;
    endProcess();
  }

  /** Ends the process because the service is shutting down; the job goes back to the queue. */
  void shutDown() {
    shutdownRequested = true;
    endProcess();
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  boolean shutdownRequested() {
    return shutdownRequested;
  }

  private void endProcess() {
    Long pid = pid();
    if (pid != null) {
      control.resume(pid);
      control.terminate(pid);
    }
  }
}
