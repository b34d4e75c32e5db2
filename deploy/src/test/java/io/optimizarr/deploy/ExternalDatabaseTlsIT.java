package io.optimizarr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged encoder against a PostgreSQL that takes TLS connections only ({@code hostssl} in its
 * {@code pg_hba.conf}, a certificate for localhost signed by a CA of the test's): with {@code
 * OPTIMIZARR_DB_SSL_MODE=verify-full} and the CA it starts (Flyway, the application's pool and the
 * notifications' listener all connect, over TLS); with {@code require} and no CA it starts; with
 * {@code verify-full} and another CA it does not.
 */
class ExternalDatabaseTlsIT {

  private static final Path JAR =
      Path.of("..", "encoder-service", "target", "quarkus-app", "quarkus-run.jar");
  private static final String DB = "optimizarr_tls";

  @TempDir static Path certs;
  private static EmbeddedPostgres postgres;
  @TempDir Path dir;
  private Process encoder;

  private static void openssl(String... args) throws Exception {
    var command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }

  private static void authority(String name) throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-keyout",
        name + ".key",
        "-out",
        name + ".pem");
  }

  @BeforeAll
  static void tlsOnlyPostgres() throws Exception {
    authority("ca");
    authority("other-ca");
    Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr");
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        "server.pem");
    Files.setPosixFilePermissions(
        certs.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", certs.resolve("server.pem").toString())
            .setServerConfig("ssl_key_file", certs.resolve("server.key").toString())
            .setConnectConfig("sslmode", "require")
            .setDataDirectoryCustomizer(
                data -> {
                  try {
                    Files.writeString(
                        data.toPath().resolve("pg_hba.conf"),
                        "local all all trust\n"
                            + "hostssl all all 127.0.0.1/32 trust\n"
                            + "hostssl all all ::1/128 trust\n");
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .start();
    try (Connection db = postgres.getPostgresDatabase().getConnection()) {
      db.createStatement().execute("CREATE DATABASE " + DB);
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @AfterEach
  void stopEncoder() throws InterruptedException {
    if (encoder != null && encoder.isAlive()) {
      encoder.destroy();
      encoder.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldConnectOverTlsCheckingTheServerWithVerifyFull() throws Exception {
    assertThat(
            ready(
                Map.of(
                    "OPTIMIZARR_DB_SSL_MODE",
                    "verify-full",
                    "OPTIMIZARR_DB_SSL_ROOT_CERT",
                    certs.resolve("ca.pem").toString())))
        .as(log())
        .isTrue();
    try (Connection db = postgres.getPostgresDatabase().getConnection();
        var rs =
            db.createStatement()
                .executeQuery(
                    "SELECT count(*), bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a"
                        + " USING (pid) WHERE a.datname = '"
                        + DB
                        + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the encoder's connections").isPositive();
      assertThat(rs.getBoolean(2)).as("all of them over TLS").isTrue();
    }
  }

  @Test
  void shouldConnectOverTlsWithoutCheckingWithRequire() throws Exception {
    assertThat(ready(Map.of("OPTIMIZARR_DB_SSL_MODE", "require"))).as(log()).isTrue();
  }

  @Test
  void shouldRefuseAServerSignedByAnotherAuthority() throws Exception {
    assertThat(
            ready(
                Map.of(
                    "OPTIMIZARR_DB_SSL_MODE",
                    "verify-full",
                    "OPTIMIZARR_DB_SSL_ROOT_CERT",
                    certs.resolve("other-ca.pem").toString())))
        .isFalse();
  }

  /** Starts the encoder; whether it became ready within 90 s (false once it exited). */
  private boolean ready(Map<String, String> tls) throws Exception {
    int port = freePort();
    int management = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(java, "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("encoder.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    var env = new HashMap<String, String>(tls);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
    env.put("OPTIMIZARR_DB_HOST", "localhost");
    env.put("OPTIMIZARR_DB_PORT", Integer.toString(postgres.getPort()));
    env.put("OPTIMIZARR_DB_NAME", DB);
    env.put("OPTIMIZARR_SESSION_KEY", "dGxzLXRlc3Qtc2Vzc2lvbi1rZXktb2YtMzItY2hhcmFjdGVycw");
    env.put("OPTIMIZARR_ADMIN_PASSWORD", "tls-admin-password");
    env.put("OPTIMIZARR_MEDIA_ROOTS", Files.createDirectories(dir.resolve("media")).toString());
    builder.environment().putAll(env);
    encoder = builder.start();
    var http = HttpClient.newHttpClient();
    var health =
        HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < until && encoder.isAlive()) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    return false;
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("encoder.log"));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
