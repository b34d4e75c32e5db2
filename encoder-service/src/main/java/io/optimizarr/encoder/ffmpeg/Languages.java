package io.optimizarr.encoder.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The ISO 639-2 language codes that stream tags and profiles use, with the bibliographic and
 * terminology codes of one language taken as the same ({@code fre} and {@code fra}). The list is
 * the resource {@code iso-639-2.txt}.
 */
public final class Languages {

  /** Every known code, bibliographic or terminology, to the terminology code of its language. */
  private static final Map<String, String> TERMINOLOGY = load();

  private Languages() {}

  public static boolean isKnown(String code) {
    return code != null && TERMINOLOGY.containsKey(code.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a stream's language tag says nothing: absent, empty, {@code und} (undetermined) or
   * {@code zxx} (no linguistic content).
   */
  public static boolean isUnstated(String tag) {
    return tag == null
        || tag.isBlank()
        || tag.equalsIgnoreCase("und")
        || tag.equalsIgnoreCase("zxx");
  }

  /** Whether two codes name one language ({@code ger} and {@code deu} do). */
  public static boolean same(String a, String b) {
    return a != null && b != null && Objects.equals(canonical(a), canonical(b));
  }

  private static String canonical(String code) {
    String lower = code.toLowerCase(Locale.ROOT);
    return TERMINOLOGY.getOrDefault(lower, lower);
  }

  private static Map<String, String> load() {
    var codes = new HashMap<String, String>();
    try (var lines =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    Languages.class.getResourceAsStream("/iso-639-2.txt"), "iso-639-2.txt"),
                StandardCharsets.UTF_8))) {
      lines
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(
              line -> {
                String[] both = line.trim().split(" ");
                String terminology = both[both.length - 1];
                for (String code : both) {
                  codes.put(code, terminology);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(codes);
  }
}
