package io.optimizarr.encoder.user;

/**
 * A CDI event: every session of {@code username} has ended (their password changed or was reset,
 * they logged out, or they were deleted); what serves them on this node lets go.
 */
public record SessionsEnded(String username) {}
