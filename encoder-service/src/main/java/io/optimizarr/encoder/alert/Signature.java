package io.optimizarr.encoder.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Optimizarr-Signature} header: {@code sha256=} and the hex HMAC-SHA256, keyed with
 * the webhook's secret, of the {@code X-Optimizarr-Timestamp} header's value, a dot, and the body.
 * A receiver recomputes it and compares in constant time; the timestamp lets it refuse replays.
 */
public final class Signature {

  public static final String HEADER = "X-Optimizarr-Signature";
  public static final String TIMESTAMP_HEADER = "X-Optimizarr-Timestamp";

  private Signature() {}

  public static String of(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
