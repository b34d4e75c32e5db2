package io.optimizarr.model;

/**
 * One process over the snapshot's window.
 *
 * @param cpuPercent share of the whole machine (all logical cores), 0–100
 * @param state the kernel's state letter: R running, S sleeping, D disk wait, T stopped, Z zombie
 */
public record ProcessUsage(long pid, double cpuPercent, long residentBytes, String state) {}
