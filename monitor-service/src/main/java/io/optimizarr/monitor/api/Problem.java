package io.optimizarr.monitor.api;

/**
 * An RFC 9457 problem document. {@code field} names the request parameter at fault, where one is.
 */
public record Problem(String title, int status, String detail, String field) {}
