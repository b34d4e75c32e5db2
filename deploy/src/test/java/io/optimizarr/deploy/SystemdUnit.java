package io.optimizarr.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit file (or an environment file) read as systemd reads it, for the checks of what its
 * settings say: sections of {@code Key=value} lines, a key given several times keeping every value
 * in order, comments and blank lines skipped.
 */
record SystemdUnit(Path file, Map<String, Map<String, List<String>>> sections) {

  /** The section of an environment file, which has none. */
  static final String NO_SECTION = "";

  static SystemdUnit read(Path file) throws IOException {
    var sections = new LinkedHashMap<String, Map<String, List<String>>>();
    String section = NO_SECTION;
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(file + ": not a Key=value line: " + line);
      }
      sections
          .computeIfAbsent(section, s -> new LinkedHashMap<>())
          .computeIfAbsent(line.substring(0, equals).strip(), k -> new ArrayList<>())
          .add(line.substring(equals + 1).strip());
    }
    return new SystemdUnit(file, sections);
  }

  /** Every value of {@code key} in {@code section}, in the file's order. */
  List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The value that counts: the last one given. */
  Optional<String> value(String section, String key) {
    List<String> values = values(section, key);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  /** An environment file's assignments, or a unit's {@code Environment=} ones, name to value. */
  Map<String, String> environment() {
    var assignments = new LinkedHashMap<String, String>();
    sections
        .getOrDefault(NO_SECTION, Map.of())
        .forEach((name, values) -> assignments.put(name, values.get(values.size() - 1)));
    for (String line : values("Service", "Environment")) {
      for (String assignment : line.split("\\s+")) {
        int equals = assignment.indexOf('=');
        assignments.put(assignment.substring(0, equals), assignment.substring(equals + 1));
      }
    }
    return assignments;
  }
}
