package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.ServiceFakes;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plex, Jellyfin and Emby asked to rescan what a replace in a library folder changed, each at the
 * folder's path as that server sees it; a job outside their folders tells them nothing, and a
 * server whose libraries do not hold the path, or that refuses the token, fails the delivery saying
 * so.
 */
@QuarkusTest
class MediaServerRescanTest {

  static final Path LIBRARY = TestDatabase.MEDIA.resolve("rescan-library");
  static final Path ELSEWHERE = TestDatabase.MEDIA.resolve("rescan-elsewhere");
  private ServiceFakes servers;

  @BeforeEach
  void fresh() throws Exception {
    JobsFixture.cleanForEncodes(LIBRARY);
    MediaFiles.deleteTree(LIBRARY);
    Files.createDirectories(LIBRARY);
    MediaFiles.deleteTree(ELSEWHERE);
    MediaFiles.deleteTree(TestDatabase.MEDIA.resolve(".optimizarr-recycle/rescan-library"));
    Files.createDirectories(ELSEWHERE);
    servers = new ServiceFakes();
    servers.plexLibraryRoot("/data/movies");
  }

  @AfterEach
  void close() {
    servers.close();
  }

  static int server(String name, String kind, String url, String secret) {
    return NotificationServicesTest.webhook(name, kind, url, secret, List.of("job.completed"));
  }

  static void link(int webhook, int folder, String serverPath) {
    var entry =
        serverPath == null
            ? Map.of("libraryId", folder)
            : Map.of("libraryId", folder, "serverPath", serverPath);
    asAdmin()
        .contentType("application/json")
        .body(List.of(entry))
        .put("/api/webhooks/" + webhook + "/folders")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldAskEachServerToRescanWhatTheReplaceChangedAsItSeesIt() throws Exception {
    int profile = Profiles.named("x264 for rescans").video("libx264", 35, "ultrafast").create();
    int folder =
        asAdmin()
            .contentType("application/json")
            .body(
                Map.of(
                    "path",
                    LIBRARY.toString(),
                    "profileId",
                    profile,
                    "extensions",
                    List.of("mkv", "avi"),
                    "outputMode",
                    "replace"))
            .post("/api/library")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    int plex = server("plex", "plex", servers.url(), ServiceFakes.PLEX_TOKEN);
    int jellyfin = server("jellyfin", "jellyfin", servers.url(), ServiceFakes.JELLYFIN_KEY);
    int emby = server("emby", "emby", servers.url(), ServiceFakes.EMBY_KEY);
    int otherPlex = server("plex, other libraries", "plex", servers.url(), ServiceFakes.PLEX_TOKEN);
    link(plex, folder, "/data/movies/");
    link(jellyfin, folder, "/media/films");
    link(emby, folder, null);
    link(otherPlex, folder, "/nowhere");
    asAdmin()
        .get("/api/webhooks/" + jellyfin + "/folders")
        .then()
        .body("[0].libraryPath", org.hamcrest.Matchers.equalTo(LIBRARY.toString()))
        .body("[0].serverPath", org.hamcrest.Matchers.equalTo("/media/films"));

    Path clip = Clips.clip(TestDatabase.MEDIA.resolve("library-clips"), "clip-2s.mkv", 2);
    int outside =
        JobsFixture.job(Files.copy(clip, ELSEWHERE.resolve("a.mkv")).toString(), "b.mkv", profile);
    JobsFixture.until(outside, "COMPLETED", Duration.ofSeconds(60));
    Path film = LIBRARY.resolve("Heat (1995)");
    Files.createDirectories(film);
    Files.copy(clip, film.resolve("film.avi"));
    MediaFiles.ageTree(LIBRARY);
    asAdmin().post("/api/library/" + folder + "/scan").then().statusCode(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(film.resolve("film.mkv")));

    for (int told : List.of(plex, jellyfin, emby)) {
      assertThat(WebhooksTest.settled(told))
          .as("server %d", told)
          .containsEntry("state", "DELIVERED");
    }
    var refreshed = servers.received("/library/sections/1/refresh");
    assertThat(refreshed).hasSize(1);
    assertThat(refreshed.get(0).query()).isEqualTo("path=%2Fdata%2Fmovies%2FHeat+%281995%29");
    assertThat(refreshed.get(0).answered()).isEqualTo(200);

    var updated = servers.received("/Library/Media/Updated");
    assertThat(updated).hasSize(1);
    assertThat(updated.get(0).answered()).isEqualTo(204);
    var updates = updated.get(0).json().path("Updates");
    assertThat(updates.get(0).path("Path").asText()).isEqualTo("/media/films/Heat (1995)/film.mkv");
    assertThat(updates.get(0).path("UpdateType").asText()).isEqualTo("Created");
    assertThat(updates.get(1).path("Path").asText()).isEqualTo("/media/films/Heat (1995)/film.avi");
    assertThat(updates.get(1).path("UpdateType").asText()).isEqualTo("Deleted");

    var emby1 = servers.received("/emby/Library/Media/Updated");
    assertThat(emby1).hasSize(1);
    assertThat(emby1.get(0).json().path("Updates").get(0).path("Path").asText())
        .isEqualTo(film.resolve("film.mkv").toString());

    assertThat(WebhooksTest.settled(otherPlex))
        .containsEntry("state", "FAILED")
        .containsEntry("attempts", 1)
        .extractingByKey("error")
        .asString()
        .startsWith("no Plex library holds /nowhere/Heat (1995)");
  }

  @Test
  void shouldTestEachServerWithItsTokenAndRefuseBadLinks() {
    int plex = server("plex", "plex", servers.url(), ServiceFakes.PLEX_TOKEN);
    int wrong = server("jellyfin, wrong key", "jellyfin", servers.url(), "not-the-key");
    int json =
        NotificationServicesTest.webhook(
            "json", "json", servers.url() + "/hook", null, List.of("job.failed"));

    asAdmin().post("/api/webhooks/" + plex + "/test").then().statusCode(202);
    asAdmin().post("/api/webhooks/" + wrong + "/test").then().statusCode(202);
    assertThat(WebhooksTest.settled(plex))
        .containsEntry("state", "DELIVERED")
        .containsEntry("statusCode", 200);
    assertThat(WebhooksTest.settled(wrong))
        .containsEntry("state", "FAILED")
        .containsEntry("attempts", 1)
        .containsEntry("statusCode", 401);

    asAdmin()
        .contentType("application/json")
        .body(List.of(Map.of("libraryId", 999999)))
        .put("/api/webhooks/" + plex + "/folders")
        .then()
        .statusCode(400)
        .body("errors.libraryId", containsString("no library folder 999999"));
    asAdmin()
        .contentType("application/json")
        .body(List.of(Map.of("libraryId", 1, "serverPath", "data/movies")))
        .put("/api/webhooks/" + plex + "/folders")
        .then()
        .statusCode(400)
        .body("errors.serverPath", containsString("not an absolute path"));
    asAdmin()
        .contentType("application/json")
        .body(List.of())
        .put("/api/webhooks/" + json + "/folders")
        .then()
        .statusCode(400)
        .body("errors.folders", containsString("only plex, jellyfin and emby"));
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "p",
                "kind",
                "plex",
                "url",
                servers.url(),
                "secret",
                "t",
                "events",
                List.of("job.failed")))
        .post("/api/webhooks")
        .then()
        .statusCode(400)
        .body("errors.events", containsString("only of job.completed"));
  }
}
