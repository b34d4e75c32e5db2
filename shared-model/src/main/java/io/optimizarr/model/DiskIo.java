package io.optimizarr.model;

/**
 * Block-device traffic summed over the host's disks. Counters are cumulative since boot; rates
 * cover the snapshot's window.
 */
public record DiskIo(
    long readBytes,
    long writeBytes,
    long reads,
    long writes,
    double readBytesPerSecond,
    double writeBytesPerSecond) {}
