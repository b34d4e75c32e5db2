package io.optimizarr.monitor.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWithIgnoringCase;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

  private static final List<String> API_PATHS =
      List.of(
          "/api/resources/current",
          "/api/resources/stream",
          "/api/resources/history?minutes=5",
          "/api/resources/processes?pid=1",
          "/api/no-such-path");

  @Test
  void shouldAnswer401OnEveryApiPathWithoutCredentials() {
    for (String path : API_PATHS) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", startsWithIgnoringCase("basic"));
    }
  }

  @Test
  void shouldAnswer401WithAWrongPasswordOrUser() {
    for (String path : API_PATHS) {
      given().auth().preemptive().basic("optimizarr", "wrong").get(path).then().statusCode(401);
      given().auth().preemptive().basic("admin", "test-secret").get(path).then().statusCode(401);
    }
  }

  @Test
  void shouldLetTheServiceUserIn() {
    given()
        .auth()
        .preemptive()
        .basic("optimizarr", "test-secret")
        .get("/api/resources/history?minutes=5")
        .then()
        .statusCode(200);
  }
}
