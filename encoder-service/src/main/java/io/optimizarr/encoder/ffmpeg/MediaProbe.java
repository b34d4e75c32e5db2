package io.optimizarr.encoder.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Asks ffprobe what a file holds. Thread-safe; blocks while ffprobe runs. */
public final class MediaProbe {

  /** What ffprobe found: the duration where it knows one, and each stream's type and codec. */
  public record Media(Double durationSeconds, List<Stream> streams) {

    public record Stream(String codecType, String codecName) {}

    public boolean hasVideo() {
      return streams.stream().anyMatch(s -> "video".equals(s.codecType()));
    }

    public Optional<String> videoCodec() {
      return streams.stream()
          .filter(s -> "video".equals(s.codecType()))
          .map(Stream::codecName)
          .findFirst();
    }
  }

  /** ffprobe could not read the file; the message has ffprobe's own words. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String ffprobe;

  public MediaProbe(String ffprobe) {
    this.ffprobe = ffprobe;
  }

  public Media probe(Path file) throws Unreadable {
    try {
      Process process =
          new ProcessBuilder(
                  ffprobe,
                  "-v",
                  "error",
                  "-print_format",
                  "json",
                  "-show_entries",
                  "format=duration:stream=codec_name,codec_type",
                  file.toString())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new Unreadable("ffprobe took more than 60 s on " + file);
      }
      if (process.exitValue() != 0) {
        throw new Unreadable("ffprobe cannot read " + file + ": " + err.strip());
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Unreadable("ffprobe could not run (" + ffprobe + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreadable("interrupted while probing " + file);
    }
  }

  /** Parses ffprobe's JSON ({@code -print_format json}). */
  public static Media parse(String json) throws Unreadable {
    try {
      JsonNode root = JSON.readTree(json);
      var streams = new ArrayList<Media.Stream>();
      for (JsonNode s : root.path("streams")) {
        streams.add(
            new Media.Stream(s.path("codec_type").asText(null), s.path("codec_name").asText(null)));
      }
      JsonNode duration = root.path("format").path("duration");
      Double seconds =
          duration.isMissingNode() || duration.isNull() ? null : parseDouble(duration.asText());
      return new Media(seconds, streams);
    } catch (IOException e) {
      throw new Unreadable("ffprobe wrote something that is not JSON: " + e.getMessage());
    }
  }

  /**
   * Why an encode's output does not stand for its input, or empty when it does: it must have video
   * where the input has, and a duration within 1 s or 1 % of the input's, whichever is larger.
   */
  public static Optional<String> outputProblem(Media input, Media output) {
    if (input.hasVideo() && !output.hasVideo()) {
      return Optional.of("the output has no video stream");
    }
    if (input.durationSeconds() == null) {
      return Optional.empty();
    }
    if (output.durationSeconds() == null) {
      return Optional.of("the output has no duration");
    }
    double allowed = Math.max(1.0, input.durationSeconds() * 0.01);
    double difference = Math.abs(input.durationSeconds() - output.durationSeconds());
    if (difference > allowed) {
      return Optional.of(
          String.format(
              "the output lasts %.2f s, the input %.2f s",
              output.durationSeconds(), input.durationSeconds()));
    }
    return Optional.empty();
  }

  private static Double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
