package io.optimizarr.encoder.user;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing. Failures are counted per address <em>and</em> user name: after a number of
 * failed logins for one user from one address, each further attempt for that user from there waits
 * twice as long as the one before, up to {@link #MAX_DELAY_MILLIS}. A success forgets only that
 * pair (a viewer's own logins do not clear their guesses at the admin's password), and so do ten
 * minutes without failures. An address with a held pair may have at most {@code maxInFlight}
 * attempts open at once; further ones are refused at once ({@link Admission#refused}), not queued,
 * so that parallel connections cannot each buy a password check. Pure: the caller gives the time.
 * Thread-safe.
 */
public final class LoginThrottle {

  static final long MAX_DELAY_MILLIS = 30_000;
  static final long FORGET_AFTER_MILLIS = 10 * 60_000;
  private static final int MAX_ADDRESSES = 10_000;
  private static final int MAX_USERS_PER_ADDRESS = 100;

  /** Whether an attempt may go on to its password check; if not, when to try again. */
  public record Admission(boolean admitted, long retryAfterMillis) {
    static final Admission ADMITTED = new Admission(true, 0);

    static Admission refused(long retryAfterMillis) {
      return new Admission(false, Math.max(1_000, retryAfterMillis));
    }
  }

  private record Failures(int count, long lastMillis) {}

  private final int freeFailures;
  private final int maxInFlight;

  /** Per address, per user name; the least recently seen are forgotten first. */
  private final Map<String, Map<String, Failures>> failures = lru(MAX_ADDRESSES);

  /** Attempts open per address, counted only while the address has a held pair. */
  private final Map<String, Integer> inFlight = new HashMap<>();

  public LoginThrottle(int freeFailures, int maxInFlight) {
    this.freeFailures = freeFailures;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Opens an attempt from {@code address}; every admitted attempt must be {@link #closed} once
   * answered. Refused while the address has a held pair and {@code maxInFlight} attempts open.
   */
  public synchronized Admission open(String address, long nowMillis) {
    long held = longestDelay(address, nowMillis);
    int open = inFlight.getOrDefault(address, 0);
    if (held > 0 && open >= maxInFlight) {
      return Admission.refused(held);
    }
    inFlight.put(address, open + 1);
    return Admission.ADMITTED;
  }

  /** Closes an attempt that {@link #open} admitted. */
  public synchronized void closed(String address) {
    inFlight.computeIfPresent(address, (a, open) -> open <= 1 ? null : open - 1);
  }

  /** How long to hold an attempt for {@code username} from {@code address} before checking it. */
  public synchronized long delayMillis(String address, String username, long nowMillis) {
    var users = failures.get(address);
    return users == null ? 0 : delay(users.get(username), nowMillis);
  }

  public synchronized void failed(String address, String username, long nowMillis) {
    var users = failures.computeIfAbsent(address, a -> lru(MAX_USERS_PER_ADDRESS));
    Failures f = users.get(username);
    int count = f == null || nowMillis - f.lastMillis() > FORGET_AFTER_MILLIS ? 0 : f.count();
    users.put(username, new Failures(count + 1, nowMillis));
  }

  public synchronized void succeeded(String address, String username) {
    var users = failures.get(address);
    if (users != null) {
      users.remove(username);
      if (users.isEmpty()) {
        failures.remove(address);
      }
    }
  }

  private long longestDelay(String address, long nowMillis) {
    var users = failures.get(address);
    if (users == null) {
      return 0;
    }
    long longest = 0;
    for (Failures f : users.values()) {
      longest = Math.max(longest, delay(f, nowMillis));
    }
    return longest;
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  private long delay(Failures f, long nowMillis) {
    if (f == null || nowMillis - f.lastMillis() > FORGET_AFTER_MILLIS) {
      return 0;
    }
    int over = f.count() - freeFailures;
    if (over < 0) {
      return 0;
    }
    return Math.min(MAX_DELAY_MILLIS, 1000L << Math.min(over, 15));
  }
}
