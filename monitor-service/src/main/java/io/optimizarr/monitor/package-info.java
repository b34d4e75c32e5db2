/**
 * monitor-service: samples the host once per interval and publishes {@link
 * io.optimizarr.model.ResourceSnapshot}s over server-sent events, as history and as Prometheus
 * metrics.
 */
package io.optimizarr.monitor;
