package io.optimizarr.proc;

/**
 * The fields of {@code /proc/PID/stat} this project uses.
 *
 * @param state the kernel's state letter (R, S, D, T, Z, …)
 * @param cpuTicks user plus kernel time of all its threads since it started, in {@link
 *     ProcFs#TICKS_PER_SECOND}
 * @param niceness the nice level, -20 to 19
 * @param policy the scheduling policy of its main thread (0 normal, 3 batch, 5 idle, …)
 */
public record ProcessStat(char state, long cpuTicks, int niceness, int policy) {

  /** The kernel's number for the idle scheduling class ({@code SCHED_IDLE}). */
  public static final int SCHED_IDLE = 5;

  /** From this nice level on, a program has asked to run only on what others leave. */
  public static final int BATCH_NICENESS = 15;

  /**
   * Whether the process is someone's batch work: in the idle scheduling class, or at nice 15 or
   * more. Such a program yields to every normal one, so its CPU is spare capacity, not a foreground
   * to make room for. Judged by the main thread, as {@code stat} gives it.
   */
  public boolean batch() {
    return policy == SCHED_IDLE || niceness >= BATCH_NICENESS;
  }
}
