package io.optimizarr.encoder.alert;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Which daily digest is due: the latest time of day {@code at} (in the node's zone) not after now,
 * covering the day before it (23 or 25 hours across a change of summer time). Pure.
 */
record DigestSlot(ZonedDateTime from, ZonedDateTime to) {

  static DigestSlot latest(Instant now, ZoneId zone, LocalTime at) {
    ZonedDateTime here = now.atZone(zone);
    ZonedDateTime today = ZonedDateTime.of(here.toLocalDate(), at, zone);
    ZonedDateTime to = today.toInstant().isAfter(now) ? today.minusDays(1) : today;
    return new DigestSlot(to.minusDays(1), to);
  }
}
