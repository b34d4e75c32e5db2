package io.optimizarr.encoder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.RawStream;
import io.optimizarr.encoder.testing.StrictSessions;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session cookie under attack: forged, tampered with, kept past its timeout (3 s here), sent by
 * another site's page, or kept after its user's sessions ended (a password change or reset, a
 * logout, the user deleted and created again). Each is refused and nothing is written.
 */
@QuarkusTest
@TestProfile(StrictSessions.class)
class SessionAttackTest {

  private static final Map<String, Object> PROFILE =
      Profiles.named("Cross-site").video("libx264", 23, "fast").body();

  private String session;

  @BeforeEach
  void login() {
    TestDatabase.clean();
    session = Users.sessionCookie(Users.ADMIN, Users.ADMIN_PASSWORD);
  }

  private RequestSpecification withCookie(String value) {
    return given().cookie(Users.SESSION_COOKIE, value);
  }

  @Test
  void shouldRefuseAForgedOrTamperedCookie() {
    withCookie(session).get("/api/me").then().statusCode(200);
    withCookie("forged").get("/api/me").then().statusCode(401);
    withCookie("").get("/api/me").then().statusCode(401);
    int middle = session.length() / 2;
    char flipped = session.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = session.substring(0, middle) + flipped + session.substring(middle + 1);
    withCookie(tampered).get("/api/me").then().statusCode(401);
    withCookie(session + "A").get("/api/me").then().statusCode(401);
  }

