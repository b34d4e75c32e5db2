/**
 * The one sampler loop and the hub that hands each snapshot to every subscriber, the history ring
 * and the metrics.
 */
package io.optimizarr.monitor.stream;
