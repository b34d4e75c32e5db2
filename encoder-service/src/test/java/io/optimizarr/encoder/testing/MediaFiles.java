package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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
}
