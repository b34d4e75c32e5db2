package io.optimizarr.encoder.settings;

import java.util.EnumSet;
import java.util.Set;

/**
 * How an encoder node treats the machine: thresholds on foreign load (percent), the priority and
 * cores of its encodes, the governor's hysteresis, and what to do when the monitor falls silent.
 *
 * @param cpuAffinity a cpulist such as {@code 0-3,6}; empty for every core
 * @param onMonitorLost {@code PAUSE} or {@code CONTINUE}
 * @param priorityMode how encodes yield the CPU; the nice level applies in {@link
 *     PriorityMode#NICE} only
 * @param ignoreBatchLoad whether other programs' batch work (idle class or nice 15+) is left out of
 *     foreign CPU: it yields to everything, so it is spare capacity, not a foreground
 * @param releasePauseOn the causes of a governor's pause that release a segmented encode (its
 *     ffmpeg ended, the chunk encoded again on resume) rather than stop it
 */
public record ResourceSettings(
    int cpuThreshold,
    int memoryThreshold,
    int gpuThreshold,
    int niceLevel,
    String cpuAffinity,
    boolean enableThrottling,
    int resumeMargin,
    int pauseAfterSamples,
    int resumeAfterSamples,
    int cpuTemperatureLimit,
    int gpuTemperatureLimit,
    String onMonitorLost,
    int staleAfterSeconds,
    int maxConcurrentJobs,
    PriorityMode priorityMode,
    boolean ignoreBatchLoad,
    Set<ReleaseCause> releasePauseOn) {

  public ResourceSettings {
    releasePauseOn =
        releasePauseOn.isEmpty()
            ? EnumSet.noneOf(ReleaseCause.class)
            : EnumSet.copyOf(releasePauseOn);
  }
}
