package io.optimizarr.encoder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.StrictSessions;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Repeated failed logins for one user from one address are slowed down, over real HTTP: with HTTP
 * Basic and the login form alike, whoever else logs in meanwhile, and attempts beyond the few a
 * held address may have open are refused with 429 rather than queued. Each test ends with a right
 * password, which forgets its user's failures.
 */
@QuarkusTest
@TestProfile(StrictSessions.class)
class LoginSlowdownTest {

  private static long millis(Supplier<?> attempt) {
    long started = System.nanoTime();
    attempt.get();
    return (System.nanoTime() - started) / 1_000_000;
  }

  @Test
  void shouldHoldAttemptsAfterRepeatedFailures() {
    for (int i = 0; i < 5; i++) {
      Users.as("admin", "guess-" + i).get("/api/me").then().statusCode(401);
    }

    long held =
        millis(() -> Users.as("admin", "one-more-guess").get("/api/me").then().statusCode(401));

    assertThat(held).isGreaterThanOrEqualTo(900);
    // The right password still works (after the same wait), and clears the user's record.
    Users.asAdmin().get("/api/me").then().statusCode(200);
    assertThat(millis(() -> Users.asAdmin().get("/api/me").then().statusCode(200))).isLessThan(900);
  }

  @Test
  void shouldKeepHoldingGuessesAtOneUserWhileAnotherLogsInFromTheSameAddress() {
    Users.create("vera", "vera-password", "viewer");
    for (int i = 0; i < 5; i++) {
      Users.as("admin", "guess-" + i).get("/api/me").then().statusCode(401);
      Users.as("vera", "vera-password").get("/api/me").then().statusCode(200);
    }

    long held =
        millis(() -> Users.as("admin", "one-more-guess").get("/api/me").then().statusCode(401));
    assertThat(held).as("vera's logins did not clear admin's failures").isGreaterThanOrEqualTo(900);
    assertThat(millis(() -> Users.as("vera", "vera-password").get("/api/me")))
        .as("vera is not held")
        .isLessThan(900);
    Users.asAdmin().get("/api/me").then().statusCode(200);
  }

  @Test
  void shouldCountFormFailuresForHttpBasicToo() {
    Users.create("fred", "fred-password", "viewer");
    for (int i = 0; i < 5; i++) {
      given()
          .formParam("j_username", "fred")
          .formParam("j_password", "guess-" + i)
          .post("/j_security_check")
          .then()
          .statusCode(401);
    }
    long held =
        millis(() -> Users.as("fred", "fred-password").get("/api/me").then().statusCode(200));
    assertThat(held).isGreaterThanOrEqualTo(900);
  }

  @Test
  void shouldRefuseParallelAttemptsOfAHeldAddressWith429() {
    for (int i = 0; i < 6; i++) {
      Users.as("admin", "guess-" + i).get("/api/me").then().statusCode(401);
    }
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<CompletableFuture<Response>> attempts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      attempts.add(
          CompletableFuture.supplyAsync(
              () -> Users.as("admin", "parallel-guess-" + n).get("/api/me"), threads));
    }
    List<Response> answers = attempts.stream().map(CompletableFuture::join).toList();
    threads.shutdown();

    List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(refused).hasSizeGreaterThanOrEqualTo(4);
    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 30);
              assertThat(r.contentType()).startsWith("application/problem+json");
            });
    assertThat(answers).filteredOn(r -> r.statusCode() == 401).hasSizeLessThanOrEqualTo(2);
    Users.asAdmin().get("/api/me").then().statusCode(200);
  }
}
