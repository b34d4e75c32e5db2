package io.optimizarr.encoder.schedule;

import io.optimizarr.encoder.api.FieldRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What a schedule may say. Pure; gives every problem at once, each under its field's path. */
public final class ScheduleRules {

  static final int MAX_WINDOWS = 50;
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  private ScheduleRules() {}

  public static Map<String, String> problems(ScheduleInput in) {
    var problems = new LinkedHashMap<String, String>();
    if (in.windows() == null) {
      problems.put("windows", "windows is required (an empty list encodes at any time)");
    } else if (in.windows().size() > MAX_WINDOWS) {
      problems.put("windows", "at most " + MAX_WINDOWS + " windows");
    } else {
      for (int i = 0; i < in.windows().size(); i++) {
        window(problems, "windows[" + i + "]", in.windows().get(i));
      }
    }
    FieldRules.oneOf(problems, "outsideWindow", in.outsideWindow(), "PAUSE", "FINISH_CURRENT");
    var idle = in.idle();
    if (idle == null) {
      problems.put(
          "idle", "idle is required (with enabled false to judge by one set of thresholds)");
      return problems;
    }
    FieldRules.flag(problems, "idle.enabled", idle.enabled());
    FieldRules.range(problems, "idle.cpuBelow", idle.cpuBelow(), 1, 100);
    FieldRules.range(problems, "idle.afterMinutes", idle.afterMinutes(), 1, 1440);
    FieldRules.range(problems, "idle.inUseAfterSeconds", idle.inUseAfterSeconds(), 1, 3600);
    FieldRules.range(problems, "idle.cpuThreshold", idle.cpuThreshold(), 50, 100);
    FieldRules.range(problems, "idle.memoryThreshold", idle.memoryThreshold(), 50, 100);
    FieldRules.range(problems, "idle.gpuThreshold", idle.gpuThreshold(), 50, 100);
    return problems;
  }

  private static void window(
      Map<String, String> problems, String path, ScheduleInput.WindowInput w) {
    if (w == null) {
      problems.put(path, path + " is empty");
      return;
    }
    if (w.days() == null || w.days().isEmpty()) {
      problems.put(path + ".days", path + ".days needs at least one day (MON to SUN)");
    } else {
      for (String day : w.days()) {
        try {
          ScheduleStore.day(day == null ? "" : day);
        } catch (IllegalArgumentException e) {
          problems.put(path + ".days", path + ".days: '" + day + "' is not MON to SUN");
        }
      }
    }
    for (var time :
        Map.of("start", nullToEmpty(w.start()), "end", nullToEmpty(w.end())).entrySet()) {
      if (!TIME.matcher(time.getValue().trim()).matches()) {
        problems.put(
            path + "." + time.getKey(),
            path + "." + time.getKey() + " must be a time HH:mm from 00:00 to 23:59");
      }
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
