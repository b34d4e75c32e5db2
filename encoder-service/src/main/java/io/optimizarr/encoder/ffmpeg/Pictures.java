package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.process.ServiceProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes a plan's cover pictures out of the input as they are (stream copy, byte for byte) into the
 * run's private work folder, where the encode attaches them again ({@link StreamPlan#ATTACH}).
 */
public final class Pictures {

  private Pictures() {}

  /**
   * @throws IOException naming the picture and ffmpeg's words when one cannot be taken out
   */
  public static void takeOut(
      String ffmpeg, Path input, StreamPlan plan, Path folder, Duration limit)
      throws IOException, InterruptedException {
    for (StreamDecision picture : plan.pictures()) {
      var command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error"));
      command.addAll(InputRestrictions.options());
      command.addAll(
          List.of(
              "-i",
              input.toString(),
              "-map",
              "0:" + picture.index(),
              "-c",
              "copy",
              "-frames:v",
              "1",
              "-f",
              "image2",
              "-update",
              "1",
              StreamPlan.picture(folder, picture).toString()));
      Process process =
          ServiceProcesses.started(
              new ProcessBuilder(command)
                  .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                  .redirectErrorStream(true)
                  .start());
      try {
        // A picture is small: what ffmpeg says fits its pipe until it ends.
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IOException("taking out " + picture.name() + " took too long; stopped");
        }
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IOException("cannot take out " + picture.name() + ": " + said.strip());
        }
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
      }
    }
  }
}
