package io.optimizarr.monitor.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reading a GPU's sysfs files, for the probes that read them (AMD's, Intel's): a missing or
 * unreadable file, or one that holds no number, is a null figure, never an error.
 */
final class SysfsFiles {

  private SysfsFiles() {}

  /** The first {@code hwmon/hwmonN} folder of a PCI device, where the driver has one. */
  static Optional<Path> hwmon(Path device) {
    Path dir = device.resolve("hwmon");
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("hwmon"))
          .sorted()
          .findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** Puts {@code file}'s content, trimmed, under {@code key} where it can be read. */
  static void putIfReadable(Map<String, String> files, String key, Path file) {
    String content = read(file);
    if (content != null) {
      files.put(key, content);
    }
  }

  /** A file's content, trimmed; null where it cannot be read. */
  static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  static String trimmed(String text) {
    return text == null ? null : text.trim();
  }

  /** A whole number; null for none or for text that is not one. */
  static Long number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
