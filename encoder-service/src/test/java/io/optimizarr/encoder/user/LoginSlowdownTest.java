package io.optimizarr.encoder.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.StrictSessions;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Repeated failed logins from one address are slowed down, over real HTTP. */
@QuarkusTest
@TestProfile(StrictSessions.class)
class LoginSlowdownTest {

  @Test
  void shouldHoldAttemptsAfterRepeatedFailures() {
    for (int i = 0; i < 5; i++) {
      Users.as("admin", "guess-" + i).get("/api/me").then().statusCode(401);
    }

    long started = System.nanoTime();
    Users.as("admin", "one-more-guess").get("/api/me").then().statusCode(401);
    long heldMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(heldMillis).isGreaterThanOrEqualTo(900);
    // The right password still works (after the same wait), and clears the address's record.
    Users.asAdmin().get("/api/me").then().statusCode(200);
    long after = System.nanoTime();
    Users.asAdmin().get("/api/me").then().statusCode(200);
    assertThat((System.nanoTime() - after) / 1_000_000).isLessThan(900);
  }
}
