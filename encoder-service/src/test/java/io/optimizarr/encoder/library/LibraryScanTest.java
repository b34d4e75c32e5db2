package io.optimizarr.encoder.library;

import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Library scans of a real folder tree: videos in nested folders queued, what the profile would not
 * change, hidden files, other extensions and files a job has already left alone, and nothing queued
 * twice however often the folder is scanned.
 */
@QuarkusTest
class LibraryScanTest {

  static final Path LIBRARY = TestDatabase.MEDIA.resolve("library");

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    // Nothing is encoded here: the scan's queue is what is looked at.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    MediaFiles.deleteTree(LIBRARY);
    Files.createDirectories(LIBRARY.resolve("Films/Old"));
    Files.createDirectories(LIBRARY.resolve("Shows/S01"));
    Files.createDirectories(LIBRARY.resolve(".trash"));
    Path clip = Clips.clip(TestDatabase.MEDIA.resolve("library-clips"), "clip-2s.mkv", 2);
    for (String name :
        List.of(
            "Films/one.mkv",
            "Films/Old/two.MKV",
            "Shows/S01/e01.mp4",
            "Shows/S01/e02.avi",
            ".trash/deleted.mkv",
            "Films/.hidden.mkv")) {
      Files.copy(clip, LIBRARY.resolve(name));
    }
    Files.writeString(LIBRARY.resolve("Films/notes.txt"), "not a film");
    Files.writeString(LIBRARY.resolve("Films/broken.mkv"), "not a film either");
    MediaFiles.ageTree(LIBRARY);
  }

  static void restoreQueue() {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
  }

  private static JsonPath add(Map<String, Object> body, int status) {
    return asAdmin()
        .contentType("application/json")
        .body(body)
        .post("/api/library")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  private static JsonPath done(int id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !asAdmin()
                    .get("/api/library/" + id)
                    .then()
                    .extract()
                    .path("scanState")
                    .equals("SCANNING"));
    return asAdmin().get("/api/library/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static List<String> queuedInputs() {
    return asAdmin()
        .get("/api/jobs?status=QUEUED&size=200")
        .then()
        .extract()
        .jsonPath()
        .getList("items.inputPath", String.class);
  }

  @Test
  void shouldScanWithAChangedFolderNextTimeAndKeepItsPath() throws Exception {
    try {
      int profile = profile("x264 for an edited folder", "libx264", 30, "ultrafast", "mkv");
      int id =
          add(
                  Map.of(
                      "path",
                      LIBRARY.toString(),
                      "profileId",
                      profile,
                      "extensions",
                      List.of("avi")),
                  201)
              .getInt("id");
      assertThat(done(id).getInt("filesQueued")).isEqualTo(1);

      var changed =
          asAdmin()
              .contentType("application/json")
              .body(
                  Map.of(
                      "profileId",
                      profile,
                      "extensions",
                      List.of("mp4"),
                      "rescanMinutes",
                      0,
                      "settleSeconds",
                      5,
                      "outputMode",
                      "replace"))
              .put("/api/library/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(changed.getList("extensions")).containsExactly("mp4");
      assertThat(changed.getInt("rescanMinutes")).isZero();
      assertThat(changed.getInt("settleSeconds")).isEqualTo(5);
      assertThat(changed.getString("outputMode")).isEqualTo("replace");
      assertThat(changed.getString("path")).isEqualTo(LIBRARY.toString());

      asAdmin().post("/api/library/" + id + "/scan").then().statusCode(202);
      assertThat(done(id).getInt("filesQueued"))
          .as("the mp4, with the new extensions")
          .isEqualTo(1);
      String root = LIBRARY.toRealPath().toString();
      assertThat(queuedInputs()).contains(root + "/Shows/S01/e01.mp4");

      asAdmin()
          .contentType("application/json")
          .body(
              Map.of(
                  "path", TestDatabase.MEDIA.resolve("elsewhere").toString(), "profileId", profile))
          .put("/api/library/" + id)
          .then()
          .statusCode(400)
          .body("errors.path", org.hamcrest.Matchers.containsString("cannot change"));
      asAdmin()
          .contentType("application/json")
          .body(Map.of("profileId", 999999))
          .put("/api/library/" + id)
          .then()
          .statusCode(400)
          .body("errors.profileId", org.hamcrest.Matchers.containsString("does not exist"));
      asAdmin()
          .contentType("application/json")
          .body(Map.of("profileId", profile, "settleSeconds", -1))
          .put("/api/library/" + id)
          .then()
          .statusCode(400)
          .body("field", equalTo("settleSeconds"));
      asAdmin()
          .contentType("application/json")
          .body(Map.of("profileId", profile))
          .put("/api/library/999999")
          .then()
          .statusCode(404);
      assertThat(done(id).getList("extensions")).as("nothing half-written").containsExactly("mp4");
    } finally {
      restoreQueue();
    }
  }

  @Test
  void shouldQueueEveryVideoOnceAcrossScans() throws Exception {
    try {
      int profile = profile("HEVC for the library", "libx265", 28, "medium", "mkv");
      var added =
          add(
              Map.of(
                  "path", LIBRARY.toString(),
                  "profileId", profile,
                  "extensions", List.of("mkv", ".MP4", "avi")),
              201);
      assertThat(added.getString("scanState")).isEqualTo("SCANNING");
      int id = added.getInt("id");

      var first = done(id);
      assertThat(first.getString("scanState")).isEqualTo("DONE");
      String root = LIBRARY.toRealPath().toString();
      assertThat(queuedInputs())
          .containsExactlyInAnyOrder(
              root + "/Films/one.mkv",
              root + "/Films/Old/two.MKV",
              root + "/Shows/S01/e01.mp4",
              root + "/Shows/S01/e02.avi");
      assertThat(first.getInt("filesSeen")).isEqualTo(5);
      assertThat(first.getInt("filesQueued")).isEqualTo(4);
      assertThat(first.getMap("skipReasons")).containsEntry("ffprobe cannot read it", 1);

      Files.copy(LIBRARY.resolve("Films/one.mkv"), LIBRARY.resolve("Films/three.mkv"));
      MediaFiles.ageTree(LIBRARY);
      asAdmin().post("/api/library/" + id + "/scan").then().statusCode(202);
      var second = done(id);
      assertThat(second.getInt("filesQueued")).as("only the new file").isEqualTo(1);
      assertThat(second.getMap("skipReasons")).containsEntry("a job has it already", 4);
      assertThat(queuedInputs()).hasSize(5).doesNotHaveDuplicates();
    } finally {
      restoreQueue();
    }
  }

  @Test
  void shouldLeaveAloneWhatTheProfileWouldNotChange() throws Exception {
    try {
      int h264 =
          Profiles.named("H.264 unless H.264")
              .video("libx264", 23, "fast")
              .container("mp4")
              .with("skipIfTargetCodec", true)
              .create();
      // A file whose output name is taken: its job would be refused.
      Files.writeString(LIBRARY.resolve("Shows/S01/e02.mp4"), "already there");
      MediaFiles.ageTree(LIBRARY);

      int id = add(Map.of("path", LIBRARY.toString(), "profileId", h264), 201).getInt("id");
      var scan = done(id);

      assertThat(scan.getInt("filesQueued")).isZero();
      assertThat(scan.getMap("skipReasons"))
          .containsEntry("already h264", 3)
          .containsEntry("its output file exists", 1)
          // broken.mkv, and the e02.mp4 that takes e02.avi's output name
          .containsEntry("ffprobe cannot read it", 2);
      assertThat(queuedInputs()).isEmpty();
    } finally {
      restoreQueue();
    }
  }

  @Test
  void shouldRefuseFoldersOutsideTheRootsAndBadFields() throws Exception {
    int profile = profile("for refusals", "libx264", 23, "fast", "mkv");
    assertThat(add(Map.of("path", "/etc", "profileId", profile), 400).getString("field"))
        .isEqualTo("path");
    asAdmin()
        .contentType("application/json")
        .body(Map.of("path", LIBRARY.resolve("Films/one.mkv").toString(), "profileId", profile))
        .post("/api/library")
        .then()
        .statusCode(400)
        .body("field", equalTo("path"));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("path", LIBRARY.toString(), "profileId", 999999))
        .post("/api/library")
        .then()
        .statusCode(400)
        .body("field", equalTo("profileId"));
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "path", LIBRARY.toString(), "profileId", profile, "extensions", List.of("m k v")))
        .post("/api/library")
        .then()
        .statusCode(400)
        .body("field", equalTo("extensions"));
    int id = add(Map.of("path", LIBRARY.toString(), "profileId", profile), 201).getInt("id");
    done(id);
    asAdmin()
        .contentType("application/json")
        .body(Map.of("path", LIBRARY.toString(), "profileId", profile))
        .post("/api/library")
        .then()
        .statusCode(409);
    asAdmin().delete("/api/profiles/" + profile).then().statusCode(409);
    asAdmin().delete("/api/library/" + id).then().statusCode(204);
    asAdmin().get("/api/library/" + id).then().statusCode(404);
  }
}
