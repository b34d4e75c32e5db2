package io.optimizarr.encoder.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives Quarkus's session encryption key: {@code optimizarr.session-key} where it is set (the
 * encoder refuses a weak one at start, {@code user/ConfiguredSecrets}), else a random key made for
 * this start. Quarkus makes one of its own when none is given, but writes it to the log, where
 * anyone who can read the log could forge a session with it. Its key ranks below {@code
 * application.properties} and the environment.
 */
public final class SessionKey implements ConfigSourceFactory {

  static final String QUARKUS_KEY = "quarkus.http.auth.session.encryption-key";

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue configured = context.getValue("optimizarr.session-key");
    String key =
        configured != null && configured.getValue() != null && !configured.getValue().isEmpty()
            ? configured.getValue()
            : random();
    return List.of(
        new PropertiesConfigSource(Map.of(QUARKUS_KEY, key), "optimizarr-session-key", 100));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(100);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
