package io.optimizarr.encoder.user;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/**
 * What a session cookie names: a user and their session version, as {@code NAME:VERSION} (user
 * names hold no {@code :}). Quarkus keeps the principal's name in the cookie, so a session's
 * identity is named so; {@link #username} gives the user of any identity, session or HTTP Basic.
 * Pure.
 */
public record SessionPrincipal(String username, long version) {

  private static final char SEPARATOR = ':';

  /** The name the cookie keeps. */
  public String cookieName() {
    return username + SEPARATOR + version;
  }

  /** A cookie's name read back; empty for one without a version (made before versions). */
  public static Optional<SessionPrincipal> parse(String name) {
    int at = name == null ? -1 : name.lastIndexOf(SEPARATOR);
    if (at <= 0 || at == name.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SessionPrincipal(name.substring(0, at), Long.parseLong(name.substring(at + 1))));
    } catch (NumberFormatException notAVersion) {
      return Optional.empty();
    }
  }

  /** The user an identity stands for, whether it came from a session cookie or a password. */
  public static String username(SecurityIdentity identity) {
    String name = identity.getPrincipal().getName();
    return parse(name).map(SessionPrincipal::username).orElse(name);
  }
}
