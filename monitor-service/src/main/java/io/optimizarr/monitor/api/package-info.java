/**
 * The HTTP API under {@code /api/resources}, and its errors as {@code application/problem+json}.
 */
package io.optimizarr.monitor.api;
