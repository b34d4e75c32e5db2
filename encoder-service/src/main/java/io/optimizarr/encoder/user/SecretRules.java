package io.optimizarr.encoder.user;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which configured secrets the encoder refuses to start with: a session key shorter than {@link
 * #MIN_SESSION_KEY} characters, a first-admin password shorter than the API's own rule, and either
 * one that holds a placeholder shipped with Optimizarr (the Kubernetes overlays' {@code change-me}
 * values: whoever reads the repository could forge an admin's session cookie with them). Pure.
 */
public final class SecretRules {

  public static final int MIN_SESSION_KEY = 32;

  /** How to make a real value, named in every refusal. */
  public static final String GENERATE = "head -c 32 /dev/urandom | base64";

  /** Words that only a placeholder holds; every value the overlays ship contains one. */
  static final List<String> PLACEHOLDER_MARKS = List.of("change-me", "changeme", "placeholder");

  private SecretRules() {}

  /** Why {@code key} (the value of {@code OPTIMIZARR_SESSION_KEY}) is refused, if it is. */
  public static Optional<String> sessionKeyProblem(String key) {
    if (key.length() < MIN_SESSION_KEY) {
      return Optional.of(
          "OPTIMIZARR_SESSION_KEY (optimizarr.session-key) has "
              + key.length()
              + " characters; it needs at least "
              + MIN_SESSION_KEY
              + ". Generate one with: "
              + GENERATE);
    }
    if (isPlaceholder(key)) {
      return Optional.of(
          "OPTIMIZARR_SESSION_KEY (optimizarr.session-key) is a placeholder shipped with"
              + " Optimizarr, which anyone could use to forge a session. Generate one with: "
              + GENERATE);
    }
    return Optional.empty();
  }

  /** Why {@code password} (the value of {@code OPTIMIZARR_ADMIN_PASSWORD}) is refused, if it is. */
  public static Optional<String> adminPasswordProblem(String password) {
    if (password.length() < UsersResource.MIN_PASSWORD_LENGTH
        || password.length() > UsersResource.MAX_PASSWORD_LENGTH) {
      return Optional.of(
          "OPTIMIZARR_ADMIN_PASSWORD (optimizarr.admin-password) has "
              + password.length()
              + " characters; a password needs "
              + UsersResource.MIN_PASSWORD_LENGTH
              + " to "
              + UsersResource.MAX_PASSWORD_LENGTH
              + ". Generate one with: "
              + GENERATE);
    }
    if (isPlaceholder(password)) {
      return Optional.of(
          "OPTIMIZARR_ADMIN_PASSWORD (optimizarr.admin-password) is a placeholder shipped with"
              + " Optimizarr. Generate one with: "
              + GENERATE);
    }
    return Optional.empty();
  }

  static boolean isPlaceholder(String secret) {
    String lower = secret.toLowerCase(Locale.ROOT);
    return PLACEHOLDER_MARKS.stream().anyMatch(lower::contains);
  }
}
