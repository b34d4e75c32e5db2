/**
 * Jobs: the queue in PostgreSQL, each job's timeline, and the endpoints that create and steer them.
 */
package io.optimizarr.encoder.job;
