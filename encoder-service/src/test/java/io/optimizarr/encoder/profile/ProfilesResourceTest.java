package io.optimizarr.encoder.profile;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfilesResourceTest {

  @BeforeAll
  static void clean() {
    TestDatabase.clean();
  }

  private static Profiles hevc(String name) {
    return Profiles.named(name).video("libx265", 23, "slow").audio("opus", 128);
  }

  @Test
  void shouldStartWithThreeSensibleProfiles() {
    asAdmin()
        .get("/api/profiles")
        .then()
        .statusCode(200)
        .body("name", hasItems("HEVC balanced", "H.264 compatible", "AV1 small"))
        .body("videoCodec", hasItems("libx265", "libx264", "libsvtav1"));
  }

  @Test
  void shouldCreateReadUpdateAndDeleteAProfile() {
    int id =
        asAdmin()
            .contentType("application/json")
            .body(hevc("Archive").body())
            .post("/api/profiles")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/profiles/"))
            .body("quality", equalTo(23))
            .extract()
            .path("id");

    var changed = hevc("Archive").with("quality", 20).with("niceLevel", 15).body();
    asAdmin()
        .contentType("application/json")
        .body(changed)
        .put("/api/profiles/" + id)
        .then()
        .statusCode(200)
        .body("niceLevel", equalTo(15));
    asAdmin().get("/api/profiles/" + id).then().statusCode(200).body("quality", equalTo(20));
    asAdmin().delete("/api/profiles/" + id).then().statusCode(204);
    asAdmin()
        .get("/api/profiles/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldAnswer400NamingEveryBadFieldAndSaveNothing() {
    var bad = hevc("Broken").video("libx264", 60, "p7").container("avi").body();
    long before = TestDatabase.count("select count(*) from encoding_profile");

    asAdmin()
        .contentType("application/json")
        .body(bad)
        .post("/api/profiles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors", hasKey("quality"))
        .body("errors", hasKey("preset"))
        .body("errors", hasKey("container"))
        .body("errors.quality", containsString("0 to 51"));
    assertThat(TestDatabase.count("select count(*) from encoding_profile")).isEqualTo(before);
  }

  @Test
  void shouldKeepTheStreamRulesOfAProfileAndShowTheirDefaults() {
    int id =
        Users.createdId(
            "/api/profiles",
            hevc("Stream rules")
                .with("audioLanguages", List.of("eng", "FRA"))
                .with("subtitleLanguages", List.of())
                .with("allowStreamDrops", true)
                .with("thoroughCheck", false)
                .body());
    asAdmin()
        .get("/api/profiles/" + id)
        .then()
        .statusCode(200)
        .body("audioLanguages", equalTo(List.of("eng", "fra")))
        .body("subtitleLanguages", equalTo(List.of()))
        .body("allowStreamDrops", equalTo(true))
        .body("thoroughCheck", equalTo(false));
    asAdmin()
        .get("/api/profiles/1")
        .then()
        .body("audioLanguages", equalTo(List.of()))
        .body("allowStreamDrops", equalTo(false))
        .body("thoroughCheck", nullValue());
  }

  @Test
  void shouldKeepTheChunkSettingsOfAProfileAndShowTheirDefaults() {
    int id =
        Users.createdId(
            "/api/profiles",
            hevc("Chunks of two minutes")
                .with("segmentSeconds", 120)
                .with("segmentAboveSeconds", 0)
                .with("shareChunks", true)
                .body());
    asAdmin()
        .get("/api/profiles/" + id)
        .then()
        .statusCode(200)
        .body("segmented", equalTo(true))
        .body("segmentSeconds", equalTo(120))
        .body("segmentAboveSeconds", equalTo(0))
        .body("shareChunks", equalTo(true));
    asAdmin()
        .get("/api/profiles/1")
        .then()
        .body("segmented", equalTo(true))
        .body("segmentSeconds", equalTo(60))
        .body("segmentAboveSeconds", equalTo(600))
        .body("shareChunks", equalTo(false));
    asAdmin()
        .contentType("application/json")
        .body(hevc("Chunks too short").with("segmentSeconds", 1).body())
        .post("/api/profiles")
        .then()
        .statusCode(400)
        .body("errors.segmentSeconds", containsString("10 to 3600"));
  }

  @Test
  void shouldAnswer400NamingALanguageListWithAnUnknownCode() {
    asAdmin()
        .contentType("application/json")
        .body(hevc("Klingon").with("audioLanguages", List.of("eng", "tlh-x")).body())
        .post("/api/profiles")
        .then()
        .statusCode(400)
        .body("errors", hasKey("audioLanguages"))
        .body("errors.audioLanguages", containsString("'tlh-x' is not an ISO 639-2 language code"));
  }

  @Test
  void shouldRefuseToDeleteAProfileThatJobsOrLibraryFoldersUse() {
    int byJob = Users.createdId("/api/profiles", hevc("Used by a job").body());
    int byFolder = Users.createdId("/api/profiles", hevc("Used by a folder").body());
    TestDatabase.execute(
        "INSERT INTO encoding_job (input_path, output_path, profile_id, status)"
            + " VALUES ('/in/used.mkv', '/out/used.mkv', "
            + byJob
            + ", 'COMPLETED')");
    TestDatabase.execute(
        "INSERT INTO library_folder (path, profile_id, extensions) VALUES ('/library', "
            + byFolder
            + ", '{mkv}')");

    asAdmin()
        .delete("/api/profiles/" + byJob)
        .then()
        .statusCode(409)
        .body("detail", equalTo("profile " + byJob + " is used by 1 job(s)"));
    asAdmin()
        .delete("/api/profiles/" + byFolder)
        .then()
        .statusCode(409)
        .body("detail", equalTo("profile " + byFolder + " is used by 1 library folder(s)"));
    asAdmin().get("/api/profiles/" + byJob).then().statusCode(200);
    TestDatabase.clean();
  }

  @Test
  void shouldAnswer400ForAWronglyTypedFieldAnd409ForADuplicateName() {
    var typed = hevc("Typed").with("quality", "high").body();
    asAdmin()
        .contentType("application/json")
        .body(typed)
        .post("/api/profiles")
        .then()
        .statusCode(400)
        .body("field", equalTo("quality"));

    asAdmin()
        .contentType("application/json")
        .body(hevc("HEVC balanced").body())
        .post("/api/profiles")
        .then()
        .statusCode(409)
        .body("field", equalTo("name"));
  }

  @Test
  void shouldLetViewersReadButNotWrite() {
    Users.create("profile-viewer", "viewer-secret", "viewer");

    Users.as("profile-viewer", "viewer-secret").get("/api/profiles").then().statusCode(200);
    Users.as("profile-viewer", "viewer-secret")
        .contentType("application/json")
        .body(hevc("Nope").body())
        .post("/api/profiles")
        .then()
        .statusCode(403);
    Users.as("profile-viewer", "viewer-secret").delete("/api/profiles/1").then().statusCode(403);
  }
}
