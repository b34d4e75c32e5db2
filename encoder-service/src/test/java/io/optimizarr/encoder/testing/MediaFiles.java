package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What tests check of media files (that an input is unchanged, that no partial file is left), and
 * clearing a folder of them.
 */
public final class MediaFiles {

  private MediaFiles() {}

  public static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes every file under {@code folder} an hour old, by the real clock and by {@link
   * MovableClock}, whichever is earlier: files that have long been there, past any settle time a
   * library scan gives a file being copied.
   */
  public static void ageTree(Path folder) throws IOException {
    Instant now = new MovableClock().instant();
    Instant old = (now.isBefore(Instant.now()) ? now : Instant.now()).minus(Duration.ofHours(1));
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.from(old));
      }
    }
  }

  /** Deletes {@code folder} and all below it, if it is there. */
  public static void deleteTree(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * What encodes left in a folder: work folders ({@code .optimizarr-…}), temporary files; not the
   * recycle folder where replaced originals are kept.
   */
  public static List<String> partials(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(MediaFiles::isPartial).toList();
    }
  }

  public static boolean isPartial(String name) {
    return (name.startsWith(".optimizarr-") && !name.equals(".optimizarr-recycle"))
        || name.endsWith(".part");
  }

  /**
   * Each decoded video frame's MD5, in presentation order: two files with equal lists show the same
   * pictures, frame for frame.
   */
  public static List<String> pictures(Path file) throws IOException, InterruptedException {
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-i",
                file.toString(),
                "-map",
                "0:v",
                "-f",
                "framemd5",
                "-")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> sums =
        new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
            .lines()
            .filter(l -> !l.startsWith("#"))
            .map(l -> l.substring(l.lastIndexOf(',') + 1).strip())
            .toList();
    if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
      throw new IllegalStateException("ffmpeg could not decode " + file);
    }
    return sums;
  }
}
