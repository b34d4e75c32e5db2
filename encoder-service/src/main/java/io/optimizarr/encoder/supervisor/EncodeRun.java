package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.alert.Alerts;
import io.optimizarr.encoder.events.JobUpdate;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.ffmpeg.EncodeSettings;
import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.Progress;
import io.optimizarr.encoder.ffmpeg.ProgressParser;
import io.optimizarr.encoder.job.JobStore;
import io.optimizarr.encoder.metrics.JobMetrics;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.process.ProcessUsage;
import io.optimizarr.model.JobStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one claimed job to its end on the calling thread: probe the input, start ffmpeg into a
 * temporary file beside the target, follow its progress, then check the output and rename it into
 * place, or record why not. The input is only ever read.
 */
final class EncodeRun {

  /** Progress and usage reach the database at most this often. */
  static final long WRITE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  static final Duration STATE_RETRY = Duration.ofSeconds(2);
  static final Duration STATE_RETRY_LIMIT = Duration.ofHours(1);
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  /** Everything a run needs to know about its job, read when it was claimed. */
  record Job(
      long id,
      Path input,
      Path output,
      boolean overwrite,
      EncodeSettings settings,
      Integer niceOverride,
      String affinityOverride,
      RunningEncode.Throttling throttling,
      boolean skipIfTargetCodec,
      boolean discardLargerOutput) {}

  private final Job job;
  private final RunningEncode running;
  private final JobStore store;
  private final ProcessControl control;
  private final MediaProbe probe;
  private final String ffmpeg;
  private final JobMetrics metrics;
  private final LiveEvents live;
  private final Alerts alerts;
  private final long startedNanos = System.nanoTime();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private boolean progressUnsaved;

  EncodeRun(
      Job job,
      RunningEncode running,
      JobStore store,
      ProcessControl control,
      MediaProbe probe,
      String ffmpeg,
      JobMetrics metrics,
      LiveEvents live,
      Alerts alerts) {
    this.metrics = metrics;
    this.alerts = alerts;
    this.live = live;
    this.job = job;
    this.running = running;
    this.store = store;
    this.control = control;
    this.probe = probe;
    this.ffmpeg = ffmpeg;
  }

  /** The temporary file of a job's output: hidden, beside the target, named for the job. */
  static Path temporaryFor(Path output, long jobId) {
    return output.resolveSibling("." + output.getFileName() + ".optimizarr-" + jobId + ".part");
  }

  void run() {
    try {
      MediaProbe.Media input;
      try {
        input = probe.probe(job.input());
      } catch (MediaProbe.Unreadable e) {
        fail("the input cannot be read", e.getMessage());
        return;
      }
      Optional<String> pointless = alreadyInTargetCodec(input);
      if (pointless.isPresent()) {
        skip(pointless.get(), "not encoded");
        return;
      }
      Process process = start();
      running.attach(process);
      var tail = new StderrTail(process.getErrorStream(), "optimizarr-stderr-" + job.id());
      persist(
          () ->
              store.started(
                  job.id(),
                  process.pid(),
                  input.durationSeconds(),
                  "ffmpeg pid "
                      + process.pid()
                      + " started at nice "
                      + running.priority().niceLevel()
                      + " on cores "
                      + running.priority().affinity().toCpuList()));
      // The wrappers set nice and cores before ffmpeg's first thread; this covers hosts without.
      applyPriority(process.pid());
      followProgress(process, input.durationSeconds());
      int exit = process.waitFor();
      finish(exit, tail, input);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      Log.errorf(e, "Job %d failed in the supervisor", job.id());
      deleteTemporary();
      fail("the encode could not run", e.toString());
    } finally {
      running.finished.complete(null);
    }
  }

