package io.optimizarr.encoder.testing;

import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ReleaseCause;
import io.optimizarr.encoder.settings.ResourceSettings;

/** Resource settings at the design's defaults (docs/API.md), with the parts a test varies. */
public final class Settings {

  private Settings() {}

  /**
   * Thresholds 90/85/90, hysteresis 10 points, 2 hot and 5 cool samples, limits 90/85 °C, pause
   * when the monitor is silent 10 s, one encode at once, batch load ignored, releasing on every
   * cause.
   */
  public static ResourceSettings of(
      PriorityMode mode, int niceLevel, String cpuAffinity, boolean enableThrottling) {
    return new ResourceSettings(
        90,
        85,
        90,
        niceLevel,
        cpuAffinity,
        enableThrottling,
        10,
        2,
        5,
        90,
        85,
        "PAUSE",
        10,
        1,
        mode,
        true,
        ReleaseCause.ALL);
  }
}
