package io.optimizarr.encoder.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.ffmpeg.EncodeSettings;
import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.Pictures;
import io.optimizarr.encoder.ffmpeg.SegmentPlan;
import io.optimizarr.encoder.ffmpeg.StreamDecision;
import io.optimizarr.encoder.ffmpeg.StreamPlan;
import io.optimizarr.encoder.ffmpeg.StreamPlanner;
import io.optimizarr.encoder.ffmpeg.StreamRules;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.media.PathProblem;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.queue.JobChunks;
import io.optimizarr.encoder.queue.JobFinished;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.encoder.queue.OutputMode;
import io.quarkus.logging.Log;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one claimed job to its end on the calling thread: check its paths again, probe the input,
 * decide its {@link StreamPlan} (stored on the job; a refused plan fails it before ffmpeg starts),
 * start ffmpeg into a temporary file in a private folder beside the target ({@link WorkFolder},
 * {@link FfmpegCommand}), follow its progress ({@link ProgressFollower}), check the output and put
 * it in place ({@link OutputCheck}); a long film is encoded in chunks instead and joined into the
 * same temporary file ({@link SegmentedEncode}). Before each stage it looks whether it was asked to
 * end (a cancel, a shutdown, its claim superseded), so a cancel before ffmpeg's start never starts
 * it; every write is conditioned on its claim, and a write that finds the claim superseded ends the
 * run's own encode. Whatever happens ends in one {@link Outcome}, recorded once and announced once.
 * The input is only ever read.
 */
