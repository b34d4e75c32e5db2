package io.optimizarr.encoder.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.PackagedEncoder;
import io.optimizarr.encoder.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started with {@code java -jar} on a shipped placeholder or a short secret,
 * exits at once and says which variable and how to generate a real value; with real ones it starts,
 * and writes a generated first-admin password to its file, not to the log.
 */
class StartChecksIT {

  private static final String REAL_KEY = "q3VhY2VsZXNzLWtleS1mb3ItdGhlLWl0LXRlc3Q9PQ";

  @TempDir Path dir;
  private PackagedEncoder encoder;

  @BeforeEach
  void freshDatabase() throws Exception {
    encoder =
        new PackagedEncoder(
            TestDatabase.NAME + "_it",
            Files.createDirectories(dir.resolve("media")),
            dir.resolve("encoder.log"));
  }

  /** {@code env} without the admin password the launcher sets: a first admin is generated. */
  private static Map<String, String> generatingTheAdmin(Map<String, String> env) {
    var all = new HashMap<String, String>(env);
    all.put("OPTIMIZARR_ADMIN_PASSWORD", null);
    return all;
  }

  /** Waits until the service says it created the first admin; fails at once should it exit. */
  private void awaitFirstAdmin(Process service) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .failFast("the service exited", () -> !service.isAlive())
        .until(() -> encoder.log().contains("Created the first admin"));
  }

  private String refused(Map<String, String> env) throws Exception {
    assertThat(encoder.exitsWithAnError(env)).as(encoder.log()).isTrue();
    assertThat(encoder.log()).contains("Refusing to start");
    return encoder.log();
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
  void shouldRefuseToStartOnAPathMappingThatIsNotTwoAbsolutePaths() throws Exception {
    String log =
        refused(
            Map.of(
                "OPTIMIZARR_SESSION_KEY",
                REAL_KEY,
                "OPTIMIZARR_PATH_MAPPINGS",
                "/tv=/srv/tv,movies"));
    assertThat(log).contains("path mapping 'movies' is not FROM=TO with two absolute paths");
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
        encoder.launch(
            generatingTheAdmin(
                Map.of(
                    "OPTIMIZARR_SESSION_KEY",
                    REAL_KEY,
                    "OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE",
                    file.toString())));
    try {
      awaitFirstAdmin(service);
      assertThat(encoder.log()).contains("Created the first admin", file.toString());
      String password = Files.readString(file).trim();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(encoder.log()).doesNotContain(password);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldAskForTlsWhenTheSslModeSaysSo() throws Exception {
    // The machine's PostgreSQL has TLS off: a client that requires it cannot connect.
    assertThat(
            encoder.exitsWithAnError(
                Map.of("OPTIMIZARR_SESSION_KEY", REAL_KEY, "OPTIMIZARR_DB_SSL_MODE", "require")))
        .as(encoder.log())
        .isTrue();
    assertThat(encoder.log()).containsIgnoringCase("ssl");
  }

  @Test
  void shouldLogNoSessionKeyWhenNoneIsConfigured() throws Exception {
    Process service =
        encoder.launch(
            generatingTheAdmin(
                Map.of("OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE", dir.resolve("pw").toString())));
    try {
      awaitFirstAdmin(service);
      assertThat(encoder.log())
          .contains("No OPTIMIZARR_SESSION_KEY")
          .doesNotContain("temporary key")
          .doesNotContain("Encryption key was not specified");
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
