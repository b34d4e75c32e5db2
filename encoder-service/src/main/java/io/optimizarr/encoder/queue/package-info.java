/**
 * The queue in PostgreSQL: {@link io.optimizarr.encoder.queue.JobQueue} is the one reader and
 * writer of {@code encoding_job} and {@code job_event}; the records here are what it takes and
 * gives.
 */
package io.optimizarr.encoder.queue;
