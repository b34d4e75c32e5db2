package io.optimizarr.encoder.settings;

import java.util.List;

/** The quick presets of the original product (docs/API.md): thresholds and nice level. */
public record Preset(
    String name, int cpuThreshold, int memoryThreshold, int gpuThreshold, int niceLevel) {

  public static final List<Preset> ALL =
      List.of(
          new Preset("Conservative", 70, 70, 75, 15),
          new Preset("Balanced", 85, 80, 85, 10),
          new Preset("Aggressive", 95, 90, 95, 5));
}
