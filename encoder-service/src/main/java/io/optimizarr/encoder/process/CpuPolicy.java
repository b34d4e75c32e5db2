package io.optimizarr.encoder.process;

/** A thread's scheduling policy, as {@code sched_setscheduler(2)} numbers it. */
public enum CpuPolicy {
  /** The normal policy, where the nice level sets a thread's weight. */
  OTHER(0),
  /** Runs only on cycles no thread of another policy wants (weight 3 against nice 0's 1024). */
  IDLE(5);

  final int number;

  CpuPolicy(int number) {
    this.number = number;
  }
}
