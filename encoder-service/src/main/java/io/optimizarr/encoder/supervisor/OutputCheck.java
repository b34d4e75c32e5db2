package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.encoder.queue.OutputMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What a finished encode's temporary file must pass before it takes the target's place: ffprobe
 * reads it and its duration matches the input's; it is smaller than the input where the profile
 * discards larger outputs, and smaller by the profile's {@code minSavingsPercent} where it has one.
 * Then it is renamed into place, atomically, and without replacing anything that appeared at the
 * target meanwhile (unless the job overwrites) — or, in replace mode, takes the input's place
 * through the journaled {@link Replacement}.
 */
final class OutputCheck {

  private final MediaProbe probe;
  private final Replacement replacement;
  private final JobWrites writes;

  OutputCheck(MediaProbe probe, Replacement replacement, JobWrites writes) {
    this.probe = probe;
    this.replacement = replacement;
    this.writes = writes;
  }

  /**
   * The job's outcome: completed, with the sizes of input and output, once the output is in place;
   * else why it is not kept.
   *
   * @param stderr what ffmpeg wrote to standard error, kept with a failed check
   */
  Outcome keepOrRefuse(EncodeRun.Job job, MediaProbe.Media input, Path temporary, String stderr)
      throws InterruptedException {
    Optional<String> problem;
    try {
      problem = MediaProbe.outputProblem(input, probe.probe(temporary));
    } catch (MediaProbe.Unreadable e) {
      problem = Optional.of(e.getMessage());
    }
    if (problem.isPresent()) {
      return new Outcome.Failed("the output failed its check: " + problem.get(), stderr);
    }
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
    if (job.outputMode() == OutputMode.REPLACE) {
      return replacement.replace(job, temporary, inputBytes, outputBytes, writes);
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
