package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.PlanCheck;
import io.optimizarr.encoder.ffmpeg.StreamPlan;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.encoder.queue.OutputMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a finished encode's temporary file must pass before it takes the target's place: ffprobe
 * reads it and it holds what the stream plan promised ({@link PlanCheck}); where the job asks, it
 * decodes without an error ({@link ThoroughCheck}); it is smaller than the input where the profile
 * discards larger outputs, and smaller by the profile's {@code minSavingsPercent} where it has one.
 * Then it is renamed into place, atomically, and without replacing anything that appeared at the
 * target meanwhile (unless the job overwrites) — or, in replace mode, takes the input's place
 * through the journaled {@link Replacement}.
 */
final class OutputCheck {

  /** Counting frames reads all of input and output: more time than reading their headers. */
  private static final Duration COUNTING_LIMIT = Duration.ofMinutes(10);

  private final MediaProbe probe;
  private final ThoroughCheck thorough;
  private final Consumer<String> passed;
  private final Replacement replacement;
  private final JobWrites writes;
  private final Supplier<Optional<Outcome>> beforePlacing;

  /**
   * @param passed told, in words for the timeline, which checks the output passed
   * @param beforePlacing asked last, before the output is put in place: how the run ends instead,
   *     when it was asked to end or its claim no longer holds
   */
  OutputCheck(
      MediaProbe probe,
      ThoroughCheck thorough,
      Consumer<String> passed,
      Replacement replacement,
      JobWrites writes,
      Supplier<Optional<Outcome>> beforePlacing) {
    this.probe = probe.withTimeout(COUNTING_LIMIT);
    this.thorough = thorough;
    this.passed = passed;
    this.replacement = replacement;
    this.writes = writes;
    this.beforePlacing = beforePlacing;
  }

  /**
   * The job's outcome: completed, with the sizes of input and output, once the output is in place;
   * else why it is not kept.
   *
   * @param stderr what ffmpeg wrote to standard error, kept with a failed check
   */
  Outcome keepOrRefuse(
      EncodeRun.Job job,
      MediaProbe.Media input,
      StreamPlan plan,
      RunningEncode running,
      Path temporary,
      String stderr)
      throws InterruptedException {
    Optional<String> problem = planProblem(job, plan, temporary);
    if (problem.isEmpty() && job.thoroughCheck()) {
      problem = thorough.problem(temporary, running, thoroughLimit(input.durationSeconds()));
      if (running.superseded()) {
        return beforePlacing.get().orElseThrow();
      }
      if (running.cancelRequested()) {
        return new Outcome.Cancelled("the thorough check stopped and the output removed");
      }
      if (running.shutdownRequested()) {
        return new Outcome.Requeued("the service shut down; requeued", false);
      }
    }
    if (problem.isPresent()) {
      return new Outcome.Failed("the output failed its check: " + problem.get(), stderr);
    }
    passed.accept(
        "the output holds its stream plan ("
            + plan.output().size()
            + " streams, "
            + plan.chapters()
            + " chapters)"
            + (job.thoroughCheck() ? " and decodes in full without an error" : ""));
    long inputBytes;
    long outputBytes;
    try {
      inputBytes = Files.size(job.input());
      outputBytes = Files.size(temporary);
    } catch (IOException e) {
      return new Outcome.Failed("the sizes of input and output cannot be read", e.getMessage());
    }
    if (job.discardLargerOutput() && outputBytes > inputBytes) {
      return new Outcome.Skipped(
          String.format(
              "the output (%,d bytes) is larger than the input (%,d bytes)",
              outputBytes, inputBytes),
          "the output was discarded, the input kept");
    }
    Optional<String> tooLittle = savesTooLittle(inputBytes, outputBytes, job.minSavingsPercent());
    if (tooLittle.isPresent()) {
      return new Outcome.Skipped(tooLittle.get(), "the output was discarded, the input kept");
    }
    Optional<Outcome> ended = beforePlacing.get();
    if (ended.isPresent()) {
      return ended.get();
    }
    if (job.outputMode() == OutputMode.REPLACE) {
      return replacement.replace(job, running.claim, temporary, inputBytes, outputBytes, writes);
    }
    try {
      if (job.overwrite()) {
        // rename(2) replaces the name itself: a link there is replaced, never written through.
        Files.move(
            temporary,
            job.output(),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        NoReplaceMove.move(temporary, job.output());
      }
    } catch (IOException e) {
      return new Outcome.Failed("the output could not be put in place", e.getMessage());
    }
    return new Outcome.Completed(
        "output checked and written to " + job.output(), inputBytes, outputBytes);
  }

  /** What differs from the plan, or why the files cannot be compared with it. */
  private Optional<String> planProblem(EncodeRun.Job job, StreamPlan plan, Path temporary) {
    try {
      List<String> differences =
          PlanCheck.differences(
              plan, probe.probeCountingFrames(job.input()), probe.probeCountingFrames(temporary));
      return differences.isEmpty()
          ? Optional.empty()
          : Optional.of("it is not as planned: " + String.join("; ", differences));
    } catch (MediaProbe.Unreadable e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Decoding runs much faster than real time; three times the film's length is generous. */
  private static Duration thoroughLimit(Double seconds) {
    return Duration.ofSeconds(120 + Math.round(3 * (seconds == null ? 3600 : seconds)));
  }

  /**
   * Why an output of {@code outputBytes} saves too little of an input of {@code inputBytes}, where
   * the profile asks for {@code minPercent} (null: any saving will do).
   */
  static Optional<String> savesTooLittle(long inputBytes, long outputBytes, Integer minPercent) {
    if (minPercent == null || inputBytes <= 0) {
      return Optional.empty();
    }
    double saved = 100.0 * (inputBytes - outputBytes) / inputBytes;
    if (saved >= minPercent) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "the output (%,d bytes) saves %.1f%% of the input (%,d bytes), less than the"
                + " profile's minimum of %d%%",
            outputBytes, saved, inputBytes, minPercent));
  }
}
