package io.optimizarr.encoder.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Logins for tests: the first admin, and viewers and admins the tests create through the API. */
public final class Users {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "test-admin-secret";

  private Users() {}

  public static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
  }

  public static RequestSpecification as(String user, String password) {
    return given().auth().preemptive().basic(user, password);
  }

  public static final String SESSION_COOKIE = "quarkus-credential";

  /**
   * The session cookie of a form login: for tests that send many requests, which would each check
   * the password with HTTP Basic.
   */
  public static String sessionCookie(String user, String password) {
    return given()
        .formParam("j_username", user)
        .formParam("j_password", password)
        .post("/j_security_check")
        .then()
        .statusCode(200)
        .extract()
        .cookie(SESSION_COOKIE);
  }

  /** POSTs {@code body} as JSON as the first admin to a collection; the id of what it created. */
  public static int createdId(String path, Object body) {
    return asAdmin()
        .contentType("application/json")
        .body(body)
        .post(path)
        .then()
        .log()
        .ifValidationFails()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Creates a user through the API as the first admin. */
  public static void create(String username, String password, String role) {
    asAdmin()
        .contentType("application/json")
        .body(Map.of("username", username, "password", password, "role", role))
        .post("/api/users")
        .then()
        .statusCode(201);
  }
}
