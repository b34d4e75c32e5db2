package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.events.JobUpdate;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.ffmpeg.Progress;
import io.optimizarr.encoder.ffmpeg.ProgressParser;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads ffmpeg's progress reports until it closes its output: each report goes to the live stream,
 * and every {@link #WRITE_EVERY_NANOS} the progress and the process's usage go to the job's row.
 */
final class ProgressFollower {

  /** Progress and usage reach the database at most this often. */
  static final long WRITE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final RunningEncode running;
  private final JobQueue queue;
  private final LiveEvents live;
  private final JobWrites writes;
  private final int cores = Runtime.getRuntime().availableProcessors();

  /** Whether the progress is reported (to the live stream and the job's row) or only read. */
  private final boolean reporting;

  ProgressFollower(RunningEncode running, JobQueue queue, LiveEvents live, JobWrites writes) {
    this(running, queue, live, writes, true);
  }

  private ProgressFollower(
      RunningEncode running, JobQueue queue, LiveEvents live, JobWrites writes, boolean reporting) {
    this.running = running;
    this.queue = queue;
    this.live = live;
    this.writes = writes;
    this.reporting = reporting;
  }

  /**
   * A follower that reports nothing, for an encode whose progress is not the job's own (a chunk of
   * a shared encode: the job's progress is its finished chunks'); it still applies the priority and
   * placement as ffmpeg's threads start.
   */
  static ProgressFollower silent(RunningEncode running) {
    return new ProgressFollower(running, null, null, null, false);
  }

  /**
   * Reports the job's progress as the share of its film's frames in finished chunks (a shared
   * encode, whose chunks finish on several nodes in no set order).
   */
  void share(double percent) {
    if (!reporting) {
      return;
    }
    live.job(
        new JobUpdate(
            running.jobId,
            running.isPaused() ? JobStatus.PAUSED : JobStatus.PROCESSING,
            percent,
            null,
            null,
            null,
            running.pid()));
    writes.bestEffort(
        queue
            .progress(running.claim, percent, null, null, null, null, null)
            .invoke(
                held -> {
                  if (!held) {
                    running.supersede();
                  }
                }));
  }

  void follow(Process process, Double durationSeconds) throws IOException {
    follow(process, durationSeconds, null);
  }

  /**
   * Follows a process that encodes the part of the input from {@code partFromSeconds} on (a chunk),
   * its progress reported as the whole's; null for the whole input.
   */
  void follow(Process process, Double durationSeconds, Double partFromSeconds) throws IOException {
    var parser = new ProgressParser();
    double duration = durationSeconds == null ? 0 : durationSeconds;
    long lastWrite = System.nanoTime();
    Optional<ProcessSample> lastUsage = ProcFs.host().sample(process.pid());
    try (var out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean firstBlock = true;
      while ((line = out.readLine()) != null) {
        Optional<Progress> progress = parser.accept(line);
        if (partFromSeconds != null) {
          progress = progress.map(p -> p.after(partFromSeconds));
        }
        if (progress.isPresent() && firstBlock) {
          // Encoders start their thread pools once the first frames arrive, and some (x265) set
          // those threads' affinity themselves: the level and cores are applied again now.
          running.applyPriority();
          running.checkPlacement();
          firstBlock = false;
        }
        if (reporting) {
          progress.ifPresent(p -> publish(p, duration, process.pid()));
        }
        if (progress.isEmpty() || System.nanoTime() - lastWrite < WRITE_EVERY_NANOS) {
          continue;
        }
        running.applyPriority();
        if (!reporting) {
          lastWrite = System.nanoTime();
          continue;
        }
        Progress p = progress.get();
        Optional<ProcessSample> usage = ProcFs.host().sample(process.pid());
        Double cpu =
            usage.isPresent() && lastUsage.isPresent()
                ? usage.get().cpuPercentSince(lastUsage.get(), cores)
                : null;
        Double percent = p.percentOf(duration);
        writes.bestEffort(
            queue
                .progress(
                    running.claim,
                    percent == null ? 0 : percent,
                    p.fps(),
                    p.speed(),
                    p.etaSeconds(duration),
                    cpu,
                    usage.map(ProcessSample::residentBytes).orElse(null))
                .invoke(
                    held -> {
                      if (!held) {
                        // The job was taken from this node: its encode here ends.
                        running.supersede();
                      }
                    }));
        lastWrite = System.nanoTime();
        lastUsage = usage;
      }
    }
  }

  private void publish(Progress p, double duration, long pid) {
    Double percent = p.percentOf(duration);
    live.job(
        new JobUpdate(
            running.jobId,
            running.isPaused() ? JobStatus.PAUSED : JobStatus.PROCESSING,
            percent == null ? 0 : percent,
            p.fps(),
            p.speed(),
            p.etaSeconds(duration),
            pid));
  }
}
