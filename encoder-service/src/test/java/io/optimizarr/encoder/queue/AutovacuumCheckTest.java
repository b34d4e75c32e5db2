package io.optimizarr.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutovacuumCheckTest {

  @Inject AutovacuumCheck check;

  @Test
  void shouldWarnExactlyWhenTheServerRunsWithoutAutovacuum() {
    // This project's machines run PostgreSQL with autovacuum off; a default server has it on.
    boolean off = TestDatabase.count("select (current_setting('autovacuum') = 'off')::int") == 1;

    assertThat(check.warning().await().atMost(Duration.ofSeconds(10)))
        .isEqualTo(off ? Optional.of(AutovacuumCheck.WARNING) : Optional.empty());
  }
}
