package io.optimizarr.encoder.process;

/**
 * How a cgroup competes for the CPU with the other cgroups at its level. Pure.
 *
 * <p>Below a tenth of the default weight counts as low: v2 {@code cpu.weight} ≤ 10 (default 100),
 * v1 {@code cpu.shares} ≤ 102 (default 1024); Kubernetes gives a pod with a small request a weight
 * that low, and systemd's {@code CPUWeight=idle} sets {@code cpu.idle}.
 */
public enum CpuStanding {
  /** {@code cpu.idle} is 1: the group runs only on cycles its siblings leave. */
  IDLE,
  /** A weight below a tenth of the default. */
  LOW_WEIGHT,
  /** A weight about its siblings': it takes an equal share when they are busy too. */
  FULL_WEIGHT;

  /**
   * @param weight {@code cpu.weight} (v2) or {@code cpu.shares} (v1); null when unreadable
   */
  static CpuStanding of(CgroupVersion version, boolean idle, Integer weight) {
    if (idle) {
      return IDLE;
    }
    int low = version == CgroupVersion.V2 ? 10 : 102;
    return weight != null && weight <= low ? LOW_WEIGHT : FULL_WEIGHT;
  }

  /** Whether others outside the group keep their CPU when it is busy. */
  public boolean yields() {
    return this != FULL_WEIGHT;
  }
}
