package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.settings.ResourceSettings;
import java.util.Optional;

/**
 * The nice level and cores an encode runs at: the profile's overrides, else the node's settings.
 * Cores this node does not have (the settings are shared by every node, and another may have more)
 * fall back to all of this node's cores, with a warning saying so.
 *
 * @param warning why the cores asked for were not taken, when they were not
 */
record Priority(int niceLevel, CpuAffinity affinity, Optional<String> warning) {

  Priority(int niceLevel, CpuAffinity affinity) {
    this(niceLevel, affinity, Optional.empty());
  }

  static Priority of(ResourceSettings settings, Integer niceOverride, String affinityOverride) {
    return of(settings, niceOverride, affinityOverride, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #of(ResourceSettings, Integer, String)} on a host of {@code hostCores}; pure. */
  static Priority of(
      ResourceSettings settings, Integer niceOverride, String affinityOverride, int hostCores) {
    int nice = niceOverride != null ? niceOverride : settings.niceLevel();
    String cores = affinityOverride != null ? affinityOverride : settings.cpuAffinity();
    Optional<String> problem = CpuAffinity.problem(cores, hostCores);
    if (problem.isEmpty()) {
      return new Priority(nice, CpuAffinity.parse(cores, hostCores));
    }
    CpuAffinity all = CpuAffinity.parse("", hostCores);
    return new Priority(
        nice,
        all,
        Optional.of(
            "the cores '"
                + cores
                + "' of the "
                + (affinityOverride != null ? "profile" : "node settings")
                + " do not hold on this node ("
                + problem.get()
                + "); it runs on all its cores, "
                + all.toCpuList()));
  }
}
