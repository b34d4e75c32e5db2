package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.settings.ResourceSettings;

/**
 * The limits one gate judges by: the node's settings (or the idle thresholds while the machine is
 * idle), or a profile's overrides of its thresholds.
 */
public record Limits(
    int cpuThreshold,
    int memoryThreshold,
    int gpuThreshold,
    int resumeMargin,
    int pauseAfterSamples,
    int resumeAfterSamples,
    int cpuTemperatureLimit,
    int gpuTemperatureLimit) {

  /** Temperatures cool again 5 °C under their limit. */
  static final int TEMPERATURE_MARGIN = 5;

  static Limits of(ResourceSettings s, Integer cpu, Integer memory, Integer gpu) {
    return new Limits(
        cpu != null ? cpu : s.cpuThreshold(),
        memory != null ? memory : s.memoryThreshold(),
        gpu != null ? gpu : s.gpuThreshold(),
        s.resumeMargin(),
        s.pauseAfterSamples(),
        s.resumeAfterSamples(),
        s.cpuTemperatureLimit(),
        s.gpuTemperatureLimit());
  }
}
