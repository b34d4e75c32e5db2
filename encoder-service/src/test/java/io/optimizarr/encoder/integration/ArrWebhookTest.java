package io.optimizarr.encoder.integration;

import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sonarr's and Radarr's webhooks, with payloads shaped as theirs are (many fields this does not
 * read): imports queued with their library folder's profile, through the test configuration's path
 * mapping {@code /arr/movies} to the media root's {@code arr-movies}; their test event; and the
 * payloads that are refused, queueing nothing.
 */
@QuarkusTest
class ArrWebhookTest {

  static final Path TV = TestDatabase.MEDIA.resolve("arr-tv");
  static final Path MOVIES = TestDatabase.MEDIA.resolve("arr-movies");

  private String adminKey;
  private int tvProfile;
  private int movieProfile;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    // Nothing is encoded here: what the webhook queues is what is looked at.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    MediaFiles.deleteTree(TV);
    MediaFiles.deleteTree(MOVIES);
    Files.createDirectories(TV.resolve("Show/Season 01"));
    Files.createDirectories(MOVIES.resolve("Film (2020)"));
    tvProfile = profile("arr tv", "libx265", 28, "medium", "mkv");
    movieProfile = profile("arr movies", "libx265", 24, "slow", "mkv");
    for (var folder : Map.of(TV, tvProfile, MOVIES, movieProfile).entrySet()) {
      int id =
          asAdmin()
              .contentType("application/json")
              .body(Map.of("path", folder.getKey().toString(), "profileId", folder.getValue()))
              .post("/api/library")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !"SCANNING"
                      .equals(
                          asAdmin().get("/api/library/" + id).then().extract().path("scanState")));
    }
    adminKey =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "sonarr-and-radarr", "role", "admin"))
            .post("/api/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
  }

  @AfterEach
  void restoreQueue() {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
  }

  private static Path clipAt(Path file) throws Exception {
    Path clip = Clips.clip(TestDatabase.MEDIA.resolve("arr-clips"), "clip-2s.mkv", 2);
    Files.copy(clip, file);
    return file;
  }

  private JsonPath post(String payload, int status) {
    return given()
        .queryParam("apikey", adminKey)
        .contentType("application/json")
        .body(payload)
        .post("/api/integrations/arr")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  private static long jobs(String where) {
    return TestDatabase.count("SELECT count(*) FROM encoding_job WHERE " + where);
  }

  static String sonarrDownload(String seriesPath, String relativePath, String path) {
    return """
        {"eventType":"Download","instanceName":"Sonarr","applicationUrl":"",
         "series":{"id":1,"title":"Show","titleSlug":"show","path":"%s","tvdbId":123,"type":"standard",
                   "year":2020,"genres":["Drama"],"images":[],"tags":[]},
         "episodes":[{"id":5,"episodeNumber":1,"seasonNumber":1,"title":"Pilot",
                      "airDate":"2020-01-01","airDateUtc":"2020-01-01T00:00:00Z","seriesId":1}],
         "episodeFile":{"id":9,"relativePath":"%s","path":"%s","quality":"WEBDL-1080p",
                        "qualityVersion":1,"size":123456,"mediaInfo":{"videoCodec":"x264"}},
         "isUpgrade":false,"downloadClient":"qBittorrent","downloadId":"ABC"}
        """
        .formatted(seriesPath, relativePath, path);
  }

  @Test
  void shouldQueueASonarrImportWithItsFoldersProfile() throws Exception {
    Path episode = clipAt(TV.resolve("Show/Season 01/Show - S01E01.mkv"));
    String root = TV.toRealPath().toString();

    JsonPath answer =
        post(
            sonarrDownload(root + "/Show", "Season 01/Show - S01E01.mkv", episode.toString()), 200);

    assertThat(answer.getString("source")).isEqualTo("sonarr");
    assertThat(answer.getBoolean("files[0].queued")).isTrue();
    assertThat(
            jobs(
                "input_path = '"
                    + episode.toRealPath()
                    + "' AND profile_id = "
                    + tvProfile
                    + " AND status = 'QUEUED'"))
        .isEqualTo(1);

    JsonPath again =
        post(
            sonarrDownload(root + "/Show", "Season 01/Show - S01E01.mkv", episode.toString()), 200);
    assertThat(again.getBoolean("files[0].queued")).isFalse();
    assertThat(again.getString("files[0].reason")).isEqualTo("a job has it already");
    assertThat(jobs("true")).isEqualTo(1);
  }

  @Test
  void shouldMapARadarrUpgradesPathAndFallBackToTheRelativePath() throws Exception {
    Path film = clipAt(MOVIES.resolve("Film (2020)/Film (2020).mkv"));
    String payload =
        """
        {"eventType":"Download","instanceName":"Radarr",
         "movie":{"id":3,"title":"Film","year":2020,"folderPath":"/arr/movies/Film (2020)",
                  "tmdbId":42,"imdbId":"tt1"},
         "remoteMovie":{"tmdbId":42,"imdbId":"tt1","title":"Film","year":2020},
         "movieFile":{"id":7,"relativePath":"Film (2020).mkv","quality":"Bluray-1080p",
                      "qualityVersion":1,"size":99},
         "isUpgrade":true,"downloadClient":"SABnzbd","downloadId":"X"}
        """;

    JsonPath answer = post(payload, 200);

    assertThat(answer.getString("eventType")).isEqualTo("Download (upgrade)");
    assertThat(answer.getString("source")).isEqualTo("radarr");
    assertThat(answer.getString("files[0].path"))
        .isEqualTo("/arr/movies/Film (2020)/Film (2020).mkv");
    assertThat(answer.getString("files[0].localPath")).isEqualTo(film.toString());
    assertThat(answer.getBoolean("files[0].queued")).isTrue();
    assertThat(jobs("input_path = '" + film.toRealPath() + "' AND profile_id = " + movieProfile))
        .isEqualTo(1);
  }

  @Test
  void shouldAnswerTheirTestButtonAndLeaveOtherEventsAlone() {
    JsonPath test =
        post(
            """
            {"eventType":"Test","instanceName":"Sonarr",
             "series":{"id":1,"title":"Test Title","path":"C:\\\\testpath","tvdbId":1234},
             "episodes":[{"id":123,"episodeNumber":1,"seasonNumber":1,"title":"Test title"}]}
            """,
            200);
    assertThat(test.getString("eventType")).isEqualTo("Test");
    assertThat(test.getList("files")).isEmpty();
    JsonPath grab =
        post(
            "{\"eventType\":\"Grab\",\"movie\":{\"id\":1,\"title\":\"Film\"},"
                + "\"release\":{\"quality\":\"HD\"}}",
            200);
    assertThat(grab.getString("note")).isEqualTo("Grab events queue nothing");
    assertThat(jobs("true")).isZero();
  }

  @Test
  void shouldShowWhereTheyPostAndTheMappingsInEffect() {
    var setup = asAdmin().get("/api/integrations/arr").then().statusCode(200).extract().jsonPath();
    assertThat(setup.getString("path")).isEqualTo("/api/integrations/arr");
    assertThat(setup.getList("pathMappings.from")).contains("/arr/movies");
  }

  @Test
  void shouldRefuseWhatIsNotTheirsNamingTheProblemAndQueueNothing() throws Exception {
    Path episode = clipAt(TV.resolve("Show/Season 01/Show - S01E02.mkv"));
    assertThat(
            post("{\"eventType\":\"Explode\",\"series\":{\"path\":\"/x\"}}", 400)
                .getString("detail"))
        .isEqualTo("eventType Explode is not a Sonarr or Radarr event this knows");
    assertThat(post("{\"eventType\":\"Explode\",\"series\":{}}", 400).getString("field"))
        .isEqualTo("eventType");
    assertThat(post("{not json", 400).getString("detail")).startsWith("the body is not JSON");
    assertThat(post("{\"eventType\":\"Download\"}", 400).getString("detail"))
        .isEqualTo("neither series (Sonarr) nor movie (Radarr) in the payload");
    assertThat(
            post("{\"eventType\":\"Download\",\"series\":{\"path\":\"/s\"}}", 400)
                .getString("field"))
        .isEqualTo("episodeFile");
    assertThat(post(sonarrDownload("/etc", "passwd", "/etc/passwd"), 400).getString("detail"))
        .startsWith("/etc/passwd is under no path mapping (")
        .contains("/arr/movies=" + TestDatabase.MEDIA.resolve("arr-movies"));
    Path loose = TestDatabase.MEDIA.resolve("arr-loose/e.mkv");
    assertThat(post(sonarrDownload("/s", "e.mkv", loose.toString()), 400).getString("detail"))
        .isEqualTo(loose + " is in no library folder");
    // Two files, the second under no library folder: neither is queued.
    String two =
        """
        {"eventType":"Download","series":{"path":"/s"},
         "episodeFiles":[{"path":"%s"},{"path":"/srv/elsewhere/e03.mkv"}]}
        """
            .formatted(episode);
    assertThat(post(two, 400).getString("field")).isEqualTo("path");
    assertThat(jobs("true")).isZero();

    given()
        .contentType("application/json")
        .body(sonarrDownload("/s", "e.mkv", episode.toString()))
        .post("/api/integrations/arr")
        .then()
        .statusCode(401);
    String viewerKey =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "a-viewer", "role", "viewer"))
            .post("/api/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    given()
        .header("X-Api-Key", viewerKey)
        .contentType("application/json")
        .body(sonarrDownload("/s", "e.mkv", episode.toString()))
        .post("/api/integrations/arr")
        .then()
        .statusCode(403);
    assertThat(jobs("true")).isZero();
  }
}
