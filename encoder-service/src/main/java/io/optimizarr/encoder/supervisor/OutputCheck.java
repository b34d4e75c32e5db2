package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.queue.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What a finished encode's temporary file must pass before it takes the target's place: ffprobe
 * reads it and its duration matches the input's; it is smaller than the input where the profile
 * discards larger outputs. Then it is renamed into place, atomically, and without replacing
 * anything that appeared at the target meanwhile (unless the job overwrites).
 */
final class OutputCheck {

  private final MediaProbe probe;

  OutputCheck(MediaProbe probe) {
    this.probe = probe;
  }

  /**
   * Why the output is not to be kept, as the job's outcome; empty when it is put in place.
   *
   * @param stderr what ffmpeg wrote to standard error, kept with a failed check
   */
  Optional<Outcome> keepOrRefuse(
      EncodeRun.Job job, MediaProbe.Media input, Path temporary, String stderr) {
    Optional<String> problem;
    try {
      problem = MediaProbe.outputProblem(input, probe.probe(temporary));
    } catch (MediaProbe.Unreadable e) {
      problem = Optional.of(e.getMessage());
    }
    if (problem.isPresent()) {
      return Optional.of(
          new Outcome.Failed("the output failed its check: " + problem.get(), stderr));
    }
    Optional<String> larger =
        job.discardLargerOutput() ? largerThanInput(job, temporary) : Optional.empty();
    if (larger.isPresent()) {
      return Optional.of(
          new Outcome.Skipped(larger.get(), "the output was discarded, the input kept"));
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
      return Optional.of(
          new Outcome.Failed("the output could not be put in place", e.getMessage()));
    }
    return Optional.empty();
  }

  private static Optional<String> largerThanInput(EncodeRun.Job job, Path temporary) {
    try {
      long output = Files.size(temporary);
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
}
