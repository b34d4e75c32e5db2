package io.optimizarr.encoder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** libpq's ssl modes as the reactive client's settings. */
class DatabaseTlsTest {

  private static final String MODE = "quarkus.datasource.reactive.postgresql.ssl-mode";

  @Test
  void shouldEncryptWithoutCheckingUpToRequireAndCheckWithVerify() {
    assertThat(DatabaseTls.reactiveKeys("disable", Optional.empty()))
        .containsEntry(MODE, "disable")
        .containsEntry("quarkus.datasource.reactive.trust-all", "false");
    assertThat(DatabaseTls.reactiveKeys("require", Optional.empty()))
        .containsEntry(MODE, "require")
        .containsEntry("quarkus.datasource.reactive.trust-all", "true");
    assertThat(DatabaseTls.reactiveKeys("verify-ca", Optional.of("/etc/ca.pem")))
        .containsEntry("quarkus.datasource.reactive.trust-certificate-pem.certs", "/etc/ca.pem")
        .containsEntry("quarkus.datasource.reactive.hostname-verification-algorithm", "NONE")
        .doesNotContainKey("quarkus.datasource.reactive.trust-all");
    assertThat(DatabaseTls.reactiveKeys("VERIFY-FULL", Optional.of("/etc/ca.pem")))
        .containsEntry(MODE, "verify-full")
        .containsEntry("quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS");
  }

  @Test
  void shouldNameTheVariableForAnUnknownModeOrAMissingRootCertificate() {
    assertThatThrownBy(() -> DatabaseTls.reactiveKeys("on", Optional.empty()))
        .hasMessageContaining("OPTIMIZARR_DB_SSL_MODE")
        .hasMessageContaining("verify-full");
    assertThatThrownBy(() -> DatabaseTls.reactiveKeys("verify-full", Optional.empty()))
        .hasMessageContaining("OPTIMIZARR_DB_SSL_ROOT_CERT");
  }
}
