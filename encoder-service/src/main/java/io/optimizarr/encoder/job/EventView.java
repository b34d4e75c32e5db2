package io.optimizarr.encoder.job;

import java.time.Instant;

/** One timeline entry as the API shows it. */
public record EventView(Instant at, String type, String message) {
  static EventView of(JobEvent e) {
    return new EventView(e.at, e.type, e.message);
  }
}
