package io.optimizarr.encoder.process;

/**
 * How every thread of an encode is scheduled: its policy, nice level and I/O class. {@link
 * ProcessControl#schedule} sets all three on every thread.
 */
public record Scheduling(CpuPolicy policy, int nice, IoClass io) {

  /** The kernel's idle class at nice 19 (counted as nice time) with the idle I/O class. */
  public static Scheduling idle() {
    return new Scheduling(CpuPolicy.IDLE, 19, IoClass.IDLE);
  }

  /** The normal policy at {@code level}, the I/O class left to follow it: as before IDLE mode. */
  public static Scheduling nice(int level) {
    return new Scheduling(CpuPolicy.OTHER, level, IoClass.NONE);
  }
}
