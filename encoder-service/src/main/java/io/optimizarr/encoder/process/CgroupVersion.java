package io.optimizarr.encoder.process;

/** The two cgroup interfaces: v1 (one hierarchy per controller) and v2 (one unified hierarchy). */
public enum CgroupVersion {
  V1,
  V2
}