  @Test
  void shouldRefuseACookiePastItsTimeout() {
    long loggedIn = System.nanoTime();
    withCookie(session).get("/api/me").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> withCookie(session).get("/api/me").statusCode() == 401);
    assertThat(Duration.ofNanos(System.nanoTime() - loggedIn)).isGreaterThan(Duration.ofSeconds(2));
  }

  @Test
  void shouldRefuseWritesAndLoginsFromAnotherSite() {
    long profiles = TestDatabase.count("select count(*) from encoding_profile");
    for (var header :
        Map.of(
                "Origin", "https://evil.example",
                "Sec-Fetch-Site", "cross-site")
            .entrySet()) {
      withCookie(session)
          .header(header.getKey(), header.getValue())
          .contentType("application/json")
          .body(PROFILE)
          .post("/api/profiles")
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("detail", containsString("cross-site"));
      given()
          .header(header.getKey(), header.getValue())
          .formParam("j_username", Users.ADMIN)
          .formParam("j_password", Users.ADMIN_PASSWORD)
          .post("/j_security_check")
          .then()
          .statusCode(403);
    }
    withCookie(session)
        .header("Origin", "null")
        .body("{}")
        .post("/api/logout")
        .then()
        .statusCode(403);
    // What a form on another site can send where the browser names no origin: not JSON.
    withCookie(session)
        .contentType("application/x-www-form-urlencoded")
        .formParam("name", "Cross-site")
        .post("/api/profiles")
        .then()
        .statusCode(415);
    assertThat(TestDatabase.count("select count(*) from encoding_profile")).isEqualTo(profiles);

    // This server's own pages are let through.
    withCookie(session)
        .header("Origin", "http://localhost:" + RestAssured.port)
        .header("Sec-Fetch-Site", "same-origin")
        .contentType("application/json")
        .body(PROFILE)
        .post("/api/profiles")
        .then()
        .statusCode(201);
  }

  private static final String SAM = "sam";
  private static final String SAM_PASSWORD = "sam-password-1";

  private static int createSam() {
    return Users.createdId(
        "/api/users", Map.of("username", SAM, "password", SAM_PASSWORD, "role", "viewer"));
  }

  @Test
  void shouldEndEverySessionOfAUserWhoChangesTheirPassword() {
    createSam();
    String one = Users.sessionCookie(SAM, SAM_PASSWORD);
    String other = Users.sessionCookie(SAM, SAM_PASSWORD);
    withCookie(other).get("/api/me").then().statusCode(200);

    withCookie(one)
        .contentType("application/json")
        .body(Map.of("currentPassword", SAM_PASSWORD, "password", "sam-password-2"))
        .put("/api/me/password")
        .then()
        .statusCode(204);

    withCookie(other).get("/api/me").then().statusCode(401);
    withCookie(one).get("/api/me").then().statusCode(401);
    withCookie(Users.sessionCookie(SAM, "sam-password-2")).get("/api/me").then().statusCode(200);
  }

  @Test
  void shouldEndAUsersSessionsWhenAnAdminResetsTheirPassword() {
    int id = createSam();
    String cookie = Users.sessionCookie(SAM, SAM_PASSWORD);
    withCookie(cookie).get("/api/me").then().statusCode(200);

    Users.asAdmin()
        .contentType("application/json")
        .body(Map.of("password", "sam-password-3"))
        .put("/api/users/" + id + "/password")
        .then()
        .statusCode(204);

    withCookie(cookie).get("/api/me").then().statusCode(401);
  }

  @Test
  void shouldRefuseACopyOfTheCookieAfterLogout() {
    createSam();
    String cookie = Users.sessionCookie(SAM, SAM_PASSWORD);
    String copy = cookie;
    withCookie(cookie).post("/api/logout").then().statusCode(204);
    withCookie(copy).get("/api/me").then().statusCode(401);
    // Logging in again works.
    withCookie(Users.sessionCookie(SAM, SAM_PASSWORD)).get("/api/me").then().statusCode(200);
  }

  @Test
  void shouldNotLetAUserCreatedAgainInheritTheOldCookies() {
    int id = createSam();
    String old = Users.sessionCookie(SAM, SAM_PASSWORD);
    Users.asAdmin().delete("/api/users/" + id).then().statusCode(204);
    createSam();

    withCookie(old).get("/api/me").then().statusCode(401);
    withCookie(Users.sessionCookie(SAM, SAM_PASSWORD)).get("/api/me").then().statusCode(200);
  }

  @Test
  void shouldCloseTheEventStreamsOfAUserWhoseSessionsEnd() throws Exception {
    int id = createSam();
    try (var stream =
            new RawStream(RestAssured.port, "/api/events", Users.sessionCookie(SAM, SAM_PASSWORD));
        var adminStream = new RawStream(RestAssured.port, "/api/events", session)) {
      assertThat(stream.status).isEqualTo(200);
      Users.asAdmin()
          .contentType("application/json")
          .body(Map.of("password", "sam-password-4"))
          .put("/api/users/" + id + "/password")
          .then()
          .statusCode(204);
      assertThat(stream.endsWithin(Duration.ofSeconds(5))).as("sam's stream closed").isTrue();
      assertThat(adminStream.endsWithin(Duration.ofSeconds(1))).as("others' stay").isFalse();
    }
    try (var stream =
        new RawStream(
            RestAssured.port, "/api/events", Users.sessionCookie(SAM, "sam-password-4"))) {
      assertThat(stream.status).isEqualTo(200);
      Users.asAdmin().delete("/api/users/" + id).then().statusCode(204);
      assertThat(stream.endsWithin(Duration.ofSeconds(5))).as("closed on deletion").isTrue();
    }
  }

  @Test
  void shouldEndSessionsAndStreamsAtOnceWhenAnotherNodeEndsThem() throws Exception {
    createSam();
    String cookie = Users.sessionCookie(SAM, SAM_PASSWORD);
    withCookie(cookie).get("/api/me").then().statusCode(200);
    try (var stream = new RawStream(RestAssured.port, "/api/events", cookie)) {
      assertThat(stream.status).isEqualTo(200);
      // As another node's password change would, straight in the database.
      TestDatabase.execute(
          "UPDATE app_user SET session_version = nextval('app_user_session_version')"
              + " WHERE username = 'sam'");
      assertThat(stream.endsWithin(Duration.ofSeconds(2)))
          .as("closed well within the 5 s recheck")
          .isTrue();
    }
    withCookie(cookie).get("/api/me").then().statusCode(401);
  }
}
