/**
 * The throttle governor: one per node, judging foreign load (the machine's load less our own
 * encodes') with hysteresis and hold counts, and deciding which encodes pause and resume. The
 * decision logic ({@code Governor}) is pure: it is given observations and the time, and does no
 * I/O. {@code GovernorLoop} carries its decisions out through {@code Encodes}, which the supervisor
 * implements.
 */
package io.optimizarr.encoder.governor;
