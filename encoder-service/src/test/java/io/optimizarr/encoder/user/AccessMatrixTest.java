package io.optimizarr.encoder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.ApiEndpoints;
import io.optimizarr.encoder.testing.ApiEndpoints.Endpoint;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint: 401 without a login; 403 for a viewer on every write; reads open to viewers. */
@QuarkusTest
class AccessMatrixTest {

  @BeforeAll
  static void clean() {
    TestDatabase.clean();
  }

  @BeforeEach
  void viewer() {
    if (TestDatabase.count("select count(*) from app_user where username = 'matrix-viewer'") == 0) {
      Users.create("matrix-viewer", "matrix-secret", "viewer");
    }
  }

  private static int call(RequestSpecification request, Endpoint e) {
    return request
        .contentType("application/json")
        .body("{}")
        .request(e.method(), e.path())
        .statusCode();
  }

  @Test
  void shouldAnswer401WithoutALoginOnEveryEndpoint() {
    for (Endpoint e : ApiEndpoints.ALL) {
      assertThat(call(given(), e)).as("%s %s", e.method(), e.path()).isEqualTo(401);
      assertThat(call(Users.as("matrix-viewer", "wrong-password"), e))
          .as("%s %s wrong password", e.method(), e.path())
          .isEqualTo(401);
    }
  }

  @Test
  void shouldAnswer403ToAViewerOnEveryWriteAndLetItRead() {
    for (Endpoint e : ApiEndpoints.ALL) {
      int status = call(Users.as("matrix-viewer", "matrix-secret"), e);
      if (e.adminOnly()) {
        assertThat(status).as("%s %s", e.method(), e.path()).isEqualTo(403);
      } else {
        assertThat(status).as("%s %s", e.method(), e.path()).isNotIn(401, 403);
      }
    }
  }

  /** A viewer's API key may do what a viewer may; a key that is not one, nothing. */
  @Test
  void shouldGiveAViewersKeyAViewersRightsAndAWrongKeyNone() {
    String key =
        Users.asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "matrix-viewer-key-" + System.nanoTime(), "role", "viewer"))
            .post("/api/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    for (Endpoint e : ApiEndpoints.ALL) {
      int status = call(given().header("X-Api-Key", key), e);
      if (e.adminOnly()) {
        assertThat(status).as("%s %s", e.method(), e.path()).isEqualTo(403);
      } else {
        assertThat(status).as("%s %s", e.method(), e.path()).isNotIn(401, 403);
      }
      assertThat(call(given().header("X-Api-Key", key + "x"), e))
          .as("%s %s wrong key", e.method(), e.path())
          .isEqualTo(401);
    }
  }
}
