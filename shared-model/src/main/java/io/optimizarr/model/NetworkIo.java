package io.optimizarr.model;

/**
 * Traffic summed over the host's network interfaces except loopback. Counters are cumulative since
 * boot; rates cover the snapshot's window.
 */
public record NetworkIo(
    long receivedBytes, long sentBytes, double receivedBytesPerSecond, double sentBytesPerSecond) {}
