package io.optimizarr.encoder.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The causes of a governor's pause that may release a segmented encode instead of stopping it
 * (issue 19): its ffmpeg is ended at once, freeing its memory, VRAM and encoder sessions, and the
 * chunk it was in is encoded again on resume. A stop (SIGSTOP) keeps all of that, and is the pause
 * for the others: CPU load and temperatures, which come and go in seconds, and a silent monitor.
 */
public enum ReleaseCause {
  /** Other programs' memory over its threshold: a stopped encode frees none of its own. */
  MEMORY,
  /** Another program's GPU or encoder use: a stopped encode keeps its VRAM and NVENC session. */
  GPU,
  /** No encoding window open: closed windows last hours. */
  WINDOW;

  /** Every cause: the default. */
  public static final Set<ReleaseCause> ALL = EnumSet.allOf(ReleaseCause.class);

  /** Its name in the API and the database: {@code memory}, {@code gpu}, {@code window}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReleaseCause> named(String name) {
    String given = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.wire().equals(given)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ReleaseCause::wire).toList();
  }

  /** As stored: the names joined by commas, in order; empty for none. */
  static String stored(Set<ReleaseCause> causes) {
    return causes.stream().sorted().map(ReleaseCause::wire).collect(Collectors.joining(","));
  }

  /** From storage; names it does not know are left out. */
  static Set<ReleaseCause> parse(String stored) {
    var causes = EnumSet.noneOf(ReleaseCause.class);
    for (String name : stored == null ? new String[0] : stored.split(",")) {
      named(name).ifPresent(causes::add);
    }
    return causes;
  }
}
