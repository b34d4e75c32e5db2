package io.optimizarr.encoder.ffmpeg;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ffmpeg's {@code -progress pipe:1} output line by line and yields a {@link Progress} at the
 * end of each block ({@code progress=continue} or {@code progress=end}). Tolerates ffmpeg's traps:
 * {@code out_time_ms} holds microseconds, {@code speed} and {@code bitrate} carry leading spaces,
 * and {@code N/A} appears early. Not thread-safe: one parser per process.
 */
public final class ProgressParser {

  private final Map<String, String> block = new HashMap<>();

  /** Takes one line; gives the block's progress when the line ends a block. */
  public Optional<Progress> accept(String line) {
    int eq = line.indexOf('=');
    if (eq <= 0) {
      return Optional.empty();
    }
    String key = line.substring(0, eq).trim();
    String value = line.substring(eq + 1).trim();
    if (!key.equals("progress")) {
      block.put(key, value);
      return Optional.empty();
    }
    var progress =
        new Progress(
            longOr(block.get("frame"), 0),
            outTimeMicros(),
            number(block.get("fps")),
            speed(block.get("speed")),
            value.equals("end"));
    block.clear();
    return Optional.of(progress);
  }

  private long outTimeMicros() {
    // out_time_us where ffmpeg has it; out_time_ms is the same figure (microseconds) in older ones.
    long micros = longOr(block.get("out_time_us"), -1);
    if (micros < 0) {
      micros = longOr(block.get("out_time_ms"), -1);
    }
    return Math.max(0, micros);
  }

  private static Double speed(String text) {
    if (text == null || !text.endsWith("x")) {
      return number(text);
    }
    return number(text.substring(0, text.length() - 1));
  }

  private static Double number(String text) {
    if (text == null || text.isEmpty() || text.equals("N/A")) {
      return null;
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static long longOr(String text, long fallback) {
    Double value = number(text);
    return value == null ? fallback : value.longValue();
  }
}
