package io.optimizarr.encoder.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
  private final Duration timeout;

  /**
   * @param timeout how long ffprobe may take on one file before it is killed: an input that never
   *     ends (a FIFO put in a file's place) must not hold an encode slot or a scan
   */
  public MediaProbe(String ffprobe, Duration timeout) {
    this.ffprobe = ffprobe;
    this.timeout = timeout;
  }

  public Media probe(Path file) throws Unreadable {
    var command = new ArrayList<String>(List.of(ffprobe, "-v", "error"));
    command.addAll(InputRestrictions.options());
    command.addAll(
        List.of(
            "-print_format",
            "json",
            "-show_entries",
            "format=duration:stream=codec_name,codec_type",
            file.toString()));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new Unreadable("ffprobe could not run (" + ffprobe + "): " + e.getMessage());
    }
    // Both outputs are read at once, so neither can fill its pipe and stall ffprobe.
    CompletableFuture<byte[]> out = readAll(process.getInputStream(), "optimizarr-ffprobe-out");
    CompletableFuture<byte[]> err = readAll(process.getErrorStream(), "optimizarr-ffprobe-err");
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new Unreadable(
            "ffprobe took more than " + timeout.toSeconds() + " s on " + file + "; stopped");
      }
      String errors = new String(err.get(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new Unreadable("ffprobe cannot read " + file + ": " + errors.strip());
      }
      return parse(new String(out.get(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreadable("interrupted while probing " + file);
    } catch (ExecutionException e) {
      throw new Unreadable("ffprobe's output could not be read: " + e.getCause().getMessage());
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static CompletableFuture<byte[]> readAll(InputStream stream, String name) {
    var result = new CompletableFuture<byte[]>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                result.complete(stream.readAllBytes());
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    return result;
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
