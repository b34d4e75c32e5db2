package io.optimizarr.encoder.testing;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The node's clock in tests that need a time of day: it runs at real speed from wherever a test
 * sets it, in Europe/Berlin (summer time, and an offset from UTC that changes with it). Enabled by
 * {@link WithMovableClock}.
 */
@Alternative
@Singleton
public class MovableClock extends Clock {

  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static volatile Instant setTo = Instant.now();
  private static volatile long setAtNanos = System.nanoTime();

  /** From now on the clock reads {@code at}, and runs on from there. */
  public static void set(Instant at) {
    setAtNanos = System.nanoTime();
    setTo = at;
  }

  /** Moves the clock on by {@code by}, as if that time had passed. */
  public static void advance(Duration by) {
    set(new MovableClock().instant().plus(by));
  }

  @Override
  public ZoneId getZone() {
    return ZONE;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), Duration.between(Instant.now(), instant()));
  }

  @Override
  public Instant instant() {
    return setTo.plusNanos(System.nanoTime() - setAtNanos);
  }
}
