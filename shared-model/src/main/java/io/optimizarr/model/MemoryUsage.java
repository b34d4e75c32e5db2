package io.optimizarr.model;

/**
 * Physical memory and swap. {@code usedBytes} is {@code totalBytes - availableBytes}: memory that
 * the kernel could not hand to a new program without swapping.
 */
public record MemoryUsage(
    long totalBytes,
    long availableBytes,
    long usedBytes,
    double usedPercent,
    long swapTotalBytes,
    long swapUsedBytes) {}
