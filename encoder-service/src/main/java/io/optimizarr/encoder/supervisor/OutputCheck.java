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
   * The job's outcome: completed, with the sizes of input and output, once the output is in place;
   * else why it is not kept.
   *
   * @param stderr what ffmpeg wrote to standard error, kept with a failed check
   */
  Outcome keepOrRefuse(EncodeRun.Job job, MediaProbe.Media input, Path temporary, String stderr) {
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
}
