package io.optimizarr.encoder.settings;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Resource settings as clients send them: every field is required, so none is boxed away — except
 * the two added later, which take their defaults where a client leaves them out, so clients written
 * before them keep working: {@code priorityMode} ({@link PriorityMode#IDLE}), {@code
 * ignoreBatchLoad} (true) and {@code releasePauseOn} (every {@link ReleaseCause}).
 */
public record SettingsInput(
    Integer cpuThreshold,
    Integer memoryThreshold,
    Integer gpuThreshold,
    Integer niceLevel,
    String cpuAffinity,
    Boolean enableThrottling,
    Integer resumeMargin,
    Integer pauseAfterSamples,
    Integer resumeAfterSamples,
    Integer cpuTemperatureLimit,
    Integer gpuTemperatureLimit,
    String onMonitorLost,
    Integer staleAfterSeconds,
    Integer maxConcurrentJobs,
    String priorityMode,
    Boolean ignoreBatchLoad,
    List<String> releasePauseOn) {

  /** The settings this input stands for; call only once {@link SettingsRules} found no problem. */
  ResourceSettings toSettings() {
    return new ResourceSettings(
        cpuThreshold,
        memoryThreshold,
        gpuThreshold,
        niceLevel,
        cpuAffinity == null ? "" : cpuAffinity.trim(),
        enableThrottling,
        resumeMargin,
        pauseAfterSamples,
        resumeAfterSamples,
        cpuTemperatureLimit,
        gpuTemperatureLimit,
        onMonitorLost.trim().toUpperCase(),
        staleAfterSeconds,
        maxConcurrentJobs,
        priorityMode == null ? PriorityMode.IDLE : PriorityMode.named(priorityMode).orElseThrow(),
        ignoreBatchLoad == null || ignoreBatchLoad,
        releasePauseOn == null
            ? ReleaseCause.ALL
            : releasePauseOn.stream()
                .map(name -> ReleaseCause.named(name).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReleaseCause.class))));
  }
}
