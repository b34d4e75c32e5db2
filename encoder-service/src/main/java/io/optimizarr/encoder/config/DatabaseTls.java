package io.optimizarr.encoder.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code optimizarr.db.ssl-mode} and {@code optimizarr.db.ssl-root-cert} into the reactive
 * client's TLS settings with libpq's meaning: {@code disable}; {@code allow}, {@code prefer} and
 * {@code require} encrypt without checking the server's certificate; {@code verify-ca} checks it
 * against the root certificate; {@code verify-full} also checks the host name. (The JDBC URL that
 * Flyway uses carries {@code sslmode} and {@code sslrootcert} itself, where pgjdbc gives them the
 * same meaning; {@link #configure} gives a connection of our own the same.) Its keys rank below
 * {@code application.properties} and the environment, so an operator may still set Quarkus's own.
 */
public final class DatabaseTls implements ConfigSourceFactory {

  static final List<String> MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /** Quarkus's reactive-datasource keys for {@code mode} and the root certificate. */
  static Map<String, String> reactiveKeys(String mode, Optional<String> rootCert) {
    String m = mode.trim().toLowerCase(Locale.ROOT);
    if (!MODES.contains(m)) {
      throw new IllegalArgumentException(
          "OPTIMIZARR_DB_SSL_MODE (optimizarr.db.ssl-mode) is '" + mode + "', not one of " + MODES);
    }
    if (m.startsWith("verify-")) {
      String cert =
          rootCert
              .filter(c -> !c.isBlank())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "OPTIMIZARR_DB_SSL_MODE="
                              + m
                              + " needs OPTIMIZARR_DB_SSL_ROOT_CERT: the PEM file of the CA that"
                              + " signed the server's certificate"));
      return Map.of(
          "quarkus.datasource.reactive.postgresql.ssl-mode",
          m,
          "quarkus.datasource.reactive.trust-certificate-pem",
          "true",
          "quarkus.datasource.reactive.trust-certificate-pem.certs",
          cert,
          "quarkus.datasource.reactive.hostname-verification-algorithm",
          m.equals("verify-full") ? "HTTPS" : "NONE");
    }
    return Map.of(
        "quarkus.datasource.reactive.postgresql.ssl-mode",
        m,
        "quarkus.datasource.reactive.trust-all",
        Boolean.toString(!m.equals("disable")),
        "quarkus.datasource.reactive.hostname-verification-algorithm",
        "NONE");
  }

  /** The same TLS for a connection the encoder opens itself (the notifications' listener). */
  public static PgConnectOptions configure(PgConnectOptions options, EncoderConfig.Db db) {
    Map<String, String> keys = reactiveKeys(db.sslMode(), db.sslRootCert());
    options.setSslMode(SslMode.of(keys.get("quarkus.datasource.reactive.postgresql.ssl-mode")));
    options.setTrustAll(
        Boolean.parseBoolean(keys.getOrDefault("quarkus.datasource.reactive.trust-all", "false")));
    String cert = keys.get("quarkus.datasource.reactive.trust-certificate-pem.certs");
    if (cert != null) {
      options.setPemTrustOptions(new PemTrustOptions().addCertPath(cert));
    }
    String verification = keys.get("quarkus.datasource.reactive.hostname-verification-algorithm");
    options.setHostnameVerificationAlgorithm(verification.equals("NONE") ? "" : verification);
    return options;
  }

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    String mode = value(context, "optimizarr.db.ssl-mode").orElse("disable");
    Optional<String> cert = value(context, "optimizarr.db.ssl-root-cert");
    return List.of(new PropertiesConfigSource(reactiveKeys(mode, cert), "optimizarr-db-tls", 100));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(100);
  }

  private static Optional<String> value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return value == null || value.getValue() == null || value.getValue().isBlank()
        ? Optional.empty()
        : Optional.of(value.getValue());
  }
}
