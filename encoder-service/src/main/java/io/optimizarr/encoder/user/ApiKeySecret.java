package io.optimizarr.encoder.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The text of an API key: {@code opz_} and 32 random bytes in URL-safe base64 (47 characters in
 * all), what is kept of it (its SHA-256) and what is shown of it later (its first 8 characters).
 * Pure apart from the random source.
 */
public final class ApiKeySecret {

  static final String PREFIX = "opz_";
  static final int SHOWN_CHARACTERS = 8;
  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecret() {}

  public static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of the key's text, in lower-case hex: what the database keeps. */
  public static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException everyJvmHasIt) {
      throw new IllegalStateException(everyJvmHasIt);
    }
  }

  /** What the key list shows of a key, enough to tell it apart from the others. */
  public static String shown(String key) {
    return key.substring(0, Math.min(SHOWN_CHARACTERS, key.length()));
  }

  /** Whether a presented text could be a key at all: anything else is refused unread. */
  public static boolean plausible(String presented) {
    return presented.startsWith(PREFIX) && presented.length() <= 128;
  }
}
