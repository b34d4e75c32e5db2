package io.optimizarr.encoder.queue;

/**
 * A node's claim of a job: the job and the token this claim got. Every write a run makes is
 * conditioned on the token, so once the job is taken from the node (its lease ran out) and claimed
 * again, the old run's writes match no row.
 *
 * @param token null only for a claim an earlier version made before tokens (V14) on a job that has
 *     none
 */
public record Claim(long jobId, Long token) {}
