package io.optimizarr.encoder.queue;

/**
 * A job taken from a lost node: where it is now ({@code QUEUED}, or {@code FAILED} once out of
 * attempts), its output (beside which the lost run's work folder may lie), the node it was taken
 * from and the claim that run held (its work folder carries that claim's token).
 */
public record TakenFromLostNode(
    long id, JobStatus now, String outputPath, String lostNode, Claim lostClaim) {}
