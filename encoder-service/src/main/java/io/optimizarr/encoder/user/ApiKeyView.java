package io.optimizarr.encoder.user;

import java.time.Instant;

/**
 * An API key as the API lists it: never the key itself, only its first characters.
 *
 * @param lastUsedAt when a request last came with it (written at most once a minute per node)
 */
public record ApiKeyView(
    long id,
    String name,
    String role,
    String prefix,
    String createdBy,
    Instant createdAt,
    Instant lastUsedAt) {}
