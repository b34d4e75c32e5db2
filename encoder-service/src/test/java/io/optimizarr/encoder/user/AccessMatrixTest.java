package io.optimizarr.encoder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint: 401 without a login; 403 for a viewer on every write; reads open to viewers. */
@QuarkusTest
class AccessMatrixTest {

  record Endpoint(String method, String path, boolean adminOnly) {}

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/api/me", false),
          new Endpoint("PUT", "/api/me/password", false),
          new Endpoint("GET", "/api/users", true),
          new Endpoint("POST", "/api/users", true),
          new Endpoint("PUT", "/api/users/1/password", true),
          new Endpoint("DELETE", "/api/users/1", true),
          new Endpoint("GET", "/api/profiles", false),
          new Endpoint("GET", "/api/profiles/1", false),
          new Endpoint("POST", "/api/profiles", true),
          new Endpoint("PUT", "/api/profiles/1", true),
          new Endpoint("DELETE", "/api/profiles/1", true),
          new Endpoint("GET", "/api/jobs", false),
          new Endpoint("GET", "/api/jobs/1", false),
          new Endpoint("GET", "/api/jobs/1/events", false),
          new Endpoint("POST", "/api/jobs", true),
          new Endpoint("POST", "/api/jobs/1/pause", true),
          new Endpoint("POST", "/api/jobs/1/resume", true),
          new Endpoint("POST", "/api/jobs/1/cancel", true),
          new Endpoint("DELETE", "/api/jobs/1", true),
          new Endpoint("GET", "/api/settings/resources", false),
          new Endpoint("GET", "/api/settings/resources/presets", false),
          new Endpoint("POST", "/api/settings/resources", true),
          new Endpoint("PUT", "/api/settings/resources", true),
          new Endpoint("GET", "/api/resources/current", false),
          new Endpoint("GET", "/api/resources/thresholds", false),
          new Endpoint("GET", "/api/resources/history", false),
          new Endpoint("POST", "/api/logout", false),
          new Endpoint("GET", "/api/no-such-endpoint", false));

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
    for (Endpoint e : ENDPOINTS) {
      assertThat(call(given(), e)).as("%s %s", e.method(), e.path()).isEqualTo(401);
      assertThat(call(Users.as("matrix-viewer", "wrong-password"), e))
          .as("%s %s wrong password", e.method(), e.path())
          .isEqualTo(401);
    }
  }

  @Test
  void shouldAnswer403ToAViewerOnEveryWriteAndLetItRead() {
    for (Endpoint e : ENDPOINTS) {
      int status = call(Users.as("matrix-viewer", "matrix-secret"), e);
      if (e.adminOnly()) {
        assertThat(status).as("%s %s", e.method(), e.path()).isEqualTo(403);
      } else {
        assertThat(status).as("%s %s", e.method(), e.path()).isNotIn(401, 403);
      }
    }
  }
}
