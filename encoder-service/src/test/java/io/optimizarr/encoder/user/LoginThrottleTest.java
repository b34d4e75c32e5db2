package io.optimizarr.encoder.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final LoginThrottle throttle = new LoginThrottle(5);

  @Test
  void shouldLetAFewMistakesThroughThenDoubleTheWait() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.delayMillis("10.0.0.1", i)).isZero();
      throttle.failed("10.0.0.1", i);
    }
    assertThat(throttle.delayMillis("10.0.0.1", 10)).isEqualTo(1_000);
    throttle.failed("10.0.0.1", 11);
    assertThat(throttle.delayMillis("10.0.0.1", 12)).isEqualTo(2_000);
    assertThat(throttle.delayMillis("10.0.0.2", 12)).as("other addresses").isZero();
  }

  @Test
  void shouldCapTheWaitAndForgetAfterSuccessOrQuiet() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("a", 0);
    }
    assertThat(throttle.delayMillis("a", 1)).isEqualTo(LoginThrottle.MAX_DELAY_MILLIS);
    assertThat(throttle.delayMillis("a", LoginThrottle.FORGET_AFTER_MILLIS + 1)).isZero();
    throttle.succeeded("a");
    assertThat(throttle.delayMillis("a", 2)).isZero();
  }
}
