package io.optimizarr.encoder.queue;

import java.time.Instant;

/** One timeline entry as the API shows it. */
public record EventView(Instant at, String type, String message) {}
