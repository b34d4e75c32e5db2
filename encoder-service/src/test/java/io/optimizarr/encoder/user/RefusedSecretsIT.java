package io.optimizarr.encoder.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started with {@code java -jar} on a shipped placeholder or a short secret,
 * exits at once and says which variable and how to generate a real value; it starts with real ones,
 * and writes a generated first-admin password to its file, not to the log.
 */
class RefusedSecretsIT {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final String DB = TestDatabase.NAME + "_it";
  private static final String REAL_KEY = "q3VhY2VsZXNzLWtleS1mb3ItdGhlLWl0LXRlc3Q9PQ";

  @TempDir Path dir;

  @BeforeEach
  void freshDatabase() throws Exception {
    try (var admin =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DB);
    }
  }

  @Test
  void shouldRefuseToStartOnTheOverlaysPlaceholderSessionKey() throws Exception {
    String log =
        refused(
            Map.of(
                "OPTIMIZARR_SESSION_KEY", "trial-session-key-of-at-least-32-characters-change-me"));
    assertThat(log).contains("OPTIMIZARR_SESSION_KEY", "placeholder", SecretRules.GENERATE);
  }

  @Test
  void shouldRefuseToStartOnAShortSessionKey() throws Exception {
    String log = refused(Map.of("OPTIMIZARR_SESSION_KEY", "only-twenty-chars-ok"));
    assertThat(log).contains("OPTIMIZARR_SESSION_KEY", "at least 32", SecretRules.GENERATE);
  }

  @Test
  void shouldRefuseToStartOnAShortAdminPassword() throws Exception {
    String log =
        refused(Map.of("OPTIMIZARR_SESSION_KEY", REAL_KEY, "OPTIMIZARR_ADMIN_PASSWORD", "admin"));
    assertThat(log).contains("OPTIMIZARR_ADMIN_PASSWORD", "5 characters");
  }

  @Test
  void shouldKeepAGeneratedAdminPasswordOutOfTheLog() throws Exception {
    Path file = dir.resolve("first-admin-password");
    Process service =
        start(
            Map.of(
                "OPTIMIZARR_SESSION_KEY",
                REAL_KEY,
                "OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE",
                file.toString()));
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!log().contains("Created the first admin") && System.nanoTime() < until) {
        assertThat(service.isAlive()).as(log()).isTrue();
        Thread.sleep(250);
      }
      assertThat(log()).contains("Created the first admin", file.toString());
      String password = Files.readString(file).trim();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(log()).doesNotContain(password);
      assertThat(Files.getPosixFilePermissions(file))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts the service with {@code env}; it must exit non-zero within 90 s. Gives its output. */
  private String refused(Map<String, String> env) throws Exception {
    Process service = start(env);
    boolean exited = service.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      service.destroyForcibly();
    }
    assertThat(exited).as("exited: " + log()).isTrue();
    assertThat(service.exitValue()).isNotZero();
    assertThat(log()).contains("Refusing to start");
    return log();
  }

  private String log() throws IOException {
    Path log = dir.resolve("encoder.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private Process start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(java, "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("encoder.log").toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    var all = new HashMap<String, String>();
    all.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
    all.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
    all.put("OPTIMIZARR_DB_HOST", "127.0.0.1");
    all.put("OPTIMIZARR_DB_NAME", DB);
    all.put("OPTIMIZARR_MEDIA_ROOTS", Files.createDirectories(dir.resolve("media")).toString());
    all.put("OPTIMIZARR_NODE_NAME", "secrets-it");
    all.putAll(env);
    builder.environment().putAll(all);
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
