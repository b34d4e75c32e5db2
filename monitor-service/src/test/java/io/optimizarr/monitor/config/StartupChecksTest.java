package io.optimizarr.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.LaunchMode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

  private static MonitorConfig.Monitor monitor(String password, Duration interval) {
    return new MonitorConfig.Monitor() {
      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public Duration history() {
        return Duration.ofMinutes(60);
      }

      @Override
      public String user() {
        return "optimizarr";
      }

      @Override
      public Optional<String> password() {
        return Optional.ofNullable(password);
      }

      @Override
      public Optional<String> hostName() {
        return Optional.empty();
      }
    };
  }

  @Test
  void shouldRefuseProductionWithoutAPasswordNamingTheVariable() {
    assertThat(StartupChecks.problems(monitor(null, Duration.ofSeconds(1)), LaunchMode.NORMAL))
        .singleElement()
        .asString()
        .contains("OPTIMIZARR_MONITOR_PASSWORD");
    assertThat(StartupChecks.problems(monitor("  ", Duration.ofSeconds(1)), LaunchMode.NORMAL))
        .hasSize(1);
  }

  @Test
  void shouldAllowDevelopmentAndTestsWithoutAPassword() {
    assertThat(StartupChecks.problems(monitor(null, Duration.ofSeconds(1)), LaunchMode.DEVELOPMENT))
        .isEmpty();
    assertThat(StartupChecks.problems(monitor(null, Duration.ofSeconds(1)), LaunchMode.TEST))
        .isEmpty();
  }

  @Test
  void shouldRefuseAnIntervalUnder250Milliseconds() {
    assertThat(StartupChecks.problems(monitor("s3cret", Duration.ofMillis(100)), LaunchMode.NORMAL))
        .singleElement()
        .asString()
        .contains("OPTIMIZARR_MONITOR_INTERVAL", "250ms");
    assertThat(StartupChecks.problems(monitor("s3cret", Duration.ofMillis(250)), LaunchMode.NORMAL))
        .isEmpty();
  }
}
