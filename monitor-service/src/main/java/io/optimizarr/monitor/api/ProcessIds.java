package io.optimizarr.monitor.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Process ids from {@code pid} query parameters, repeated or comma-separated. */
final class ProcessIds {

  static final int MAX_PIDS = 256;

  private ProcessIds() {}

  static List<Long> parse(List<String> values, boolean required) {
    var pids = new LinkedHashSet<Long>();
    for (String value : values == null ? List.<String>of() : values) {
      for (String part : value.split(",")) {
        pids.add(parseOne(part.trim()));
      }
    }
    if (required && pids.isEmpty()) {
      throw ProblemException.badRequest("pid", "pid is required, e.g. ?pid=1234");
    }
    if (pids.size() > MAX_PIDS) {
      throw ProblemException.badRequest(
          "pid", "at most " + MAX_PIDS + " pids may be asked at once");
    }
    return new ArrayList<>(pids);
  }

  private static long parseOne(String text) {
    try {
      long pid = Long.parseLong(text);
      if (pid > 0 && pid <= Integer.MAX_VALUE) {
        return pid;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw ProblemException.badRequest(
        "pid", "pid '" + text + "' is not a process id (a positive whole number)");
  }
}
