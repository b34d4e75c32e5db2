package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.settings.ResourceSettings;

/**
 * The nice level and cores an encode runs at: the profile's overrides, else the node's settings.
 */
record Priority(int niceLevel, CpuAffinity affinity) {

  static Priority of(ResourceSettings settings, Integer niceOverride, String affinityOverride) {
    int nice = niceOverride != null ? niceOverride : settings.niceLevel();
    String cores = affinityOverride != null ? affinityOverride : settings.cpuAffinity();
    return new Priority(nice, CpuAffinity.parse(cores, Runtime.getRuntime().availableProcessors()));
  }
}