  private Process start() throws IOException {
    var command = new ArrayList<String>();
    if (Files.isExecutable(SETPRIV)) {
      // ffmpeg dies with this thread's process, so a crashed service leaves no encode running.
      command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    }
    // nice adds to the niceness it inherits: ask for the difference to reach the level itself.
    Priority priority = running.priority();
    command.addAll(List.of("nice", "-n", Integer.toString(priority.niceLevel() - ownNiceness())));
    command.addAll(List.of("taskset", "--cpu-list", priority.affinity().toCpuList()));
    command.add(ffmpeg);
    command.addAll(job.settings().arguments(job.input(), running.temporary));
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  private void publish(Progress p, double duration, long pid) {
    Double percent = p.percentOf(duration);
    live.job(
        new JobUpdate(
            job.id(),
            running.isPaused() ? JobStatus.PAUSED : JobStatus.PROCESSING,
            percent == null ? 0 : percent,
            p.fps(),
            p.speed(),
            p.etaSeconds(duration),
            pid));
  }

  private void applyPriority(long pid) {
    Priority priority = running.priority();
    control.nice(pid, priority.niceLevel());
    control.pin(pid, priority.affinity());
  }

  private static int ownNiceness() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private void followProgress(Process process, Double durationSeconds) throws IOException {
    var parser = new ProgressParser();
    double duration = durationSeconds == null ? 0 : durationSeconds;
    long lastWrite = System.nanoTime();
    Optional<ProcessUsage> lastUsage = ProcessUsage.read(process.pid());
    try (var out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean firstBlock = true;
      while ((line = out.readLine()) != null) {
        Optional<Progress> progress = parser.accept(line);
        if (progress.isPresent() && firstBlock) {
          // Encoders start their thread pools once the first frames arrive, and some (x265) set
          // those threads' affinity themselves: the level and cores are applied again now.
          applyPriority(process.pid());
          firstBlock = false;
        }
        progress.ifPresent(p -> publish(p, duration, process.pid()));
        if (progress.isEmpty() || System.nanoTime() - lastWrite < WRITE_EVERY_NANOS) {
          continue;
        }
        applyPriority(process.pid());
        Progress p = progress.get();
        Optional<ProcessUsage> usage = ProcessUsage.read(process.pid());
        Double cpu =
            usage.isPresent() && lastUsage.isPresent()
                ? usage.get().cpuPercentSince(lastUsage.get(), cores)
                : null;
        Double percent = p.percentOf(duration);
        bestEffort(
            store.progress(
                job.id(),
                percent == null ? 0 : percent,
                p.fps(),
                p.speed(),
                p.etaSeconds(duration),
                cpu,
                usage.map(ProcessUsage::residentBytes).orElse(null)));
        lastWrite = System.nanoTime();
        lastUsage = usage;
      }
    }
  }

  private void finish(int exit, StderrTail tail, MediaProbe.Media input) {
    if (running.cancelRequested()) {
      deleteTemporary();
      persist(
          () ->
              store.transition(
                  job.id(),
                  List.of(JobStatus.PROCESSING, JobStatus.PAUSED),
                  JobStatus.CANCELLED,
                  "cancelled",
                  "CANCELLED",
                  "ffmpeg stopped and its temporary file removed"));
      return;
    }
    if (running.shutdownRequested()) {
      deleteTemporary();
      persist(() -> store.requeue(job.id(), false, "the service shut down; requeued"));
      return;
    }
    if (exit != 0) {
      deleteTemporary();
      fail("ffmpeg exited with status " + exit, tail.text());
      return;
    }
    Optional<String> problem;
    try {
      problem = MediaProbe.outputProblem(input, probe.probe(running.temporary));
    } catch (MediaProbe.Unreadable e) {
      problem = Optional.of(e.getMessage());
    }
    if (problem.isPresent()) {
      deleteTemporary();
      fail("the output failed its check: " + problem.get(), tail.text());
      return;
    }
    Optional<String> larger = largerThanInput();
    if (larger.isPresent()) {
      deleteTemporary();
      skip(larger.get(), "the output was discarded, the input kept");
      return;
    }
    try {
      if (!job.overwrite() && Files.exists(job.output())) {
        throw new IOException(job.output() + " appeared while the job ran; not overwritten");
      }
      Files.move(
          running.temporary,
          job.output(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteTemporary();
      fail("the output could not be put in place", e.getMessage());
      return;
    }
    String done = "output checked and written to " + job.output();
    persist(() -> store.completed(job.id(), done));
    metrics.completed(java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
    alerts.jobCompleted(job.id(), job.input().toString(), job.output().toString(), done);
  }

  /** Why encoding this input is pointless by the profile's choice, if it is. */
  private Optional<String> alreadyInTargetCodec(MediaProbe.Media input) {
    Optional<String> target = job.settings().video().codecName();
    Optional<String> codec = input.videoCodec();
    if (!job.skipIfTargetCodec() || target.isEmpty() || codec.isEmpty()) {
      return Optional.empty();
    }
    return codec.get().equals(target.get())
        ? Optional.of("the input's video is already " + codec.get())
        : Optional.empty();
  }

  /** Why the finished output is not worth keeping, by the profile's choice, if it is not. */
  private Optional<String> largerThanInput() {
    if (!job.discardLargerOutput()) {
      return Optional.empty();
    }
    try {
      long output = Files.size(running.temporary);
      long input = Files.size(job.input());
      return output > input
          ? Optional.of(
              String.format(
                  "the output (%,d bytes) is larger than the input (%,d bytes)", output, input))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void skip(String reason, String outcome) {
    persist(
        () ->
            store.transition(
                job.id(),
                List.of(JobStatus.PROCESSING, JobStatus.PAUSED),
                JobStatus.SKIPPED,
                reason,
                "SKIPPED",
                reason + "; " + outcome));
    metrics.skipped();
  }

  private void fail(String reason, String error) {
    persist(() -> store.failed(job.id(), reason, error));
    metrics.failed();
    alerts.jobFailed(job.id(), job.input().toString(), reason);
  }

  private void deleteTemporary() {
    try {
      Files.deleteIfExists(running.temporary);
    } catch (IOException e) {
      Log.warnf("Could not remove %s: %s", running.temporary, e.getMessage());
    }
  }

  /**
   * A progress figure: worth saving, not worth stopping an encode for while the database is away (a
   * failed write here once ended the run, and ffmpeg with it).
   */
  private void bestEffort(Uni<?> write) {
    try {
      await(write);
      progressUnsaved = false;
    } catch (RuntimeException e) {
      if (!progressUnsaved) {
        Log.warnf("Job %d: progress not saved (%s); the encode goes on", job.id(), e.getMessage());
        progressUnsaved = true;
      }
    }
  }

  /**
   * A change of the job's state: tried again every {@link #STATE_RETRY} until the database takes it
   * (it may be restarting), for up to {@link #STATE_RETRY_LIMIT}; the state catches up once it is
   * back.
   */
  private <T> T persist(Supplier<Uni<T>> write) {
    long since = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        T result = await(write.get());
        if (attempt > 1) {
          Log.infof("Job %d: its state is saved again", job.id());
        }
        return result;
      } catch (RuntimeException e) {
        if (System.nanoTime() - since > STATE_RETRY_LIMIT.toNanos()) {
          throw e;
        }
        if (attempt == 1) {
          Log.warnf(
              "Job %d: could not save its state (%s); trying again every %d s",
              job.id(), e.getMessage(), STATE_RETRY.toSeconds());
        }
        try {
          Thread.sleep(STATE_RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static <T> T await(Uni<T> write) {
    return write.await().atMost(Await.DATABASE);
  }
}