final class EncodeRun {

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
      boolean discardLargerOutput,
      StreamRules streamRules,
      boolean thoroughCheck,
      OutputMode outputMode,
      int recycleDays,
      Integer minSavingsPercent,
      SegmentedEncode.Settings segmenting) {}

  private static final ObjectMapper PLAN_JSON = new ObjectMapper();
  private static final Duration PICTURE_LIMIT = Duration.ofSeconds(60);

  /** Reading every packet of a large file to cut it may take a while. */
  private static final Duration CUT_LIMIT = Duration.ofMinutes(10);

  private final Job job;
  private final RunningEncode running;
  private final JobQueue queue;
  private final MediaPaths paths;
  private final MediaProbe probe;
  private final String ffmpeg;
  private final LiveEvents live;
  private final Event<JobFinished> finished;
  private final JobWrites writes;
  private final Replacement replacement;
  private final JobChunks chunks;
  private final String node;
  private final Claim claim;
  private final long startedNanos = System.nanoTime();
  private WorkFolder work;
  private boolean ffmpegStarted;
  private Priority priority;
  private Double durationSeconds;

  EncodeRun(
      Job job,
      RunningEncode running,
      JobQueue queue,
      MediaPaths paths,
      MediaProbe probe,
      String ffmpeg,
      LiveEvents live,
      Event<JobFinished> finished,
      Replacement replacement,
      JobChunks chunks,
      String node) {
    this.job = job;
    this.running = running;
    this.queue = queue;
    this.paths = paths;
    this.probe = probe;
    this.ffmpeg = ffmpeg;
    this.live = live;
    this.finished = finished;
    this.writes = new JobWrites(job.id());
    this.replacement = replacement;
    this.chunks = chunks;
    this.node = node;
    this.claim = running.claim;
  }

  void run() {
    try {
      end(encode());
    } catch (InterruptedException e) {
      // Only a stopping service interrupts: the next start reconciles the job.
      Thread.currentThread().interrupt();
    } catch (Replacement.CutShort e) {
      Log.errorf(
          e,
          "Job %d: left REPLACING; the next start of this node completes or undoes it",
          job.id());
    } catch (IOException | RuntimeException e) {
      Log.errorf(e, "Job %d failed in the supervisor", job.id());
      end(new Outcome.Failed("the encode could not run", e.toString()));
    } finally {
      running.finished.complete(null);
    }
  }

  private Outcome encode() throws IOException, InterruptedException {
    Optional<Outcome> ended = ended("before its input was read");
    if (ended.isPresent()) {
      return ended.get();
    }
    Optional<String> moved = pathsMoved();
    if (moved.isPresent()) {
      return new Outcome.Failed("the input or output is not where it was queued", moved.get());
    }
    MediaProbe.Media input;
    try {
      input = probe.stoppedWhen(running::endRequested).probeForPlan(job.input());
    } catch (MediaProbe.Unreadable e) {
      ended = ended("while its input was probed");
      return ended.isPresent()
          ? ended.get()
          : new Outcome.Failed("the input cannot be read", e.getMessage());
    }
    durationSeconds = input.durationSeconds();
    Optional<String> pointless = alreadyInTargetCodec(input);
    if (pointless.isPresent()) {
      return new Outcome.Skipped(pointless.get(), "not encoded");
    }
    ended = ended("after its input was probed");
    if (ended.isPresent()) {
      return ended.get();
    }
    StreamPlan plan = StreamPlanner.plan(input, job.settings(), job.streamRules());
    String planJson = PLAN_JSON.writeValueAsString(plan);
    if (!writes.persist(() -> queue.planned(claim, planJson, plan.summary()))) {
      return superseded("when its stream plan was to be stored");
    }
    if (plan.refused().isPresent()) {
      return new Outcome.Failed(plan.refused().get(), "ffmpeg was not started");
    }
    work = WorkFolder.create(job.output(), claim);
    try {
      Pictures.takeOut(ffmpeg, job.input(), plan, work.folder, PICTURE_LIMIT);
    } catch (IOException e) {
      return new Outcome.Failed("a cover picture cannot be taken from the input", e.getMessage());
    }
    priority = running.priority();
    if (priority.warning().isPresent()) {
      Log.warnf("Job %d: %s", job.id(), priority.warning().get());
      if (!writes.persist(() -> queue.warned(claim, priority.warning().get()))) {
        return superseded("before ffmpeg started");
      }
    }
    Optional<SegmentedEncode.Film> film = cut(input, plan);
    Optional<ChunkStore> store = Optional.empty();
    if (film.isPresent()) {
      try {
        store = Optional.of(ChunkStore.open(job.output(), job.id()));
      } catch (ChunkStore.NotOurs e) {
        film = Optional.empty();
        onePass(e.getMessage());
      }
    }
    ended = ended("before ffmpeg started");
    if (ended.isPresent()) {
      return ended.get();
    }
    var follower = new ProgressFollower(running, queue, live, writes);
    String stderr;
    if (film.isPresent()) {
      var segmented =
          new SegmentedEncode(
              job,
              running,
              queue,
              chunks,
              probe.stoppedWhen(running::endRequested),
              follower,
              writes,
              node,
              this::start,
              this::ended);
      ended =
          segmented.encode(plan, film.get(), store.get(), work.temporary, input.durationSeconds());
      if (ended.isPresent()) {
        return ended.get();
      }
      stderr = segmented.stderr();
    } else {
      Process process = start(job.settings().arguments(job.input(), work.temporary, plan), true);
      var tail = new StderrTail(process.getErrorStream(), "optimizarr-stderr-" + job.id());
      follower.follow(process, input.durationSeconds());
      int exit = process.waitFor();
      ended = ended("while ffmpeg ran");
      if (ended.isPresent()) {
        return ended.get();
      }
      if (exit != 0) {
        return new Outcome.Failed("ffmpeg exited with status " + exit, tail.text());
      }
      stderr = tail.text();
    }
    return new OutputCheck(
            probe.stoppedWhen(running::endRequested),
            new ThoroughCheck(ffmpeg),
            checked -> writes.persist(() -> queue.checked(claim, checked)),
            replacement,
            writes,
            () -> stillOurs("before its output was put in place"))
        .keepOrRefuse(job, input, plan, running, work.temporary, stderr);
  }

  /**
   * Starts one ffmpeg of the run behind the wrappers that place it, attached to the run (so the
   * governor's pause and a cancel reach it); its pid on the job, and a timeline entry saying how it
   * was started when {@code announce}.
   */
  private Process start(List<String> arguments, boolean announce) throws IOException {
    Process process = FfmpegCommand.launch(ffmpeg, arguments, running);
    ffmpegStarted = true;
    String message =
        announce
            ? "ffmpeg pid "
                + process.pid()
                + " started "
                + priority.described()
                + " on cores "
                + priority.affinity().toCpuList()
            : null;
    if (!writes.persist(() -> queue.started(claim, process.pid(), durationSeconds, message))) {
      running.supersede();
    }
    // The wrappers set policy, nice and cores before ffmpeg's first thread; this covers hosts
    // without them.
    running.applyPriority();
    return process;
  }

  /**
   * How the film is cut, when the profile asks for chunks, the film is long enough and can be cut:
   * the plan's one encoded video stream, the input's first film, with packets whose times cut it in
   * two chunks or more. A film that should have been cut and cannot is encoded in one pass, and the
   * timeline says why.
   */
  private Optional<SegmentedEncode.Film> cut(MediaProbe.Media input, StreamPlan plan)
      throws IOException {
    SegmentedEncode.Settings segmenting = job.segmenting();
    Double duration = input.durationSeconds();
    if (!segmenting.on()
        || !job.settings().video().encodes()
        || duration == null
        || duration < segmenting.aboveSeconds()) {
      // Short, or remuxed with its video copied: nothing worth resuming.
      return Optional.empty();
    }
    Optional<StreamDecision> film = plan.segmentableFilm();
    Optional<String> why = Optional.empty();
    Optional<SegmentedEncode.Film> cut = Optional.empty();
    if (film.isEmpty()
        || input.firstFilm().map(f -> f.index() != film.get().index()).orElse(true)) {
      why = Optional.of("the plan does not encode exactly one video stream");
    } else {
      try {
        MediaProbe reader = probe.withTimeout(CUT_LIMIT).stoppedWhen(running::endRequested);
        Optional<SegmentPlan> plannedCut =
            SegmentPlan.of(reader.videoPackets(job.input()), segmenting.seconds());
        if (plannedCut.isEmpty()) {
          why = Optional.of("its video packets have no distinct presentation times to cut at");
        } else if (plannedCut.get().segments().size() < 2) {
          why = Optional.of("it has no keyframe to cut at");
        } else {
          double offset =
              plannedCut.get().segments().get(0).startSeconds() - reader.startSeconds(job.input());
          cut = Optional.of(new SegmentedEncode.Film(film.get(), plannedCut.get(), offset));
        }
      } catch (MediaProbe.Unreadable e) {
        why = Optional.of("its packets cannot be read (" + e.getMessage() + ")");
      }
    }
    why.ifPresent(this::onePass);
    return cut;
  }

  /** Says on the timeline why a film that should have been cut is encoded in one pass. */
  private void onePass(String why) {
    String message = "encoded in one pass, not in chunks: " + why;
    if (!writes.persist(() -> queue.segmented(claim, null, message))) {
      running.supersede();
    }
  }

  /**
   * How the run ends when something asked it to end before {@code stage}, or empty when nothing
   * did. A run taken from this node records nothing; a cancel before ffmpeg's start never starts
   * it.
   */
  private Optional<Outcome> ended(String stage) {
    if (running.superseded()) {
      return Optional.of(superseded(stage));
    }
    if (running.cancelRequested()) {
      return Optional.of(
          new Outcome.Cancelled(
              !ffmpegStarted
                  ? "cancelled " + stage + "; ffmpeg was not started"
                  : "cancelled " + stage + "; ffmpeg stopped and its temporary file removed"));
    }
    if (running.shutdownRequested()) {
      return Optional.of(new Outcome.Requeued("the service shut down; requeued", false));
    }
    return Optional.empty();
  }

  private Outcome.Superseded superseded(String stage) {
    running.supersede();
    return new Outcome.Superseded(
        "the job was taken from this node and claimed again, found " + stage);
  }

  /**
   * Whether the run may put its output in place: nothing asked it to end, and its claim still holds
   * in the database (the lease keeper checks every few seconds; this looks once more, last).
   */
  private Optional<Outcome> stillOurs(String stage) {
    Optional<Outcome> ended = ended(stage);
    if (ended.isPresent()) {
      return ended;
    }
    boolean held = writes.persist(() -> queue.stillHeld(List.of(claim))).contains(claim.jobId());
    return held ? Optional.empty() : Optional.of(superseded(stage));
  }

  /**
   * Why the job's paths no longer hold, if they do not: checked again as when it was queued, since
   * a folder may have been swapped for a link meanwhile, which must not take the encode outside the
   * roots.
   */
  private Optional<String> pathsMoved() {
    try {
      Path input = paths.input(job.input().toString());
      Path output =
          job.outputMode() == OutputMode.REPLACE
              ? paths.replacing(input, job.settings().container().extension())
              : paths.output(job.output().toString(), input, "", job.overwrite());
      if (!input.equals(job.input()) || !output.equals(job.output())) {
        return Optional.of(
            "they resolve to "
                + input
                + " and "
                + output
                + " now, not "
                + job.input()
                + " and "
                + job.output());
      }
      return Optional.empty();
    } catch (PathProblem e) {
      return Optional.of(e.getMessage());
    }
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

  /**
   * The one place a run's outcome is recorded: the work folder removed (with the temporary file,
   * unless it became the output), the job's row and timeline written, then everyone else told. A
   * run whose claim was superseded only removes its own files: the job is another run's.
   */
  private void end(Outcome outcome) {
    if (work != null) {
      work.remove();
    }
    if (!(outcome instanceof Outcome.Requeued) && !(outcome instanceof Outcome.Superseded)) {
      // The job is over here: its chunks' files go (their records stay, as its history), and a
      // later run of it, if any, starts over.
      ChunkStore.removeFor(job.output(), job.id());
    }
    if (job.segmenting().shared()) {
      // No node takes a chunk of this run's from now on.
      writes.bestEffort(chunks.withdraw(claim));
    }
    if (outcome instanceof Outcome.Superseded superseded) {
      Log.warnf(
          "Job %d: %s; this node ended its own encode and removed its files, and records nothing",
          job.id(), superseded.message());
      return;
    }
    JobStatus now = writes.persist(() -> queue.record(claim, outcome));
    if (now == null) {
      Log.warnf(
          "Job %d: its outcome (%s) is not recorded: the job no longer runs under this node's"
              + " claim",
          job.id(), outcome);
      return;
    }
    Duration ran = Duration.ofNanos(System.nanoTime() - startedNanos);
    try {
      var settings = job.settings();
      finished.fire(
          new JobFinished(
              job.id(),
              job.input(),
              job.output(),
              outcome,
              ran,
              settings.video().ffmpegName(),
              settings.video().hardware().takesDevice() ? settings.deviceOrDefault() : null));
    } catch (RuntimeException e) {
      Log.errorf(e, "Job %d: an observer of its outcome failed", job.id());
    }
  }
}
