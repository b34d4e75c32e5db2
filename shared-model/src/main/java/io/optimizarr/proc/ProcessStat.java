package io.optimizarr.proc;

/**
 * The fields of {@code /proc/PID/stat} this project uses.
 *
 * @param state the kernel's state letter (R, S, D, T, Z, …)
 * @param cpuTicks user plus kernel time of all its threads since it started, in {@link
 *     ProcFs#TICKS_PER_SECOND}
 * @param niceness the nice level, -20 to 19
 */
public record ProcessStat(char state, long cpuTicks, int niceness) {}
