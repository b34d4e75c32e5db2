package io.optimizarr.encoder.user;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsersResourceTest {

  @BeforeAll
  static void clean() {
    TestDatabase.clean();
  }

  @Test
  void shouldCreateTheFirstAdminFromConfigurationWithABcryptHash() {
    asAdmin()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("admin"))
        .body("role", equalTo("admin"));
    assertThat(
            TestDatabase.count(
                "select count(*) from app_user where username = 'admin' and password_hash like '$2a$%'"))
        .isEqualTo(1);
  }

  @Test
  void shouldLogInWithTheFormAndASessionCookie() {
    Users.create("form-user", "form-secret", "viewer");

    var login =
        given()
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", "form-user")
            .formParam("j_password", "form-secret")
            .post("/j_security_check")
            .then()
            .statusCode(200)
            .extract();
    String cookie = login.header("Set-Cookie");
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

    given()
        .cookie("quarkus-credential", login.cookie("quarkus-credential"))
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("form-user"));
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("j_username", "form-user")
        .formParam("j_password", "wrong")
        .post("/j_security_check")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldLetAdminsManageUsersAndEveryoneTheirOwnPassword() {
    Users.create("alice", "alice-secret", "viewer");
    asAdmin()
        .get("/api/users")
        .then()
        .statusCode(200)
        .body("username", hasItem("alice"))
        .body("passwordHash", not(hasItem(notNullValue())));

    Users.as("alice", "alice-secret")
        .contentType("application/json")
        .body(Map.of("currentPassword", "wrong-one", "password", "alice-new-secret"))
        .put("/api/me/password")
        .then()
        .statusCode(400)
        .body("field", equalTo("currentPassword"));
    Users.as("alice", "alice-secret")
        .contentType("application/json")
        .body(Map.of("currentPassword", "alice-secret", "password", "alice-new-secret"))
        .put("/api/me/password")
        .then()
        .statusCode(204);
    Users.as("alice", "alice-new-secret").get("/api/me").then().statusCode(200);

    int id =
        asAdmin().get("/api/users").then().extract().path("find { it.username == 'alice' }.id");
    asAdmin()
        .contentType("application/json")
        .body(Map.of("password", "reset-by-admin"))
        .put("/api/users/" + id + "/password")
        .then()
        .statusCode(204);
    Users.as("alice", "reset-by-admin").get("/api/me").then().statusCode(200);
    asAdmin().delete("/api/users/" + id).then().statusCode(204);
    Users.as("alice", "reset-by-admin").get("/api/me").then().statusCode(401);
  }

  @Test
  void shouldKeepASessionsRoleAndRefuseADeletedUsersSessionAtOnce() {
    Users.create("dave", "dave-secret", "viewer");
    String session = Users.sessionCookie("dave", "dave-secret");
    given().cookie(Users.SESSION_COOKIE, session).get("/api/me").then().statusCode(200);
    given().cookie(Users.SESSION_COOKIE, session).get("/api/jobs").then().statusCode(200);
    given()
        .cookie(Users.SESSION_COOKIE, session)
        .contentType("application/json")
        .body(Map.of("username", "mallory", "password", "mallory-secret", "role", "admin"))
        .post("/api/users")
        .then()
        .statusCode(403);

    int id = asAdmin().get("/api/users").then().extract().path("find { it.username == 'dave' }.id");
    asAdmin().delete("/api/users/" + id).then().statusCode(204);

    given().cookie(Users.SESSION_COOKIE, session).get("/api/jobs").then().statusCode(401);
    given().cookie(Users.SESSION_COOKIE, session).get("/api/me").then().statusCode(401);
  }

  @Test
  void shouldRefuseTheSessionOfAUserDeletedElsewhereWithinTheRecheck() {
    Users.create("erin", "erin-secret", "viewer");
    String session = Users.sessionCookie("erin", "erin-secret");
    given().cookie(Users.SESSION_COOKIE, session).get("/api/jobs").then().statusCode(200);

    // As another node (or psql) would: this node's trust in the session lasts 5 s at most.
    TestDatabase.execute("delete from app_user where username = 'erin'");
    given().cookie(Users.SESSION_COOKIE, session).get("/api/me").then().statusCode(401);
    await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                given().cookie(Users.SESSION_COOKIE, session).get("/api/jobs").statusCode() == 401);
  }

  @Test
  void shouldRefuseBadUsersNamingTheFields() {
    asAdmin()
        .contentType("application/json")
        .body(Map.of("username", "bad name!", "password", "short", "role", "root"))
        .post("/api/users")
        .then()
        .statusCode(400)
        .body("errors.username", notNullValue())
        .body("errors.password", notNullValue())
        .body("errors.role", notNullValue());
    Users.create("bob", "bob-secret-1", "viewer");
    asAdmin()
        .contentType("application/json")
        .body(Map.of("username", "bob", "password", "bob-secret-2", "role", "viewer"))
        .post("/api/users")
        .then()
        .statusCode(409);
  }

  @Test
  void shouldKeepViewersAwayFromAccounts() {
    Users.create("carol", "carol-secret", "viewer");

    Users.as("carol", "carol-secret").get("/api/users").then().statusCode(403);
    Users.as("carol", "carol-secret")
        .contentType("application/json")
        .body(Map.of("username", "eve", "password", "eve-secret", "role", "admin"))
        .post("/api/users")
        .then()
        .statusCode(403);
    given().get("/api/me").then().statusCode(401);
    given().get("/api/users").then().statusCode(401);
  }
}
