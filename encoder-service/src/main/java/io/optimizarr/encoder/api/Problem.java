package io.optimizarr.encoder.api;

import java.util.Map;

/**
 * An RFC 9457 problem document. {@code field} names the first field at fault; {@code errors} has a
 * message for every invalid field where a request had several.
 */
public record Problem(
    String title, int status, String detail, String field, Map<String, String> errors) {}
