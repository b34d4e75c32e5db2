package io.optimizarr.encoder.queue;

/**
 * A job a node left running: enough to find and clean up its process and file, and the claim its
 * outcome is recorded under.
 */
public record LeftRunning(long id, Long pid, String outputPath, Claim claim) {}
