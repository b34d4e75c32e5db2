package io.optimizarr.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.LaunchMode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

  private static MonitorConfig.Monitor monitor(String password, Duration interval) {
    return monitor(password, interval, Duration.ofMillis(200));
  }

  private static MonitorConfig.Monitor monitor(String password, Duration interval, Duration pulse) {
    return new MonitorConfig.Monitor() {
      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public Duration pulseInterval() {
        return pulse;
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

  @Test
  void shouldRefuseAPulseSlowerThanFourASecondOrFasterThanTwenty() {
    for (long millis : new long[] {49, 251, 1000}) {
      assertThat(
              StartupChecks.problems(
                  monitor("s3cret", Duration.ofSeconds(1), Duration.ofMillis(millis)),
                  LaunchMode.NORMAL))
          .singleElement()
          .asString()
          .contains("OPTIMIZARR_MONITOR_PULSE_INTERVAL", "50ms to 250ms");
    }
    for (long millis : new long[] {50, 200, 250}) {
      assertThat(
              StartupChecks.problems(
                  monitor("s3cret", Duration.ofSeconds(1), Duration.ofMillis(millis)),
                  LaunchMode.NORMAL))
          .isEmpty();
    }
  }
}
