package io.optimizarr.monitor.host;

/**
 * One look at a process: the CPU time it has used so far and what it holds now.
 *
 * @param cpuMillis user plus kernel time of all its threads since it started
 * @param state the kernel's state letter (R, S, D, T, Z, …)
 */
public record ProcessReading(long pid, long cpuMillis, long residentBytes, String state) {}
