package io.optimizarr.encoder.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which configured secrets the encoder refuses: short ones and every placeholder we ship. */
class SecretRulesTest {

  /** Every {@code key=value} of the Kubernetes overlays' secret files. */
  private static List<String[]> shippedSecrets() throws IOException {
    var secrets = new ArrayList<String[]>();
    try (Stream<Path> files = Files.walk(Path.of("../deploy/k8s/overlays"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".env")).toList()) {
        for (String line : Files.readAllLines(file)) {
          int eq = line.indexOf('=');
          if (eq > 0 && !line.startsWith("#")) {
            secrets.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
          }
        }
      }
    }
    return secrets;
  }

  @Test
  void shouldRefuseEverySessionKeyAndAdminPasswordTheOverlaysShip() throws IOException {
    var shipped = shippedSecrets();
    assertThat(shipped).extracting(s -> s[0]).contains("session-key", "admin-password");
    for (String[] secret : shipped) {
      switch (secret[0]) {
        case "session-key" ->
            assertThat(SecretRules.sessionKeyProblem(secret[1]))
                .as(secret[1])
                .hasValueSatisfying(
                    p -> assertThat(p).contains("OPTIMIZARR_SESSION_KEY", SecretRules.GENERATE));
        case "admin-password" ->
            assertThat(SecretRules.adminPasswordProblem(secret[1]))
                .as(secret[1])
                .hasValueSatisfying(p -> assertThat(p).contains("OPTIMIZARR_ADMIN_PASSWORD"));
        default -> {
          // other secrets: the database's and the monitor's, not the encoder's to judge
        }
      }
    }
  }

  @Test
  void shouldRefuseShortSessionKeysAndAdminPasswordsAndTakeRealOnes() {
    assertThat(SecretRules.sessionKeyProblem("x".repeat(31)))
        .hasValueSatisfying(p -> assertThat(p).contains("31 characters", "at least 32"));
    assertThat(SecretRules.sessionKeyProblem("Yp3Vx0bQ2m9T1kL8sR4wZ7cN6dF5gH0jA1eB2uI3oP4="))
        .isEmpty();
    assertThat(SecretRules.adminPasswordProblem("short"))
        .hasValueSatisfying(p -> assertThat(p).contains("5 characters", "8 to 1024"));
    assertThat(SecretRules.adminPasswordProblem("a-real-admin-password")).isEmpty();
  }
}
