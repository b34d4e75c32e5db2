/** The encoder's own Prometheus metrics: jobs by state, encode durations, failures and skips. */
package io.optimizarr.encoder.metrics;
