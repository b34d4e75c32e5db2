package io.optimizarr.encoder.settings;

import io.optimizarr.encoder.api.FieldRules;
import io.optimizarr.encoder.process.CpuAffinity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What resource settings may say (docs/API.md, settings). Pure; gives every problem at once. */
public final class SettingsRules {

  private SettingsRules() {}

  public static Map<String, String> problems(SettingsInput in, int hostCores) {
    var problems = new LinkedHashMap<String, String>();
    FieldRules.range(problems, "cpuThreshold", in.cpuThreshold(), 50, 100);
    FieldRules.range(problems, "memoryThreshold", in.memoryThreshold(), 50, 100);
    FieldRules.range(problems, "gpuThreshold", in.gpuThreshold(), 50, 100);
    FieldRules.range(problems, "niceLevel", in.niceLevel(), 0, 19);
    if (in.cpuAffinity() != null && !in.cpuAffinity().isBlank()) {
      CpuAffinity.problem(in.cpuAffinity(), hostCores)
          .ifPresent(p -> problems.put("cpuAffinity", "cpuAffinity: " + p));
    }
    FieldRules.flag(problems, "enableThrottling", in.enableThrottling());
    FieldRules.range(problems, "resumeMargin", in.resumeMargin(), 1, 40);
    FieldRules.range(problems, "pauseAfterSamples", in.pauseAfterSamples(), 1, 60);
    FieldRules.range(problems, "resumeAfterSamples", in.resumeAfterSamples(), 1, 300);
    FieldRules.range(problems, "cpuTemperatureLimit", in.cpuTemperatureLimit(), 40, 110);
    FieldRules.range(problems, "gpuTemperatureLimit", in.gpuTemperatureLimit(), 40, 110);
    FieldRules.oneOf(problems, "onMonitorLost", in.onMonitorLost(), "PAUSE", "CONTINUE");
    FieldRules.range(problems, "staleAfterSeconds", in.staleAfterSeconds(), 2, 600);
    FieldRules.range(problems, "maxConcurrentJobs", in.maxConcurrentJobs(), 0, 64);
    if (in.priorityMode() != null) {
      FieldRules.oneOf(
          problems,
          "priorityMode",
          in.priorityMode(),
          Arrays.stream(PriorityMode.values()).map(Enum::name).toArray(String[]::new));
    }
    if (in.releasePauseOn() != null
        && in.releasePauseOn().stream().anyMatch(c -> ReleaseCause.named(c).isEmpty())) {
      problems.put(
          "releasePauseOn",
          "releasePauseOn must list causes among "
              + ReleaseCause.wireNames()
              + " (an empty list: every pause stops the encode)");
    }
    return problems;
  }
}
