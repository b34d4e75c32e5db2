package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this machine's ffmpeg says of an encoder ({@code ffmpeg -h encoder=NAME}) and of the options
 * every encoder takes ({@code ffmpeg -h full}, its {@code AVCodecContext AVOptions}): each option's
 * name, range and named values, and the pixel formats the encoder takes. Read from ffmpeg itself,
 * so an argument list checked against it is checked against ffmpeg's own option table.
 */
public final class EncoderHelp {

  /** One option: its range where ffmpeg gives one, and its named values. */
  public record Option(String name, Long min, Long max, Set<String> constants) {
    public boolean allows(long value) {
      return (min == null || value >= min) && (max == null || value <= max);
    }
  }

  private static final Pattern OPTION = Pattern.compile("^  -(\\S+)\\s+<(\\w+)>\\s+\\S+(.*)$");
  private static final Pattern CONSTANT =
      Pattern.compile("^     (\\S+)\\s+-?\\d+\\s+[A-Z.]{6,}.*$");
  private static final Pattern RANGE = Pattern.compile("\\(from (\\S+) to (\\S+)\\)");

  private final Map<String, Option> options;
  private final List<String> pixelFormats;

  private EncoderHelp(Map<String, Option> options, List<String> pixelFormats) {
    this.options = options;
    this.pixelFormats = pixelFormats;
  }

  /** The encoder's help; empty where this ffmpeg has no such encoder. */
  public static Optional<EncoderHelp> encoder(String name)
      throws IOException, InterruptedException {
    String text = run("ffmpeg", "-hide_banner", "-h", "encoder=" + name);
    if (!text.startsWith("Encoder " + name)) {
      return Optional.empty();
    }
    var formats = new ArrayList<String>();
    for (String line : text.split("\n")) {
      if (line.trim().startsWith("Supported pixel formats:")) {
        formats.addAll(
            List.of(
                line.trim().substring("Supported pixel formats:".length()).trim().split("\\s+")));
      }
    }
    return Optional.of(new EncoderHelp(options(text), formats));
  }

  /** The options every encoder takes (AVCodecContext's). */
  public static EncoderHelp everyEncoder() throws IOException, InterruptedException {
    String text = run("ffmpeg", "-hide_banner", "-h", "full");
    int start = text.indexOf("AVCodecContext AVOptions:");
    int end = text.indexOf("\n\n", start);
    return new EncoderHelp(
        options(text.substring(start, end < 0 ? text.length() : end)), List.of());
  }

  public Optional<Option> option(String name) {
    return Optional.ofNullable(options.get(name.startsWith("-") ? name.substring(1) : name));
  }

  public List<String> pixelFormats() {
    return pixelFormats;
  }

  private static Map<String, Option> options(String text) {
    var found = new HashMap<String, Option>();
    String current = null;
    Long min = null;
    Long max = null;
    Set<String> constants = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      Matcher o = OPTION.matcher(line);
      Matcher c = CONSTANT.matcher(line);
      if (o.matches()) {
        if (current != null) {
          found.putIfAbsent(current, new Option(current, min, max, constants));
        }
        current = o.group(1);
        constants = new LinkedHashSet<>();
        Matcher r = RANGE.matcher(o.group(3));
        boolean ranged = r.find();
        min = ranged ? number(r.group(1)) : null;
        max = ranged ? number(r.group(2)) : null;
      } else if (c.matches() && current != null) {
        constants.add(c.group(1));
      }
    }
    if (current != null) {
      found.putIfAbsent(current, new Option(current, min, max, constants));
    }
    return found;
  }

  private static Long number(String text) {
    return switch (text) {
      case "INT_MIN", "I64_MIN" -> (long) Integer.MIN_VALUE;
      case "INT_MAX", "I64_MAX", "UINT32_MAX" -> (long) Integer.MAX_VALUE;
      default -> {
        try {
          yield (long) Double.parseDouble(text);
        } catch (NumberFormatException e) {
          yield null;
        }
      }
    };
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text;
  }
}
