package io.optimizarr.encoder.alert;

import java.util.Map;

/**
 * One HTTP request a delivery makes: {@code url} is the full address (its host judged by {@link
 * DestinationCheck} before it is connected to); {@code body} null for none.
 */
record HttpRequest(String method, String url, Map<String, String> headers, String body) {}
