package io.optimizarr.encoder.user;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeysTest {

  @BeforeAll
  static void clean() {
    TestDatabase.clean();
  }

  private static JsonPath create(String name, String role) {
    return asAdmin()
        .contentType("application/json")
        .body(Map.of("name", name, "role", role))
        .post("/api/keys")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void shouldShowAKeyOnceAndKeepOnlyItsHash() {
    JsonPath created = create("sonarr", "viewer");
    String key = created.getString("key");
    long id = created.getLong("id");

    assertThat(key).startsWith("opz_").hasSize(47);
    assertThat(created.getString("prefix")).isEqualTo(key.substring(0, 8));
    assertThat(created.getString("createdBy")).isEqualTo("admin");
    assertThat(
            TestDatabase.count(
                "select count(*) from api_key where id = "
                    + id
                    + " and key_sha256 = '"
                    + ApiKeySecret.sha256(key)
                    + "' and key_sha256 <> '"
                    + key
                    + "'"))
        .isEqualTo(1);
    asAdmin()
        .get("/api/keys")
        .then()
        .statusCode(200)
        .body("name", hasItem("sonarr"))
        .body("find { it.name == 'sonarr' }", not(hasKey("key")))
        .body("find { it.name == 'sonarr' }.role", equalTo("viewer"));
  }

  @Test
  void shouldActWithTheKeysRoleFromTheHeaderOrTheQuery() {
    String viewer = create("viewer-script", "viewer").getString("key");
    String admin = create("admin-script", "admin").getString("key");

    given().header("X-Api-Key", viewer).get("/api/jobs").then().statusCode(200);
    given().queryParam("apikey", viewer).get("/api/jobs").then().statusCode(200);
    given()
        .header("X-Api-Key", viewer)
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("key/viewer-script"))
        .body("role", equalTo("viewer"));
    given()
        .header("X-Api-Key", viewer)
        .contentType("application/json")
        .body(Map.of("name", "from-a-viewer", "role", "viewer"))
        .post("/api/keys")
        .then()
        .statusCode(403);

    given()
        .header("X-Api-Key", admin)
        .contentType("application/json")
        .body(Map.of("name", "made-by-a-key", "role", "viewer"))
        .post("/api/keys")
        .then()
        .statusCode(201)
        .body("createdBy", equalTo("key/admin-script"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                TestDatabase.count(
                        "select count(*) from api_key where name = 'admin-script'"
                            + " and last_used_at is not null")
                    == 1);
  }

  @Test
  void shouldRefuseARevokedKeyAtOnce() {
    JsonPath created = create("to-revoke", "admin");
    String key = created.getString("key");
    given().header("X-Api-Key", key).get("/api/profiles").then().statusCode(200);

    asAdmin().delete("/api/keys/" + created.getLong("id")).then().statusCode(204);

    given().header("X-Api-Key", key).get("/api/profiles").then().statusCode(401);
    asAdmin().delete("/api/keys/" + created.getLong("id")).then().statusCode(404);
  }

  @Test
  void shouldRefuseBadInputNamingTheFieldAndAKeyNameTwice() {
    asAdmin()
        .contentType("application/json")
        .body("{}")
        .post("/api/keys")
        .then()
        .statusCode(400)
        .body(
            "errors.name", equalTo("name must be 1 to 64 letters, digits, spaces, '.', '_' or '-'"))
        .body("errors.role", equalTo("role must be admin or viewer"));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "radarr", "role", "viewer", "scope", "all"))
        .post("/api/keys")
        .then()
        .statusCode(400);
    create("radarr", "viewer");
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "radarr", "role", "admin"))
        .post("/api/keys")
        .then()
        .statusCode(409)
        .body("errors.name", equalTo("an API key named radarr exists"));
    assertThat(TestDatabase.count("select count(*) from api_key where name = 'radarr'"))
        .isEqualTo(1);
  }

  @Test
  void shouldAnswer401ToWhatIsNoKey() {
    for (String notAKey : List.of("opz_no-such-key", "hunter2", "opz_" + "a".repeat(200))) {
      given().header("X-Api-Key", notAKey).get("/api/jobs").then().statusCode(401);
    }
  }
}
