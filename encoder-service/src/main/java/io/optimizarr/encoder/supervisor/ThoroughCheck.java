package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.InputRestrictions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The thorough check of an output: ffmpeg decodes all of its video and audio ({@code -f null}) at
 * the job's priority and cores, as the job's process (so the governor and the admin pause, resume
 * and cancel it as they would the encode), and any decode error fails it. Killed when it has run
 * longer than its limit, paused time not counted.
 */
final class ThoroughCheck {

  private final String ffmpeg;

  ThoroughCheck(String ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  /** The decode's arguments: errors only, the first one ends it. */
  static List<String> arguments(Path output) {
    var args = new ArrayList<String>(List.of("-hide_banner", "-nostdin", "-v", "error", "-xerror"));
    args.addAll(InputRestrictions.options());
    args.addAll(
        List.of("-i", output.toString(), "-map", "0:V?", "-map", "0:a?", "-f", "null", "-"));
    return args;
  }

  /**
   * Why the output does not decode cleanly, or empty when it does (or when the job was cancelled or
   * the service shut down meanwhile, which {@code running} tells).
   *
   * @param limit how long the decode may run before it is stopped and the check fails
   */
  Optional<String> problem(Path output, RunningEncode running, Duration limit)
      throws InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(
                  FfmpegCommand.forThisHost(
                      ffmpeg, arguments(output), running.priority(), running.cgroup()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return Optional.of("the thorough check could not start ffmpeg: " + e.getMessage());
    }
    running.attach(process);
    var errors = new StderrTail(process.getErrorStream(), "optimizarr-thorough-" + process.pid());
    try {
      long ranMillis = 0;
      while (!process.waitFor(1, TimeUnit.SECONDS)) {
        ranMillis += running.isPaused() ? 0 : 1_000;
        if (ranMillis > limit.toMillis()) {
          return Optional.of(
              "the thorough check took more than " + limit.toSeconds() + " s; stopped");
        }
      }
      if (running.endRequested()) {
        return Optional.empty();
      }
      String said = errors.text().strip();
      if (process.exitValue() != 0 || !said.isEmpty()) {
        return Optional.of(
            "the thorough check found decode errors"
                + (said.isEmpty() ? " (ffmpeg exited " + process.exitValue() + ")" : ": " + said));
      }
      return Optional.empty();
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
