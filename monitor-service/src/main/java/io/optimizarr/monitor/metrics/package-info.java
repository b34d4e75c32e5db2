/** Prometheus metrics for every figure of the latest snapshot, in base units. */
package io.optimizarr.monitor.metrics;
