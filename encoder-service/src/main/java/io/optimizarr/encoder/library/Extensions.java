package io.optimizarr.encoder.library;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The file extensions a scan takes, without dots, in lower case. Pure. */
final class Extensions {

  static final List<String> DEFAULT =
      List.of("mkv", "mp4", "m4v", "avi", "mov", "wmv", "flv", "webm", "ts", "m2ts", "mpg", "mpeg");
  static final int MAX = 50;
  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

  private Extensions() {}

  /** The list as given, cleaned ({@code .MKV} → {@code mkv}), or why it cannot be. */
  static List<String> clean(List<String> raw) {
    var clean = new LinkedHashSet<String>();
    for (String e : raw) {
      String x = e == null ? "" : e.trim().toLowerCase(Locale.ROOT);
      x = x.startsWith(".") ? x.substring(1) : x;
      if (!EXTENSION.matcher(x).matches()) {
        throw new IllegalArgumentException(
            "'" + e + "' is not a file extension (letters and digits, up to 10)");
      }
      clean.add(x);
    }
    return List.copyOf(clean);
  }

  static Optional<String> problem(List<String> raw) {
    if (raw.isEmpty() || raw.size() > MAX) {
      return Optional.of("extensions needs from 1 to " + MAX + " extensions");
    }
    try {
      clean(raw);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("extensions: " + e.getMessage());
    }
  }

  /** Whether a file's name ends with one of {@code extensions} (case aside). */
  static boolean matches(Path file, List<String> extensions) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
