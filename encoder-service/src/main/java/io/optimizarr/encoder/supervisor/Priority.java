package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.process.Scheduling;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ResourceSettings;
import java.util.Optional;

/**
 * How an encode is scheduled and the cores it runs on: the node's priority mode; in {@link
 * PriorityMode#NICE} the profile's nice level, else the node's (in {@link PriorityMode#IDLE} nice
 * 19 always); the profile's cores, else the node's. Cores this node does not have (the settings are
 * shared by every node, and another may have more) fall back to all of this node's cores, with a
 * warning saying so.
 *
 * @param niceLevel the nice level the encode runs at: 19 in {@link PriorityMode#IDLE}
 * @param warning why the cores asked for were not taken, when they were not
 */
record Priority(PriorityMode mode, int niceLevel, CpuAffinity affinity, Optional<String> warning) {

  Priority(PriorityMode mode, int niceLevel, CpuAffinity affinity) {
    this(mode, niceLevel, affinity, Optional.empty());
  }

  static Priority of(ResourceSettings settings, Integer niceOverride, String affinityOverride) {
    return of(settings, niceOverride, affinityOverride, CpuAffinity.allowedHere());
  }

  /** As {@link #of(ResourceSettings, Integer, String)} on a host of {@code hostCores}; pure. */
  static Priority of(
      ResourceSettings settings, Integer niceOverride, String affinityOverride, int hostCores) {
    return of(settings, niceOverride, affinityOverride, CpuAffinity.parse("", hostCores));
  }

  /**
   * As {@link #of(ResourceSettings, Integer, String)} for a service that may run on the cores
   * {@code allowed} (its own affinity: a container's cpuset, a {@code taskset}): no cores set means
   * those, not every core of the host; pure.
   */
  static Priority of(
      ResourceSettings settings,
      Integer niceOverride,
      String affinityOverride,
      CpuAffinity allowed) {
    int hostCores = allowed.cores().length();
    PriorityMode mode = settings.priorityMode();
    int nice =
        mode == PriorityMode.IDLE
            ? Scheduling.idle().nice()
            : niceOverride != null ? niceOverride : settings.niceLevel();
    String cores = affinityOverride != null ? affinityOverride : settings.cpuAffinity();
    if (cores == null || cores.isBlank()) {
      return new Priority(mode, nice, allowed);
    }
    Optional<String> problem = CpuAffinity.problem(cores, hostCores);
    if (problem.isEmpty()) {
      return new Priority(mode, nice, CpuAffinity.parse(cores, hostCores));
    }
    return new Priority(
        mode,
        nice,
        allowed,
        Optional.of(
            "the cores '"
                + cores
                + "' of the "
                + (affinityOverride != null ? "profile" : "node settings")
                + " do not hold on this node ("
                + problem.get()
                + "); it runs on all its cores, "
                + allowed.toCpuList()));
  }

  /** The policy, nice level and I/O class every thread of the encode gets. */
  Scheduling scheduling() {
    return mode == PriorityMode.IDLE ? Scheduling.idle() : Scheduling.nice(niceLevel);
  }

  /** As the job's timeline says it: {@code idle class, nice 19} or {@code nice 10}. */
  String described() {
    return mode == PriorityMode.IDLE ? "in the idle class at nice 19" : "at nice " + niceLevel;
  }
}
