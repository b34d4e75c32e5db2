package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.model.ResourceSettings;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One ffmpeg this node runs: its process, its temporary file, and the requests made to it while it
 * runs. Thread-safe: the job's thread runs it, API calls pause, resume or cancel it.
 */
final class RunningEncode {

  final long jobId;
  final Path temporary;

  /** Completes once the job's thread has finished with the process and written the outcome. */
  final CompletableFuture<Void> finished = new CompletableFuture<>();

  private final ProcessControl control;
  private final Integer niceOverride;
  private final String affinityOverride;
  private volatile Priority priority;
  private volatile Process process;
  private volatile boolean cancelRequested;
  private volatile boolean shutdownRequested;
  private long pausedSinceNanos = -1;

  RunningEncode(
      long jobId,
      Path temporary,
      ProcessControl control,
      Integer niceOverride,
      String affinityOverride,
      ResourceSettings settings) {
    this.jobId = jobId;
    this.temporary = temporary;
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
    Long pid = pid();
    if (pid != null) {
      control.nice(pid, priority.niceLevel());
      control.pin(pid, priority.affinity());
    }
  }

  void attach(Process started) {
    process = started;
  }

  Long pid() {
    Process p = process;
    return p == null ? null : p.pid();
  }

  /** Stops the process (every thread, state T); false when it is already paused or not started. */
  synchronized boolean pause() {
    Long pid = pid();
    if (pid == null || pausedSinceNanos >= 0) {
      return false;
    }
    control.stop(pid);
    pausedSinceNanos = System.nanoTime();
    return true;
  }

  /** Continues the process; gives the seconds it was paused, or -1 when it was not paused. */
  synchronized double resume() {
    Long pid = pid();
    if (pid == null || pausedSinceNanos < 0) {
      return -1;
    }
    control.resume(pid);
    double seconds = (System.nanoTime() - pausedSinceNanos) / 1e9;
    pausedSinceNanos = -1;
    return seconds;
  }

  synchronized boolean isPaused() {
    return pausedSinceNanos >= 0;
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
