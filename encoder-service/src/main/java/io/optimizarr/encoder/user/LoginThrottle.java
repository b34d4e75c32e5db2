package io.optimizarr.encoder.user;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing: after a number of failed logins from one address, each further attempt waits
 * twice as long as the one before, up to {@link #MAX_DELAY_MILLIS}. A success, or ten minutes
 * without failures, forgets the address. Pure: the caller gives the time. Thread-safe.
 */
public final class LoginThrottle {

  static final long MAX_DELAY_MILLIS = 30_000;
  static final long FORGET_AFTER_MILLIS = 10 * 60_000;
  private static final int MAX_ADDRESSES = 10_000;

  private record Failures(int count, long lastMillis) {}

  private final int freeFailures;

  public LoginThrottle(int freeFailures) {
    this.freeFailures = freeFailures;
  }

  private final Map<String, Failures> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  /** How long to hold an attempt from {@code address} before checking it. */
  public synchronized long delayMillis(String address, long nowMillis) {
    Failures f = failures.get(address);
    if (f == null || nowMillis - f.lastMillis() > FORGET_AFTER_MILLIS) {
      return 0;
    }
    int over = f.count() - freeFailures;
    if (over < 0) {
      return 0;
    }
    return Math.min(MAX_DELAY_MILLIS, 1000L << Math.min(over, 15));
  }

  public synchronized void failed(String address, long nowMillis) {
    Failures f = failures.get(address);
    int count = f == null || nowMillis - f.lastMillis() > FORGET_AFTER_MILLIS ? 0 : f.count();
    failures.put(address, new Failures(count + 1, nowMillis));
  }

  public synchronized void succeeded(String address) {
    failures.remove(address);
  }
}
