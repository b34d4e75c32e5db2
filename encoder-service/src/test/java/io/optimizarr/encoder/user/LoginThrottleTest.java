package io.optimizarr.encoder.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final LoginThrottle throttle = new LoginThrottle(5, 2);

  @Test
  void shouldLetAFewMistakesThroughThenDoubleTheWait() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.delayMillis("10.0.0.1", "admin", i)).isZero();
      throttle.failed("10.0.0.1", "admin", i);
    }
    assertThat(throttle.delayMillis("10.0.0.1", "admin", 10)).isEqualTo(1_000);
    throttle.failed("10.0.0.1", "admin", 11);
    assertThat(throttle.delayMillis("10.0.0.1", "admin", 12)).isEqualTo(2_000);
    assertThat(throttle.delayMillis("10.0.0.2", "admin", 12)).as("other addresses").isZero();
    assertThat(throttle.delayMillis("10.0.0.1", "viewer", 12)).as("other users").isZero();
  }

  @Test
  void shouldCapTheWaitAndForgetAfterSuccessOrQuiet() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("a", "admin", 0);
    }
    assertThat(throttle.delayMillis("a", "admin", 1)).isEqualTo(LoginThrottle.MAX_DELAY_MILLIS);
    assertThat(throttle.delayMillis("a", "admin", LoginThrottle.FORGET_AFTER_MILLIS + 1)).isZero();
    throttle.succeeded("a", "admin");
    assertThat(throttle.delayMillis("a", "admin", 2)).isZero();
  }

  @Test
  void shouldNotClearOneUsersFailuresWhenAnotherSucceedsFromTheSameAddress() {
    for (int i = 0; i < 7; i++) {
      throttle.failed("10.0.0.1", "admin", i);
      throttle.succeeded("10.0.0.1", "viewer");
    }
    assertThat(throttle.delayMillis("10.0.0.1", "admin", 8)).isEqualTo(4_000);
  }

  @Test
  void shouldRefuseAttemptsBeyondTheOpenOnesOfAHeldAddressInsteadOfQueueingThem() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.open("10.0.0.1", 0).admitted()).as("not held: no limit").isTrue();
    }
    for (int i = 0; i < 3; i++) {
      throttle.closed("10.0.0.1");
    }
    for (int i = 0; i < 6; i++) {
      throttle.failed("10.0.0.1", "admin", 0);
    }
    assertThat(throttle.open("10.0.0.1", 1).admitted()).isTrue();
    assertThat(throttle.open("10.0.0.1", 1).admitted()).isTrue();
    var refused = throttle.open("10.0.0.1", 1);
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfterMillis()).isEqualTo(2_000);
    assertThat(throttle.open("10.0.0.2", 1).admitted()).as("other addresses").isTrue();

    throttle.closed("10.0.0.1");
    assertThat(throttle.open("10.0.0.1", 2).admitted()).as("once one is answered").isTrue();
  }
}
