/** The encoder's own Prometheus metrics: jobs by state, encode durations, failures. */
package io.optimizarr.encoder.metrics;
